import ClewDomain
import ClewServices
import ClewViewModel
import Foundation

/// Everything on screen for one frame: tabs, the current screen (with the detail pane beside it
/// on wide terminals, instead of it on narrow ones), overlays, the status line and the key bar.
///
/// Layout is a pure function of the size and the state (``layout(for:detailOpen:)``); drawing
/// only paints.
public struct AppView {
    /// The key bar's entries for the current context: (keys, label).
    public var bar: [(String, String)]
    /// The help screen's sections.
    public var help: [(title: String, items: [(keys: String, description: String)])]
    /// How the dashboard draws its charts.
    public var charts: ChartTier

    public init(bar: [(String, String)], help: [(title: String, items: [(keys: String, description: String)])], charts: ChartTier = .blocks) {
        self.bar = bar
        self.help = help
        self.charts = charts
    }

    /// The smallest usable terminal.
    public static let minimumSize = ScreenSize(rows: 24, columns: 80)
    /// From this width the detail pane opens beside the list instead of over it.
    public static let sideBySideWidth = 140

    /// Where the body's parts go.
    public struct Layout: Equatable {
        public var list: Rect?
        public var detail: Rect?
    }

    public static func layout(for size: ScreenSize, detailOpen: Bool) -> Layout {
        let body = Rect(row: 1, column: 0, height: size.rows - 3, width: size.columns)
        guard detailOpen else { return Layout(list: body, detail: nil) }
        guard size.columns >= sideBySideWidth else { return Layout(list: nil, detail: body) }
        let (left, right) = body.splitLeft(size.columns * 11 / 20)
        return Layout(list: left, detail: right)
    }

    /// Tells the view models how much each list can show, before loading and drawing.
    public static func updateViewports(_ app: AppModel, size: ScreenSize) throws {
        let layout = layout(for: size, detailOpen: app.detail != nil)
        guard let list = layout.list else { return }
        let columns = BoardView.visibleColumns(width: list.width, total: max(1, app.board.columns.count))
        try app.board.setViewport(columns: columns, rows: BoardView.cardsPerColumn(height: list.height))
        app.inbox.setVisibleRows(list.height)
        app.screening?.setVisibleRows(list.height - 2)
        app.pools.setVisibleRows(list.height - 2)
        app.customers.setVisibleRows(list.height - CustomersView.headerRows)
        app.receivables.setVisibleRows(ReceivablesView.visibleRows(height: list.height))
        app.search.setVisibleRows(list.height - 1)
        app.dashboard.setVisibleRows(DashboardView.visibleRows(height: list.height))
    }

    public func draw(_ app: AppModel, on screen: any Screen, style: @escaping (String) -> TextAttributes) {
        let canvas = Canvas(screen: screen, style: style)
        let size = screen.size
        screen.clear()
        screen.setCursor(row: 0, column: 0, visible: false)
        let t = app.localizer
        let clock = ShortTime(timeZone: app.services.timeZone)
        guard size.rows >= Self.minimumSize.rows, size.columns >= Self.minimumSize.columns else {
            canvas.text(t("too-small") + " (\(size.columns)×\(size.rows))", row: size.rows / 2, column: 0, width: size.columns, element: "status-error")
            screen.present()
            return
        }
        drawTabs(app, canvas: canvas, width: size.columns)
        let layout = Self.layout(for: size, detailOpen: app.detail != nil)
        if let list = layout.list {
            let focused = !app.detailFocused
            switch app.screen {
            case .board: BoardView(model: app.board, t: t, now: app.services.now, focused: focused).draw(in: list, on: canvas)
            case .inbox: InboxView(model: app.inbox, t: t, focused: focused, clock: clock).draw(in: list, on: canvas)
            case .screening: if let model = app.screening { ScreeningView(model: model, t: t, focused: focused).draw(in: list, on: canvas) }
            case .dashboard: DashboardView(model: app.dashboard, t: t, chart: charts, focused: focused).draw(in: list, on: canvas)
            case .search: SearchView(model: app.search, t: t, focused: focused).draw(in: list, on: canvas)
            case .pools: PoolsView(model: app.pools, t: t, focused: focused).draw(in: list, on: canvas)
            case .customers: CustomersView(model: app.customers, t: t, focused: focused, clock: clock).draw(in: list, on: canvas)
            case .receivables: ReceivablesView(model: app.receivables, t: t, focused: focused).draw(in: list, on: canvas)
            }
        }
        if let rect = layout.detail, let detail = app.detail {
            DetailView(model: detail, t: t, pipeline: app.services.pipeline, focused: app.detailFocused, clock: clock).draw(in: rect, on: canvas)
        }
        let whole = Rect(row: 1, column: 0, height: size.rows - 3, width: size.columns)
        switch app.overlay {
        case let .form(form): FormView(model: form, t: t).draw(in: whole, on: canvas)
        case let .confirm(question): ConfirmView(message: question.message, answers: question.answers, t: t).draw(in: whole, on: canvas)
        case .help:
            HelpView(sections: help, scroll: app.helpScroll, query: app.helpQuery, finding: app.helpFinding, t: t)
                .draw(in: whole, on: canvas)
        case .prompt, nil: break
        }
        drawStatus(app, canvas: canvas, row: size.rows - 2, width: size.columns)
        drawBar(canvas: canvas, row: size.rows - 1, width: size.columns)
        screen.present()
    }

