import ClewDomain
import ClewBenchBaselines
import ClewServices
import ClewStore
import Foundation

/// The managers' reports (issue 13), each beside its naive aggregate in raw SQL: every report
/// over the last 30 and 90 days, with no filter and with one (source=展会), for each role — admin
/// (the company), the demo rep's supervisor (the team), the demo rep (their own) and marketing
/// (the default scope of each report) — then the dashboard's first frame per role, with no filter and with one.
struct ReportBench {
    let bench: BenchDatabase
    let stopwatch: Stopwatch

    static let days = 30
    static let longDays = 90
    static let filterSource = "展会"
    static let target = BenchReport.Target(name: "report", medianMs: 100, p99Ms: nil)

    func run(progress: (String) -> Void) throws -> [BenchReport.Query] {
        let context = bench.context
        let timeZone = context.calendar.timeZone
        let now = context.clock.now()
        let today = CalendarDay.containing(now, in: timeZone)
        let baseline = BaselineQueries(database: context.database)
        var results: [BenchReport.Query] = []

        func measure(_ name: String, detail: String? = nil, service: () throws -> Int, baseline: (() throws -> Int)?) throws {
            progress(name)
            let timing = try stopwatch.measure(service: service, baseline: baseline)
            results.append(BenchReport.Query(name: name, detail: detail, timing: timing, target: Self.target))
        }

        var roles = [("admin", bench.admin), ("supervisor \(bench.supervisor.login)", bench.supervisor), ("rep \(bench.rep.login)", bench.rep)]
        if let marketing = bench.marketing { roles.append(("marketing \(marketing.login)", marketing)) }
        for days in [Self.days, Self.longDays] {
            let period = try ReportPeriod(from: today.adding(days: 1 - days), through: today, in: timeZone)
            let (from, to) = (period.from, period.to)
            for filtered in [false, true] {
                var request = ReportRequest(period: period, granularity: .week)
                if filtered { request.filters.source = Self.filterSource }
                let suffix = (days == Self.days ? "" : ", \(days) days") + (filtered ? ", source=\(Self.filterSource)" : "")
                for (label, actor) in roles {
                    let reports = ReportService(context: context, actor: actor)
                    let rows: [(ReportKind, () throws -> Int, () throws -> Int)] = [
                        (.funnel, { try reports.funnel(request).body.steps.count }, { try baseline.funnelByStatus(from: from, to: to) }),
                        (.stages, { try reports.stages(request).body.lines.count }, { try baseline.stageVisits(from: from, to: to, now: now) }),
                        (.reps, { try reports.reps(request).body.lines.count }, { try baseline.assignedPerOwner(from: from, to: to) }),
                        (.sources, { try reports.sources(request).body.lines.count }, { try baseline.leadsPer(.source, from: from, to: to) }),
                        (.campaigns, { try reports.campaigns(request).body.lines.count }, { try baseline.leadsPer(.campaign, from: from, to: to) }),
                        (.customers, { try reports.customers(request).body.lines.count },
                         { try baseline.topCustomers(from: from, to: to, limit: request.limit) }),
                        (.trend, { try reports.trend(request).body.points.count }, { try baseline.leadsRegistered(from: from, to: to) }),
                    ]
                    for (kind, service, naive) in rows {
                        // A report the role may not run at all is not a row.
                        guard ReportScope.allowedScopes(report: kind, role: actor.role)
                            .contains(ReportScope.defaultScope(report: kind, role: actor.role)) else { continue }
                        if (try? service()) == nil { continue }
                        try measure("report \(kind.rawValue) · \(label)\(suffix)", service: service, baseline: naive)
                    }
                }
            }
        }

        // The dashboard's first frame: every panel for the last 30 days (what `5` shows first),
        // with no filter and with one.
        let period = try ReportPeriod(from: today.adding(days: 1 - Self.days), through: today, in: timeZone)
        for filtered in [false, true] {
            var dashboardRequest = ReportRequest(period: period, granularity: ReportRange.last30.granularity)
            if filtered { dashboardRequest.filters.source = Self.filterSource }
            for (label, actor) in roles {
                let reports = ReportService(context: context, actor: actor)
                try measure("dashboard · \(label)" + (filtered ? ", source=\(Self.filterSource)" : ""),
                            detail: "funnel, stages, reps, sources, campaigns, daily trend",
                            service: { try reports.dashboard(dashboardRequest).funnel.steps.count },
                            baseline: { try baseline.funnelByStatus(from: period.from, to: period.to) })
            }
        }
        return results
    }
}
