import ClewDomain
import ClewStore
import Foundation

/// The managers' reports (issue 13), each beside its naive aggregate in raw SQL: over the last
/// 30 days (what `clew report` shows by default is the month so far) as admin (company) and
/// supervisor (team) and with one filter, and the heaviest ones over 90 days.
struct ReportBench {
    let bench: BenchDatabase
    let stopwatch: Stopwatch

    static let days = 30
    static let longDays = 90
    static let target = BenchReport.Target(name: "report", medianMs: 100, p99Ms: nil)

    func run(progress: (String) -> Void) throws -> [BenchReport.Query] {
        let context = bench.context
        let timeZone = context.calendar.timeZone
        let now = context.clock.now()
        let today = CalendarDay.containing(now, in: timeZone)
        let period = try ReportPeriod(from: today.adding(days: 1 - Self.days), through: today, in: timeZone)
        let (from, to) = (period.from, period.to)
        let baseline = BaselineQueries(database: context.database)
        var results: [BenchReport.Query] = []

        func measure(_ name: String, detail: String? = nil, service: () throws -> Int, baseline: (() throws -> Int)?) throws {
            progress(name)
            let timing = try stopwatch.measure(service: service, baseline: baseline)
            results.append(BenchReport.Query(name: name, detail: detail, timing: timing, target: Self.target))
        }

        let request = ReportRequest(period: period, granularity: .week)
        for (label, actor) in [("admin", bench.admin), ("supervisor \(bench.supervisor.login)", bench.supervisor)] {
            let reports = ReportService(context: context, actor: actor)
            try measure("report funnel · \(label)", detail: "\(Self.days) days; stage history per lead; baseline: status counts",
                        service: { try reports.funnel(request).body.steps.count },
                        baseline: { try baseline.funnelByStatus(from: from, to: to) })
            try measure("report reps · \(label)", detail: "SLAs per received lead, closings, workload",
                        service: { try reports.reps(request).body.lines.count },
                        baseline: { try baseline.assignedPerOwner(from: from, to: to) })
        }
        let admin = ReportService(context: context, actor: bench.admin)
        var filtered = request
        filtered.filters.source = "展会"
        try measure("report funnel · admin, source=展会", service: { try admin.funnel(filtered).body.steps.count },
                    baseline: { try baseline.funnelByStatus(from: from, to: to) })
        try measure("report stages · admin", detail: "every visit of the period: median, p90, plan, late",
                    service: { try admin.stages(request).body.lines.count },
                    baseline: { try baseline.stageVisits(from: from, to: to, now: now) })
        try measure("report sources · admin", service: { try admin.sources(request).body.lines.count },
                    baseline: { try baseline.leadsPer(.source, from: from, to: to) })
        try measure("report campaigns · admin", service: { try admin.campaigns(request).body.lines.count },
                    baseline: { try baseline.leadsPer(.campaign, from: from, to: to) })
        try measure("report customers · admin", service: { try admin.customers(request).body.lines.count },
                    baseline: { try baseline.topCustomers(from: from, to: to, limit: request.limit) })
        try measure("report trend · admin", detail: "weekly, with the previous \(Self.days) days",
                    service: { try admin.trend(request).body.points.count },
                    baseline: { try baseline.leadsRegistered(from: from, to: to) })

        // The dashboard's first frame: every panel for the last 30 days (what `5` shows first).
        let dashboardRequest = ReportRequest(period: period, granularity: ReportRange.last30.granularity)
        for (label, actor) in [("admin", bench.admin), ("supervisor \(bench.supervisor.login)", bench.supervisor)] {
            let reports = ReportService(context: context, actor: actor)
            try measure("dashboard · \(label)", detail: "funnel, stages, reps, sources, campaigns, daily trend",
                        service: { try reports.dashboard(dashboardRequest).funnel.steps.count },
                        baseline: { try baseline.funnelByStatus(from: from, to: to) })
        }

        let long = try ReportPeriod(from: today.adding(days: 1 - Self.longDays), through: today, in: timeZone)
        let longRequest = ReportRequest(period: long, granularity: .week)
        try measure("report funnel · admin, \(Self.longDays) days", service: { try admin.funnel(longRequest).body.steps.count },
                    baseline: { try baseline.funnelByStatus(from: long.from, to: long.to) })
        try measure("report stages · admin, \(Self.longDays) days", service: { try admin.stages(longRequest).body.lines.count },
                    baseline: { try baseline.stageVisits(from: long.from, to: long.to, now: now) })
        try measure("report reps · admin, \(Self.longDays) days", service: { try admin.reps(longRequest).body.lines.count },
                    baseline: { try baseline.assignedPerOwner(from: long.from, to: long.to) })
        return results
    }
}
