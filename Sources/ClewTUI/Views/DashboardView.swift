import ClewDomain
import ClewViewModel
import Foundation

/// The sales dashboard: a heading with the range, dates and scope, then one row per figure —
/// funnel steps, stages (the bottleneck marked `!`, the plan a `|` past a bar that ends in time),
/// reps, sources or campaigns, trend lines —
/// each with its numbers in fixed columns and its bar or sparkline last on the row; or, after
/// `Enter`, the leads behind the focused figure.
///
/// Every label and number is placed at a column computed from display widths (CJK takes two
/// cells); the charts, whose block characters are East Asian *Ambiguous*, come after them, so a
/// terminal that draws those two cells wide moves no label.
struct DashboardView {
    let model: DashboardModel
    let t: Localizer
    let chart: ChartTier
    let focused: Bool

    /// Cells of the label column.
    static let labelWidth = 14
    /// The cursor's and the bottleneck's marks before each row.
    static let gutter = 2

    /// How many rows the list shows in a body of `height` (one for the heading).
    static func visibleRows(height: Int) -> Int { max(1, height - 1) }

    func draw(in rect: Rect, on canvas: Canvas) {
        drawHeading(row: rect.row, in: rect, on: canvas)
        let body = Rect(row: rect.row + 1, column: rect.column, height: rect.height - 1, width: rect.width)
        if let drill = model.drill {
            drawDrill(drill, in: body, on: canvas)
            return
        }
        let cursor = model.cursor
        for (index, row) in model.rows.dropFirst(cursor.offset).prefix(body.height).enumerated() {
            let selected = focused && cursor.offset + index == cursor.index && row.isSelectable
            draw(row, selected: selected, row: body.row + index, in: body, on: canvas)
        }
    }

    // MARK: - Heading

    private func drawHeading(row: Int, in rect: Rect, on canvas: Canvas) {
        let period = model.period
        let range = model.offset == 0 ? t("range.\(model.range.rawValue)") : t("range.past.\(model.range.rawValue)")
        let dates = "\(period.first) ~ \(period.last)"
        let scope = t("dash.scope", t("scope.\(model.scope.rawValue)"))
        canvas.line([(" " + range + "  ", "section"), (dates + "   ", "default"), (scope, "dim")],
                    row: row, column: rect.column, width: rect.width, fill: "default")
    }

    // MARK: - Rows

    /// A number column: its text, its width, right-aligned.
    private typealias Cell = (text: String, width: Int)

