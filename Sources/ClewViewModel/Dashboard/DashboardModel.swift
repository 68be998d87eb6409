import ClewDomain
import ClewServices
import Foundation

/// The sales dashboard (销售数据看板, seeds 000–003): the funnel with its conversion rates, time
/// per stage against plan with the bottleneck marked, the reps, sources or campaigns, and the
/// trend, for a range (this week … the last 90 days, stepped back and forth) and a scope the
/// reader's role allows. One cursor moves over the rows that have leads behind them; `Enter`
/// lists exactly those leads (``DashboardDrill``).
///
/// Figures are loaded when the dashboard is shown and again only after ``invalidate()`` (a
/// change in the database) when the source's fingerprint says its figures changed, or after a
/// change of range or scope, or of the period itself (the day turned).
public final class DashboardModel {
    let source: any DashboardReportSource
    let now: () -> Date
    let timeZone: TimeZone

    /// How many reps and sources a panel lists; the rest are a `clew report` away.
    public static let panelLines = 8
    /// How many leads of a drill-down are read at a time.
    public static let drillPage = 200

    public private(set) var range: ReportRange = .last30
    /// Periods back (negative) or forward from the current one.
    public private(set) var offset = 0
    public private(set) var scope: ReportScope
    /// The scopes the reader's role may choose from, narrowest first.
    public let scopes: [ReportScope]
    /// Campaigns instead of sources in the sources panel.
    public private(set) var showsCampaigns = false
    public private(set) var figures: DashboardFigures?
    public private(set) var rows: [DashboardRow] = []
    public private(set) var cursor = SelectionList()
    /// The leads behind the row opened with `Enter`, while they are shown.
    public private(set) var drill: DashboardDrill?
    /// True when the figures shown may be out of date (loaded lazily on the next ``reloadIfNeeded()``).
    public private(set) var isStale = true
    /// The source's fingerprint and the request when the figures were read.
    private var loaded: (fingerprint: Int64?, request: ReportRequest)?

    public init(source: any DashboardReportSource, role: Role, timeZone: TimeZone, now: @escaping () -> Date) {
        self.source = source
        self.timeZone = timeZone
        self.now = now
        scopes = ReportScope.allowedScopes(report: .funnel, role: role)
        scope = ReportScope.defaultScope(report: .funnel, role: role)
    }

    /// The period the figures cover.
    public var period: ReportPeriod { range.period(at: now(), offset: offset, in: timeZone) }

    /// What the reports are asked for.
    public var request: ReportRequest { ReportRequest(period: period, scope: scope, granularity: range.granularity) }

    // MARK: - Loading

    /// Marks the figures out of date; the next ``reloadIfNeeded()`` reads them again.
    public func invalidate() { isStale = true }

    /// Reads the figures when they are out of date: marked so, and the source's fingerprint or
    /// the period moved since they were read (a cheap read; the figures are not read otherwise).
    /// Returns whether the figures were read again (the frame needs drawing).
    @discardableResult
    public func reloadIfNeeded() throws -> Bool {
        guard isStale else { return false }
        if let loaded, figures != nil, loaded.request == request, let fingerprint = try source.fingerprint(),
           fingerprint == loaded.fingerprint {
            isStale = false
            return false
        }
        try reload()
        return true
    }

    /// Reads the figures on the next ``reloadIfNeeded()`` whatever the fingerprint says (the
    /// user asked to reload).
    public func discardFingerprint() {
        loaded = nil
        isStale = true
    }

    /// Reads the figures (and the open drill-down's leads) again, keeping the cursor on the same row.
    public func reload() throws {
        let focusedSlice = focusedRow?.slice
        // Read before the figures: a change in between is seen by the next check.
        let fingerprint = try source.fingerprint()
        let request = request
        let read = try source.dashboard(request)
        figures = read
        loaded = (fingerprint, request)
        rows = Self.rows(for: read, campaigns: showsCampaigns)
        cursor.count = rows.count
        isStale = false
        if let focusedSlice, let index = rows.firstIndex(where: { $0.slice == focusedSlice }) {
            cursor.select(index)
        } else {
            skipToSelectable(forward: true)
        }
        if let open = drill { try openDrill(open.row, keeping: open.cursor.index) }
    }

    /// The rows for `figures`: each panel's heading, then its lines.
    static func rows(for figures: DashboardFigures, campaigns: Bool) -> [DashboardRow] {
        var rows: [DashboardRow] = [.header(.funnel)]
        rows += figures.funnel.steps.map(DashboardRow.funnelStep)
        rows.append(.header(.stages))
        let bottleneck = figures.stages.bottleneck
        rows += figures.stages.lines.map { .stage($0, isBottleneck: $0.key == bottleneck?.stage) }
        if let bottleneck { rows.append(.bottleneck(bottleneck)) }
        rows.append(.header(.reps))
        let reps = figures.reps.lines
        rows += reps.prefix(panelLines).map(DashboardRow.rep)
        if reps.isEmpty { rows.append(.empty(.reps)) }
        if reps.count > panelLines { rows.append(.more(.reps, count: reps.count - panelLines)) }
        rows.append(.header(.sources))
        let sources = (campaigns ? figures.campaigns : figures.sources).lines
        rows += sources.prefix(panelLines).map { .source($0, campaign: campaigns) }
        if sources.isEmpty { rows.append(.empty(.sources)) }
        if sources.count > panelLines { rows.append(.more(.sources, count: sources.count - panelLines)) }
        rows.append(.header(.trend))
        rows += DashboardTrendMetric.allCases.map(DashboardRow.trend)
        return rows
    }

