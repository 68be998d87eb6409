import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// A report as a table: a title, the filters, a header and rows — what the text, CSV and xlsx
/// outputs print. (JSON prints the report's own structure.)
struct ReportTable {
    var kind: ReportKind
    var title: String
    var filters: [String]
    var header: [String]
    var rows: [[String]]
    /// Lines printed under the table in text output (the bottleneck, totals).
    var notes: [String] = []
    /// Further tables of the report (a reps report's teams): their own sheets in xlsx, notes in text.
    var moreTables: [(name: String, header: [String], rows: [[String]])] = []

    /// The aligned text form, title first.
    func text() -> String {
        var lines = [title + (filters.isEmpty ? "" : " · " + filters.joined(separator: " "))]
        lines.append("")
        lines.append(contentsOf: Output.tableLines(header, rows))
        if !notes.isEmpty { lines.append(""); lines.append(contentsOf: notes.map(Output.safe)) }
        return lines.joined(separator: "\n") + "\n"
    }

    private init<Body>(_ report: Report<Body>, name: String, header: [String], rows: [[String]]) {
        kind = report.kind
        title = Output.safe("\(name) · \(report.period.first) … \(report.period.last) · scope \(report.scope.rawValue)")
        filters = report.filters.map(Output.safe)
        self.header = header
        self.rows = rows
    }

    // MARK: - Each report