    private func draw(_ row: DashboardRow, selected: Bool, row y: Int, in rect: Rect, on canvas: Canvas) {
        let base = selected ? "card-focus" : "default"
        switch row {
        case let .header(panel):
            let title = panel == .sources && model.showsCampaigns ? t("dash.panel.campaigns") : t("dash.panel.\(panel.rawValue)")
            let headings = self.headings(panel).map { (text: t($0.key), width: $0.width) }
            canvas.fill(Rect(row: y, column: rect.column, height: 1, width: rect.width), element: "default")
            _ = columns(title, headings, row: y, in: rect, on: canvas, label: "section", numbers: "column-header")
        case let .funnelStep(step):
            let registered = Double(model.figures?.funnel.registered ?? 0)
            let end = numbers(name(step.englishName, step.chineseName), [
                (String(step.reached), 7), (percent(step.stepConversion), 6), (percent(step.cumulativeConversion), 6),
                (String(step.lostTotal), 6),
            ], row: y, selected: selected, in: rect, on: canvas)
            drawChart(chart.bar(Double(step.reached), of: registered, width: rect.right - end - 1), at: end + 1, row: y, in: rect,
                      element: selected ? base : "sla.on-time", on: canvas)
        case let .stage(line, isBottleneck):
            let scale = model.figures?.stages.lines.map { max($0.actual.median ?? 0, $0.planned.median ?? 0) }.max() ?? 0
            let end = numbers(name(line.englishName, line.chineseName), [
                (String(line.visits), 6), (String(line.late), 6), (duration(line.actual.median), 7),
                (duration(line.planned.median), 7), (duration(line.actual.p90), 7),
            ], row: y, selected: selected, mark: isBottleneck ? "!" : nil, in: rect, on: canvas)
            let slow = (line.overPlan ?? 0) > 1
            let width = rect.right - end - 1
            var bar = chart.bar(line.actual.median ?? 0, of: scale, width: width)
            // The plan as a tick where the bar would end on time (when the bar stops short of it).
            if let plan = line.planned.median, scale > 0 {
                let tick = min(width - 1, Int((plan / scale * Double(width)).rounded()))
                if DisplayWidth.of(bar) < tick { bar += String(repeating: " ", count: tick - DisplayWidth.of(bar)) + "|" }
            }
            drawChart(bar, at: end + 1, row: y, in: rect, element: selected ? base : (slow ? "sla.overdue" : "sla.on-time"), on: canvas)
        case let .bottleneck(bottleneck):
            let stage = model.figures?.stages.lines.first { $0.key == bottleneck.stage }
            let stageName = stage.map { name($0.englishName, $0.chineseName) } ?? bottleneck.stage
            let text = switch bottleneck.reason {
            case let .overPlan(ratio): t("dash.bottleneck.over-plan", stageName, String(format: "%.1f", ratio))
            case let .lowestConversion(rate): t("dash.bottleneck.conversion", stageName, percent(rate))
            }
            canvas.text(text, row: y, column: rect.column + Self.gutter, width: rect.width - Self.gutter, element: "sla.overdue", pad: true)
        case let .rep(line):
            let best = Double(model.figures?.reps.lines.map(\.wonAmount.fen).max() ?? 0)
            let inSLA = line.confirmed > 0 ? Double(line.confirmedWithinSLA) / Double(line.confirmed) : nil
            let end = numbers(line.name, [
                (String(line.received), 5), (percent(inSLA), 6), (String(line.won), 5), (line.wonAmount.compact, 9),
                (percent(line.winRate), 5), (percent(line.attainment), 6),
            ], row: y, selected: selected, in: rect, on: canvas)
            drawChart(chart.bar(Double(line.wonAmount.fen), of: best, width: rect.right - end - 1), at: end + 1, row: y, in: rect,
                      element: selected ? base : "card-amount", on: canvas)
        case let .source(line, campaign):
            let lines = (campaign ? model.figures?.campaigns : model.figures?.sources)?.lines ?? []
            let most = Double(lines.map(\.leads).max() ?? 0)
            let end = numbers(line.key.isEmpty ? t("dash.none") : line.key, [
                (String(line.leads), 6), (String(line.valid), 6), (String(line.won), 5), (line.wonAmount.compact, 9),
                (line.cost?.compact ?? "-", 8), (percent(line.roi), 6),
            ], row: y, selected: selected, in: rect, on: canvas)
            drawChart(chart.bar(Double(line.leads), of: most, width: rect.right - end - 1), at: end + 1, row: y, in: rect,
                      element: selected ? base : "badge", on: canvas)
        case let .trend(metric):
            guard let trend = model.figures?.trend else { return }
            let (total, previous, series) = figures(metric, trend)
            let format = { (value: Double) in metric == .wonAmount ? Money(totalFen: value).compact : String(Int(value)) }
            let change = previous > 0 ? percent((total - previous) / previous, signed: true) : "-"
            let end = numbers(t("dash.trend.\(metric.rawValue)"), [(format(total), 9), (format(previous), 9), (change, 7)],
                              row: y, selected: selected, in: rect, on: canvas)
            drawChart(chart.sparkline(series, width: rect.right - end - 1), at: end + 1, row: y, in: rect,
                      element: selected ? base : "timeline.date", on: canvas)
        case let .more(panel, count):
            let report = panel == .sources && model.showsCampaigns ? "campaigns" : panel.rawValue
            canvas.text(t("dash.more", count, report), row: y, column: rect.column + Self.gutter + 1, width: rect.width - Self.gutter - 1,
                        element: "dim")
        case let .empty(panel):
            canvas.text(t("dash.empty.\(panel.rawValue)"), row: y, column: rect.column + Self.gutter + 1, width: rect.width - Self.gutter - 1,
                        element: "dim")
        }
    }

    /// The column headings of a panel: catalogue keys and widths, matching the rows' numbers.
    private func headings(_ panel: DashboardPanel) -> [(key: String, width: Int)] {
        switch panel {
        case .funnel: [("dash.col.reached", 7), ("dash.col.next", 6), ("dash.col.cumulative", 6), ("dash.col.lost", 6)]
        case .stages: [("dash.col.visits", 6), ("dash.col.late", 6), ("dash.col.median", 7), ("dash.col.plan", 7), ("dash.col.p90", 7)]
        case .reps: [("dash.col.received", 5), ("dash.col.sla", 6), ("dash.col.won", 5), ("dash.col.amount", 9), ("dash.col.win-rate", 5),
                     ("dash.col.target", 6)]
        case .sources: [("dash.col.leads", 6), ("dash.col.valid", 6), ("dash.col.won", 5), ("dash.col.amount", 9), ("dash.col.cost", 8),
                        ("dash.col.roi", 6)]
        case .trend: [("dash.col.total", 9), ("dash.col.previous", 9), ("dash.col.change", 7)]
        }
    }

    /// A data row's gutter, label and numbers; returns the column after the last number.
    private func numbers(_ label: String, _ cells: [Cell], row y: Int, selected: Bool, mark: String? = nil,
                         in rect: Rect, on canvas: Canvas) -> Int {
        let base = selected ? "card-focus" : "default"
        let gutter = (selected ? ">" : " ") + (mark ?? " ")
        canvas.text(gutter, row: y, column: rect.column, width: Self.gutter, element: mark == nil ? base : (selected ? base : "sla.overdue"))
        let end = columns(label, cells, row: y, in: rect, on: canvas, label: base, numbers: base)
        if selected { canvas.fill(Rect(row: y, column: end, height: 1, width: max(0, rect.right - end)), element: base) }
        return end
    }