    // MARK: - Range and scope

    /// This week → this month → this quarter → last 30 days → last 90 days → this week, back at
    /// the current period.
    public func cycleRange() throws {
        range = range.next
        offset = 0
        try reload()
    }

    public func setRange(_ newRange: ReportRange) throws {
        range = newRange
        offset = 0
        try reload()
    }

    /// One period back (`-1`) or forward (`1`); never past the current one.
    public func shiftPeriod(by steps: Int) throws {
        let target = min(0, max(-ReportRange.maximumOffset, offset + steps))
        guard target != offset else { return }
        offset = target
        try reload()
    }

    /// The next scope the role allows (mine → team → all); false when there is only one.
    @discardableResult
    public func cycleScope() throws -> Bool {
        guard scopes.count > 1 else { return false }
        scope = scopes[((scopes.firstIndex(of: scope) ?? 0) + 1) % scopes.count]
        try reload()
        return true
    }

    /// Campaigns instead of sources, or back.
    public func toggleCampaigns() {
        showsCampaigns.toggle()
        guard let figures else { return }
        let panel = focusedRow?.panel
        rows = Self.rows(for: figures, campaigns: showsCampaigns)
        cursor.count = rows.count
        if panel == .sources, let index = rows.firstIndex(where: { $0.panel == .sources && $0.isSelectable }) { cursor.select(index) }
        skipToSelectable(forward: true)
    }

    // MARK: - Cursor

    /// The row under the cursor, if the cursor can stop there.
    public var focusedRow: DashboardRow? {
        rows.indices.contains(cursor.index) && rows[cursor.index].isSelectable ? rows[cursor.index] : nil
    }

    public func move(by delta: Int) {
        if drill != nil { drill?.move(by: delta); return }
        cursor.move(by: delta)
        skipToSelectable(forward: delta >= 0)
    }

    public func page(by pages: Int) {
        if drill != nil { drill?.page(by: pages); return }
        cursor.page(by: pages)
        skipToSelectable(forward: pages >= 0)
    }

    public func first() {
        if drill != nil { drill?.first(); return }
        cursor.first()
        skipToSelectable(forward: true)
    }

    public func last() {
        if drill != nil { drill?.last(); return }
        cursor.last()
        skipToSelectable(forward: false)
    }

    /// The first row of the next (or previous) panel that has one the cursor can stop on.
    public func jumpPanel(forward: Bool) {
        guard drill == nil, let current = rows.indices.contains(cursor.index) ? rows[cursor.index].panel : nil else { return }
        let panels = DashboardPanel.allCases
        var index = panels.firstIndex(of: current) ?? 0
        for _ in panels.indices {
            index = (index + (forward ? 1 : panels.count - 1)) % panels.count
            if let row = rows.firstIndex(where: { $0.panel == panels[index] && $0.isSelectable }) {
                cursor.select(row)
                return
            }
        }
    }

    /// Tells the model how many rows the screen shows.
    public func setVisibleRows(_ count: Int) {
        cursor.visibleRows = count
        drill?.setVisibleRows(count - 1)
    }

    private func skipToSelectable(forward: Bool) {
        cursor.selectNearest(forward: forward) { rows[$0].isSelectable }
        // A panel's first line comes into view with its heading.
        let index = cursor.index
        if index > 0, index - 1 < cursor.offset, rows.indices.contains(index - 1), case .header = rows[index - 1] {
            cursor.select(index - 1)
            cursor.select(index)
        }
    }

    // MARK: - The leads behind a figure

    /// Lists the leads behind the focused row; false when the row has none behind it.
    @discardableResult
    public func openFocused() throws -> Bool {
        guard let row = focusedRow else { return false }
        try openDrill(row, keeping: 0)
        return true
    }

    /// Reads more of the drill-down's leads when its cursor nears the end of those loaded.
    public func loadMoreIfNeeded() throws {
        guard let open = drill, open.needsMore else { return }
        let page = try source.leads(in: open.slice, request, offset: open.leads.count, limit: Self.drillPage)
        drill?.append(page.leads)
    }

    public func closeDrill() { drill = nil }

    private func openDrill(_ row: DashboardRow, keeping index: Int) throws {
        guard let slice = row.slice else { return }
        let wanted = max(Self.drillPage, index + 1)
        let page = try source.leads(in: slice, request, offset: 0, limit: min(wanted, 1_000))
        var opened = DashboardDrill(row: row, slice: slice, total: page.total, readable: page.readable, leads: page.leads)
        opened.setVisibleRows(max(1, cursor.visibleRows - 1))
        opened.select(index)
        drill = opened
    }
}