    static func funnel(_ report: Report<FunnelReport>) -> ReportTable {
        ReportTable(report, name: "Funnel 漏斗", header: ["STEP", "步骤", "REACHED", "MOVED ON", "STEP %", "CUMULATIVE %", "STILL HERE", "LOST", "LOST BY REASON"],
                    rows: report.body.steps.map { step in
                        [step.key, step.chineseName, String(step.reached), String(step.movedOn), percent(step.stepConversion),
                         percent(step.cumulativeConversion), String(step.stillHere), String(step.lostTotal),
                         step.lostHere.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")]
                    })
    }

    /// Times in working days of `workingDay` seconds (the calendar's working hours).
    static func stages(_ report: Report<StageTimeReport>, pipeline: Pipeline, workingDay: TimeInterval) -> ReportTable {
        func workdays(_ seconds: TimeInterval?) -> String { days(seconds.map { $0 / workingDay * 86_400 }) }
        var table = ReportTable(
            report, name: "Time per stage 阶段耗时 (working days 工作日)",
            header: ["STAGE", "阶段", "EXPECTED", "VISITS", "OPEN", "MEDIAN wd", "P90 wd", "MEAN wd", "PLAN wd", "LATE", "LATE %", "× PLAN", "CONV %"],
            rows: report.body.lines.map { line in
                [line.key, line.chineseName, line.expected, String(line.visits), String(line.open), workdays(line.actual.median),
                 workdays(line.actual.p90), workdays(line.actual.mean), workdays(line.planned.median), String(line.late), percent(line.lateShare),
                 line.overPlan.map { String(format: "%.2f", $0) } ?? "", percent(line.conversion)]
            })
        if let bottleneck = report.body.bottleneck {
            let name = pipeline.stage(named: bottleneck.stage).map { "\($0.key) \($0.chineseName)" } ?? bottleneck.stage
            switch bottleneck.reason {
            case let .overPlan(ratio):
                table.notes.append("Bottleneck 瓶颈: \(name) — its median time is \(String(format: "%.1f", ratio))× its plan (耗时超出计划).")
            case let .lowestConversion(rate):
                table.notes.append("Bottleneck 瓶颈: \(name) — no stage runs over plan; it converts the fewest (\(percent(rate))) (转化率最低).")
            }
        }
        return table
    }

    static func reps(_ report: Report<RepReport>) -> ReportTable {
        var table = ReportTable(
            report, name: "Reps 销售业绩",
            header: ["REP", "NAME", "RECEIVED", "CONFIRMED", "IN SLA", "FOLLOWED", "IN SLA", "ACTIVE", "WON", "LOST", "WON ¥", "WIN %", "CYCLE d",
                     "OPEN", "TARGET ¥", "ATTAIN %"],
            rows: report.body.lines.map { line in
                [line.login, line.name, String(line.received), String(line.confirmed), String(line.confirmedWithinSLA), String(line.followedUp),
                 String(line.followedUpWithinSLA), String(line.byStatus[LeadStatus.active.rawValue] ?? 0), String(line.won), String(line.lost),
                 line.wonAmount.description, percent(line.winRate), days(line.averageCycleDays.map { $0 * 86_400 }), String(line.openWorkload),
                 line.target?.description ?? "", percent(line.attainment)]
            })
        table.moreTables.append((name: "teams", header: ["SUPERVISOR", "TEAM", "REPS", "RECEIVED", "WON", "WON ¥", "TARGET ¥", "ATTAIN %"],
                                 rows: report.body.teams.map { team in
                                     [team.supervisor, team.name, String(team.reps), String(team.received), String(team.won),
                                      team.wonAmount.description, team.target?.description ?? "", percent(team.attainment)]
                                 }))
        for team in report.body.teams {
            table.notes.append("Team 团队 \(team.name) (\(team.supervisor)): \(team.reps) reps, \(team.received) received, \(team.won) won, "
                               + "\(team.wonAmount)" + (team.target.map { " of target \($0) (\(percent(team.attainment)))" } ?? ""))
        }
        return table
    }

    static func sources(_ report: Report<SourceReport>) -> ReportTable {
        let campaigns = report.kind == .campaigns
        let onReceived = report.body.roiBasis == .received
        var header = [campaigns ? "CAMPAIGN" : "SOURCE", "LEADS", "VALID", "VALID %", "OPPORTUNITIES", "WON", "WON/VALID %", "WON ¥", "RECEIVED ¥"]
        if campaigns { header += ["COST ¥", "PER LEAD ¥", "PER VALID ¥", onReceived ? "ROI % (RECEIVED)" : "ROI %"] + (onReceived ? ["ROI % (WON)"] : []) }
        var table = ReportTable(report, name: campaigns ? "Campaigns 营销活动" : "Sources 线索来源", header: header, rows: report.body.lines.map { line in
            var row = [line.key.isEmpty ? "—" : line.key, String(line.leads), String(line.valid), percent(line.validShare), String(line.opportunities),
                       String(line.won), percent(line.winRate), line.wonAmount.description, line.received.description]
            if campaigns {
                row += [line.cost?.description ?? "", line.costPerLead?.description ?? "", line.costPerValidLead?.description ?? "", percent(line.roi)]
                if onReceived { row.append(percent(line.wonROI)) }
            }
            return row
        })
        if campaigns {
            table.notes.append(onReceived
                ? "ROI 回报率 = (received 回款 − cost) / cost; ROI (WON) on the amounts won."
                : "ROI 回报率 = (won − cost) / cost: no payment is recorded yet (clew payment add).")
        }
        return table
    }

    static func customers(_ report: Report<CustomerReport>) -> ReportTable {
        ReportTable(report, name: "Top customers 客户排名", header: ["#", "CUSTOMER", "INDUSTRY", "REGION", "DEALS", "WON ¥", "CYCLE d", "LAST ACTIVITY"],
                    rows: report.body.lines.enumerated().map { index, line in
                        [String(index + 1), line.name, line.industry ?? "", line.region ?? "", String(line.deals), line.wonAmount.description,
                         days(line.averageCycleDays.map { $0 * 86_400 }), Output.time(line.lastActivityAt)]
                    })
    }

    static func trend(_ report: Report<TrendReport>) -> ReportTable {
        let body = report.body
        var table = ReportTable(report, name: "Trend 趋势 (\(body.granularity.rawValue))",
                                header: ["BUCKET", "FROM", "NEW", "PREV NEW", "WON", "PREV WON", "WON ¥", "PREV WON ¥"],
                                rows: body.points.map { point in
                                    [point.bucket.label, point.bucket.first.description, String(point.current.newLeads), String(point.previous.newLeads),
                                     String(point.current.won), String(point.previous.won), point.current.wonAmount.description,
                                     point.previous.wonAmount.description]
                                })
        table.notes.append("Total 合计: \(body.total.newLeads) new (previous \(body.previousTotal.newLeads)), \(body.total.won) won "
                           + "(previous \(body.previousTotal.won)), \(body.total.wonAmount) (previous \(body.previousTotal.wonAmount)).")
        return table
    }

    // MARK: - Cells

    static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", $0 * 100) } ?? ""
    }

    /// Seconds as days with one decimal.
    static func days(_ seconds: TimeInterval?) -> String {
        seconds.map { String(format: "%.1f", $0 / 86_400) } ?? ""
    }
}