    /// Draws `label` and the right-aligned `cells` at fixed columns; returns the column after them.
    private func columns(_ label: String, _ cells: [Cell], row y: Int, in rect: Rect, on canvas: Canvas,
                         label labelElement: String, numbers element: String) -> Int {
        var x = rect.column + Self.gutter
        canvas.text(label, row: y, column: x, width: min(Self.labelWidth, max(0, rect.right - x)), element: labelElement, pad: true)
        x += Self.labelWidth
        for cell in cells where x + 1 + cell.width <= rect.right {
            let text = DisplayWidth.truncate(cell.text, to: cell.width)
            let padding = String(repeating: " ", count: 1 + cell.width - DisplayWidth.of(text))
            canvas.text(padding + text, row: y, column: x, width: cell.width + 1, element: element)
            x += cell.width + 1
        }
        return x + 1
    }

    private func drawChart(_ text: String, at x: Int, row y: Int, in rect: Rect, element: String, on canvas: Canvas) {
        guard x < rect.right, !text.isEmpty else { return }
        canvas.text(text, row: y, column: x, width: rect.right - x, element: element)
    }

    // MARK: - Drill-down

    private func drawDrill(_ drill: DashboardDrill, in rect: Rect, on canvas: Canvas) {
        var title = t("dash.drill.title", sliceLabel(drill.row), drill.total)
        if drill.readable < drill.total { title += "  " + t("dash.drill.readable", drill.readable) }
        canvas.line([(" " + title, "section")], row: rect.row, column: rect.column, width: rect.width, fill: "default")
        if drill.leads.isEmpty {
            canvas.text(t("dash.drill.empty"), row: rect.row + 2, column: rect.column + 2, width: rect.width - 2, element: "dim")
            return
        }
        let cursor = drill.cursor
        for (index, lead) in drill.leads.dropFirst(cursor.offset).prefix(rect.height - 1).enumerated() {
            let base = focused && cursor.offset + index == cursor.index ? "card-focus" : "default"
            let stage = lead.stage.map { key in model.figures?.stages.lines.first { $0.key == key }.map { name($0.englishName, $0.chineseName) } ?? key }
            canvas.line([("  " + DisplayWidth.pad(lead.number.description, to: 16) + " ", base == "default" ? "card-number" : base),
                         (DisplayWidth.pad(t.status(lead.status), to: 10) + " ", base), (DisplayWidth.pad(lead.owner ?? "-", to: 12) + " ", base),
                         (DisplayWidth.pad(lead.details.customer ?? "", to: 28) + " ", base), (stage ?? "", base == "default" ? "dim" : base)],
                        row: rect.row + 1 + index, column: rect.column, width: rect.width, fill: base)
        }
    }

    /// What the opened row counted, in words.
    private func sliceLabel(_ row: DashboardRow) -> String {
        switch row {
        case let .funnelStep(step): t("dash.slice.funnel", name(step.englishName, step.chineseName))
        case let .stage(line, _): t("dash.slice.late", name(line.englishName, line.chineseName))
        case let .rep(line): t("dash.slice.received", line.name)
        case let .source(line, campaign):
            t(campaign ? "dash.slice.campaign" : "dash.slice.source", line.key.isEmpty ? t("dash.none") : line.key)
        case let .trend(metric): t(metric == .newLeads ? "dash.slice.registered" : "dash.slice.won")
        case .header, .bottleneck, .more, .empty: ""
        }
    }

    // MARK: - Formatting

    private func name(_ english: String, _ chinese: String) -> String { t.language == .zh ? chinese : english }

    private func percent(_ value: Double?, signed: Bool = false) -> String {
        guard let value, value.isFinite else { return "-" }
        let rounded = Int((value * 100).rounded())
        return (signed && rounded > 0 ? "+" : "") + "\(rounded)%"
    }

    /// Working time: `5h` under a working day, else working days, `3.2d` (`5小时`, `3.2天`); `-` for none.
    private func duration(_ seconds: TimeInterval?) -> String {
        guard let seconds, seconds.isFinite else { return "-" }
        let day = model.figures?.workingDay ?? 86_400
        if seconds < day { return "\(Int((seconds / 3_600).rounded()))\(t("hours"))" }
        return String(format: "%.1f", seconds / day) + t("days")
    }

    /// A trend line's total, the previous period's, and its series.
    private func figures(_ metric: DashboardTrendMetric, _ trend: TrendReport) -> (Double, Double, [Double]) {
        switch metric {
        case .newLeads: (Double(trend.total.newLeads), Double(trend.previousTotal.newLeads), trend.points.map { Double($0.current.newLeads) })
        case .won: (Double(trend.total.won), Double(trend.previousTotal.won), trend.points.map { Double($0.current.won) })
        case .wonAmount: (Double(trend.total.wonAmount.fen), Double(trend.previousTotal.wonAmount.fen),
                          trend.points.map { Double($0.current.wonAmount.fen) })
        }
    }
}