    private func drawTabs(_ app: AppModel, canvas: Canvas, width: Int) {
        let keys: [AppModel.Screen: String] = [.board: "1", .inbox: "2", .screening: "3", .pools: "4", .dashboard: "5", .customers: "6", .receivables: "7", .search: "/"]
        let user = app.services.actor
        let onDashboard = app.screen == .dashboard
        let scope = app.localizer("scope.\((onDashboard ? app.dashboard.scope.rawValue : app.board.scope.rawValue))")
        func reader(login: Bool) -> String {
            let filter = !onDashboard && !app.board.filter.isEmpty ? " · " + app.describe(app.board.filter) : ""
            return user.profile.name + (login ? " (\(user.login))" : "") + " · " + scope + filter
        }
        var right = reader(login: true)
        // When the tabs and the reader do not fit, the reader's login goes first (the name says
        // who it is), then the inactive tabs from the right show their key alone.
        let tabs = app.tabs
        var compact = Set<Int>()
        func segments() -> [(String, String)] {
            var list: [(String, String)] = [(" Clew ", "title-bar")]
            for (index, tab) in tabs.enumerated() {
                let active = tab.screen == app.screen
                list.append((" \(keys[tab.screen] ?? "")" + (compact.contains(index) ? "" : " \(tab.title)"), active ? "tab-active" : "tab"))
                if let badge = tab.badge, badge > 0 { list.append((" \(badge)", active ? "tab-active" : "badge")) }
                list.append((" ", active ? "tab-active" : "tab"))
            }
            return list
        }
        var list = segments()
        func overflows() -> Bool { list.reduce(0, { $0 + DisplayWidth.of($1.0) }) + DisplayWidth.of(right) + 2 > width }
        if overflows() { right = reader(login: false) }
        for index in tabs.indices.reversed() where tabs[index].screen != app.screen {
            guard overflows() else { break }
            compact.insert(index)
            list = segments()
        }
        // Dropping a long name may have freed room for a shorter one, from the left.
        for index in compact.sorted() {
            compact.remove(index)
            list = segments()
            if overflows() {
                compact.insert(index)
                list = segments()
            }
        }
        let used = list.reduce(0) { $0 + DisplayWidth.of($1.0) }
        list.append((String(repeating: " ", count: max(1, width - used - DisplayWidth.of(right) - 1)), "title-bar"))
        list.append((right + " ", "title-bar"))
        canvas.line(list, row: 0, column: 0, width: width, fill: "title-bar")
    }

    private func drawStatus(_ app: AppModel, canvas: Canvas, row: Int, width: Int) {
        if case let .prompt(prompt) = app.overlay {
            let window = TextWrap.window(prompt.text, cursor: prompt.cursor, width: width - 1)
            canvas.text(prompt.sigil + window.text, row: row, column: 0, width: width, element: "prompt", pad: true)
            canvas.screen.setCursor(row: row, column: min(1 + window.cursorColumn, width - 1), visible: true)
            return
        }
        guard let status = app.status else {
            canvas.fill(Rect(row: row, column: 0, height: 1, width: width), element: "status-bar")
            return
        }
        let element = status.kind == .error ? "status-error" : status.kind == .warning ? "status-warning" : "status-info"
        canvas.text(" " + status.text, row: row, column: 0, width: width, element: element, pad: true)
    }

    /// The key bar: as many entries as fit, in order, but the help entry (`?`) always shows,
    /// at the end.
    private func drawBar(canvas: Canvas, row: Int, width: Int) {
        func cells(_ item: (String, String)) -> Int { DisplayWidth.of(" \(item.0)") + DisplayWidth.of(" \(item.1) ") }
        let helpIndex = bar.firstIndex { $0.0 == "?" || $0.0.hasPrefix("? ") }
        let reserved = helpIndex.map { cells(bar[$0]) } ?? 0
        var shown: [(String, String)] = []
        var used = 0
        for (index, item) in bar.enumerated() where index != helpIndex {
            guard used + cells(item) + reserved <= width else { break }
            shown.append(item)
            used += cells(item)
        }
        if let helpIndex { shown.append(bar[helpIndex]) }
        var segments: [(String, String)] = []
        for (keys, label) in shown {
            segments.append((" \(keys)", "key-bar-key"))
            segments.append((" \(label) ", "key-bar"))
        }
        canvas.line(segments, row: row, column: 0, width: width, fill: "key-bar")
    }
}
