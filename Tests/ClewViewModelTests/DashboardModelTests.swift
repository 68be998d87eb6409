import ClewDomain
import ClewServices
import ClewStore
@testable import ClewViewModel
import Foundation
import Testing

/// The dashboard's view model over a fixed set of figures (no database), and over the real
/// reports of a small pipeline: what each key does to the state, and that the list behind a
/// figure holds exactly as many leads as the figure counted.
@Suite("Dashboard")
struct DashboardModelTests {
    /// Figures known by heart: 10 registered, 8 valid, 6 assigned, 5 in discovery, 3 in proposal,
    /// 2 won; two reps; two sources and one campaign; a trend of three days.
    /// Used from one test's thread only, hence unchecked.
    final class FixedReports: DashboardReportSource, @unchecked Sendable {
        var requests: [ReportRequest] = []
        var slices: [ReportSlice] = []
        /// What ``fingerprint()`` answers (nil: cannot tell).
        var version: Int64?

        func fingerprint() throws -> Int64? { version }

        static let zone = TimeZone(identifier: "Asia/Shanghai") ?? .current

        func dashboard(_ request: ReportRequest) throws -> DashboardFigures {
            requests.append(request)
            let pipeline = Pipeline.standard
            let funnel = FunnelReport(pipeline: pipeline, outcomes: [
                .init(intake: 0, furthestStage: nil, status: .lost, lostReason: "invalid", count: 2),
                .init(intake: 1, furthestStage: nil, status: .screening, lostReason: nil, count: 2),
                .init(intake: 2, furthestStage: nil, status: .assigned, lostReason: nil, count: 1),
                .init(intake: 2, furthestStage: 0, status: .active, lostReason: nil, count: 2),
                .init(intake: 2, furthestStage: 1, status: .lost, lostReason: "budget", count: 1),
                .init(intake: 2, furthestStage: 3, status: .won, lostReason: nil, count: 2),
            ])
            let day: TimeInterval = 86_400
            let stages = StageTimeReport(pipeline: pipeline, aggregates: [
                .init(stage: 0, open: 2, late: 1, actual: DurationStatistics([2 * day, 4 * day, 9 * day]), planned: DurationStatistics([3 * day, 3 * day, 3 * day])),
                .init(stage: 1, open: 0, late: 0, actual: DurationStatistics([1 * day]), planned: DurationStatistics([2 * day])),
            ], funnel: funnel)
            let reps = RepReport(names: ["alice": "王芳", "carol": "Carol"], received: [], closings: [
                .init(owner: "alice", won: 2, wonAmount: Money(fen: 76_000_000), lost: 1, wonCycleSeconds: 20 * day, openWorkload: 3),
            ], sla: ProcessDefinition.standard.sla, calendar: .standard(timeZone: Self.zone))
            let sources = SourceReport(counts: [
                .init(key: "展会", leads: 6, valid: 5, opportunities: 4, won: 2, wonAmount: Money(fen: 76_000_000)),
                .init(key: "官网注册", leads: 4, valid: 3, opportunities: 1, won: 0, wonAmount: .zero),
            ])
            let campaigns = SourceReport(counts: [.init(key: "秋季展会", leads: 6, valid: 5, opportunities: 4, won: 2, wonAmount: Money(fen: 76_000_000))],
                                         costs: ["秋季展会": Money(fen: 5_000_000)])
            let buckets = ReportGranularity.day.buckets(covering: request.period, in: Self.zone)
            let trend = TrendReport(granularity: .day, buckets: buckets,
                                    current: buckets.indices.map { TrendReport.Figures(newLeads: $0 % 3) }, previous: [])
            return DashboardFigures(period: request.period, scope: request.scope ?? .team, funnel: funnel, stages: stages, reps: reps,
                                    sources: sources, campaigns: campaigns, trend: trend)
        }

        func leads(in slice: ReportSlice, _ request: ReportRequest, offset: Int, limit: Int) throws -> ReportSliceLeads {
            slices.append(slice)
            return ReportSliceLeads(total: 6, readable: 6, leads: [])
        }
    }

    /// Monday 2026-11-23 10:00 in Shanghai.
    static let now = CalendarDay(year: 2026, month: 11, day: 23).date(in: FixedReports.zone).addingTimeInterval(10 * 3_600)

    static func model(_ role: Role = .supervisor) -> (DashboardModel, FixedReports) {
        let reports = FixedReports()
        let model = DashboardModel(source: reports, role: role, timeZone: FixedReports.zone) { now }
        return (model, reports)
    }

    // MARK: - Over fixed figures

    @Test func rowsFollowThePanelsAndTheCursorSkipsHeadings() throws {
        let (model, reports) = Self.model()
        try model.reloadIfNeeded()
        #expect(reports.requests.count == 1)
        #expect(model.rows.first == .header(.funnel))
        // The cursor starts on the first figure, not on the heading.
        guard case let .funnelStep(step) = try #require(model.focusedRow) else { Issue.record("expected a funnel step"); return }
        #expect(step.key == "registered" && step.reached == 10)
        let reached = model.rows.compactMap { row -> Int? in if case let .funnelStep(step) = row { return step.reached }; return nil }
        #expect(reached == [10, 8, 6, 5, 3, 2, 2, 2])
        // The bottleneck: discovery's median (4 days) is 1.33× its plan; it is marked and explained.
        #expect(model.rows.contains(.bottleneck(StageTimeReport.Bottleneck(stage: "discovery", reason: .overPlan(ratio: 4.0 / 3.0)))))
        #expect(model.rows.contains { if case let .stage(line, true) = $0 { return line.key == "discovery" }; return false })
        // Down from the last funnel step jumps over the stages' heading.
        for _ in 0..<8 { model.move(by: 1) }
        guard case let .stage(line, _) = try #require(model.focusedRow) else { Issue.record("expected a stage"); return }
        #expect(line.key == "discovery")
        // Tab goes to the first rep, then sources, trend, and round to the funnel.
        model.jumpPanel(forward: true)
        guard case let .rep(rep) = try #require(model.focusedRow) else { Issue.record("expected a rep"); return }
        #expect(rep.login == "alice") // best won amount first
        model.jumpPanel(forward: true)
        #expect(model.focusedRow?.panel == .sources)
        model.jumpPanel(forward: true)
        #expect(model.focusedRow == .trend(.newLeads))
        model.jumpPanel(forward: true)
        #expect(model.focusedRow?.panel == .funnel)
        // Nothing was read again for moving about.
        #expect(reports.requests.count == 1)
    }

    @Test func rangesStepBackAndNeverPastTheCurrentPeriod() throws {
        let (model, reports) = Self.model()
        try model.reload()
        #expect(model.range == .last30)
        #expect(model.period.first.description == "2026-10-25" && model.period.last.description == "2026-11-23")
        try model.setRange(.month)
        #expect(model.period.first.description == "2026-11-01" && model.period.last.description == "2026-11-30")
        try model.shiftPeriod(by: -1)
        #expect(model.period.first.description == "2026-10-01" && model.period.last.description == "2026-10-31")
        #expect(reports.requests.last?.period == model.period)
        try model.shiftPeriod(by: 1)
        let count = reports.requests.count
        try model.shiftPeriod(by: 1)                         // already current: nothing to read
        #expect(model.offset == 0 && reports.requests.count == count)
        try model.cycleRange()                               // month → quarter
        #expect(model.range == .quarter)
        #expect(model.period.first.description == "2026-10-01" && model.period.last.description == "2026-12-31")
        #expect(reports.requests.last?.granularity == .week)
        try model.cycleRange()
        try model.cycleRange()
        try model.cycleRange()                               // last30 → last90 → week
        #expect(model.range == .week)
        #expect(model.period.first.description == "2026-11-23" && model.period.last.description == "2026-11-29")
        #expect(reports.requests.last?.granularity == .day)
    }

    @Test func scopesAreTheOnesTheRoleAllows() throws {
        let (supervisor, reports) = Self.model(.supervisor)
        #expect(supervisor.scope == .team)
        try supervisor.reload()
        #expect(try supervisor.cycleScope())
        #expect(supervisor.scope == .all && reports.requests.last?.scope == .all)
        #expect(try supervisor.cycleScope())
        #expect(supervisor.scope == .mine)
        let (rep, repReports) = Self.model(.rep)
        #expect(rep.scope == .mine && rep.scopes == [.mine])
        try rep.reload()
        #expect(try !rep.cycleScope())
        #expect(repReports.requests.count == 1)
    }

    @Test func figuresAreReadAgainOnlyAfterAChange() throws {
        let (model, reports) = Self.model()
        try model.reloadIfNeeded()
        try model.reloadIfNeeded()
        #expect(reports.requests.count == 1)
        model.invalidate()
        try model.reloadIfNeeded()
        #expect(reports.requests.count == 2)
    }

    @Test func aChangeThatLeavesTheFingerprintAloneReadsNothing() throws {
        let (model, reports) = Self.model()
        reports.version = 7
        try model.reloadIfNeeded()
        model.invalidate()                               // a commit: the tick's, say
        try model.reloadIfNeeded()
        #expect(reports.requests.count == 1 && !model.isStale)
        reports.version = 8                              // a change the reports count
        model.invalidate()
        try model.reloadIfNeeded()
        #expect(reports.requests.count == 2)
        model.discardFingerprint()                       // the user asked to reload
        try model.reloadIfNeeded()
        #expect(reports.requests.count == 3)
    }

    @Test func campaignsReplaceSourcesAndEnterAsksForTheLeadsBehindARow() throws {
        let (model, reports) = Self.model()
        try model.reload()
        model.jumpPanel(forward: true)
        model.jumpPanel(forward: true)
        model.jumpPanel(forward: true)                       // sources
        #expect(model.focusedRow?.slice == .source("展会"))
        model.toggleCampaigns()
        #expect(model.focusedRow?.slice == .campaign("秋季展会"))
        #expect(model.rows.contains { if case .source(_, false) = $0 { return true }; return false } == false)
        #expect(try model.openFocused())
        #expect(reports.slices == [.campaign("秋季展会")])
        #expect(model.drill?.total == 6)
        model.closeDrill()
        #expect(model.drill == nil)
    }

    // MARK: - Over the real reports

    @Test func theListBehindEachFunnelBarHasItsCount() throws {
        let fixture = try Fixture()
        try fixture.activeLead("杭州恒通科技有限公司", phone: "13800138001")
        try fixture.activeLead("上海云帆信息技术有限公司", phone: "13800138002")
        let number = try fixture.activeLead("南京星辰智能制造有限公司", phone: "13800138003")
        try LeadService(context: fixture.context, actor: try fixture.actor("alice")).addNote(number, body: "客户已看方案")
        try fixture.lead("苏州正元医疗器械股份有限公司", phone: "13800138004")    // screening only
        let app = try fixture.app("bob")
        app.perform("show-dashboard")
        #expect(app.screen == .dashboard)
        #expect(app.keyContextName == "dashboard")
        let dashboard = app.dashboard
        let steps = dashboard.rows.compactMap { row -> FunnelReport.Step? in if case let .funnelStep(step) = row { return step }; return nil }
        #expect(steps.map(\.reached).prefix(4) == [4, 4, 3, 3])
        for (index, step) in steps.enumerated() {
            dashboard.first()
            for _ in 0..<index { app.perform("move-down") }
            #expect(dashboard.focusedRow == .funnelStep(step))
            app.perform("open")
            let drill = try #require(dashboard.drill, "\(step.key)")
            #expect(drill.total == step.reached, "\(step.key)")
            #expect(drill.leads.count == step.reached, "\(step.key)")
            app.perform("back")
            #expect(dashboard.drill == nil)
        }
        // Enter on "assigned" and then on a lead opens that lead; Esc closes it, then the list.
        dashboard.first()
        app.perform("move-down")
        app.perform("move-down")
        app.perform("open")
        let first = try #require(dashboard.drill?.focused)
        app.perform("open")
        #expect(app.detail?.number == first.number.description)
        app.perform("back")
        #expect(app.detail == nil && dashboard.drill != nil)
        app.perform("back")
        #expect(dashboard.drill == nil && app.screen == .dashboard)
        app.perform("back")
        #expect(app.screen == .board)
    }

    /// Every row with leads behind it — funnel steps, stages' late visits, reps' received leads,
    /// sources, the trend's new leads and wins — lists exactly as many as the row shows.
    @Test func everyRowListsAsManyLeadsAsItShows() throws {
        let fixture = try Fixture()
        let moved = try fixture.activeLead("杭州恒通科技有限公司", phone: "13800138001")
        try fixture.activeLead("上海云帆信息技术有限公司", phone: "13800138002")
        try fixture.activeLead("南京星辰智能制造有限公司", phone: "13800138003")
        let lost = try fixture.activeLead("深圳数联网络科技有限公司", phone: "13800138004", owner: "carol")
        try fixture.lead("苏州正元医疗器械股份有限公司", phone: "13800138005")
        let alice = LeadService(context: fixture.context, actor: try fixture.actor("alice"))
        _ = try alice.logFollowUp(moved, FollowUpDraft(at: Fixture.monday, method: .phone, content: "电话沟通了采购预算", nextAction: "发送方案"))
        _ = try alice.move(moved, to: "proposal")
        fixture.clock.advance(by: 8 * 86_400)           // the discovery visits still open run past their 3 working days
        let carol = LeadService(context: fixture.context, actor: try fixture.actor("carol"))
        _ = try carol.lose(lost, reason: try #require(LostReason(parsing: "预算不足")))
        let app = try fixture.app("bob")
        app.perform("show-dashboard")
        let dashboard = app.dashboard
        let figures = try #require(dashboard.figures)
        var checked = 0
        for (index, row) in dashboard.rows.enumerated() where row.isSelectable {
            let shown: Int
            switch row {
            case let .funnelStep(step): shown = step.reached
            case let .stage(line, _): shown = line.late
            case let .rep(line): shown = line.received
            case let .source(line, _): shown = line.leads
            case let .trend(metric): shown = metric == .newLeads ? figures.trend.total.newLeads : figures.trend.total.won
            default: continue
            }
            dashboard.first()
            while dashboard.cursor.index < index { dashboard.move(by: 1) }
            #expect(dashboard.focusedRow == row)
            app.perform("open")
            let drill = try #require(dashboard.drill, "\(row)")
            #expect(drill.total == shown, "\(row)")
            #expect(drill.readable == drill.total && drill.leads.count == shown, "\(row)")
            app.perform("back")
            checked += 1
        }
        #expect(checked >= 8 + 4 + 2 + 1 + 3)
        // The figures themselves: 5 registered, 4 assigned, 1 lost in discovery, 2 reps who received leads.
        #expect(figures.funnel.steps.map(\.reached).prefix(5) == [5, 5, 4, 4, 1])
        #expect(figures.stages.lines.first?.late == 3)          // two of alice's and the lost one ran late
        #expect(figures.reps.lines.map(\.received).sorted() == [1, 3])
    }

    @Test func aRepSeesTheirOwnNumbersAndTheKeysSaySo() throws {
        let fixture = try Fixture()
        try fixture.activeLead("杭州恒通科技有限公司", phone: "13800138001", owner: "alice")
        try fixture.activeLead("深圳数联网络科技有限公司", phone: "13800138002", owner: "carol")
        let app = try fixture.app("alice")
        app.perform("show-dashboard")
        #expect(app.dashboard.scope == .mine)
        let reps = app.dashboard.rows.compactMap { row -> String? in if case let .rep(line) = row { return line.login }; return nil }
        #expect(reps == ["alice"])
        app.perform("toggle-scope")
        #expect(app.status?.kind == .warning)
        #expect(app.status?.text == "a rep sees their own numbers only")
        app.perform("next-period")
        #expect(app.status?.text == "already at the current period")
        app.perform("previous-period")
        #expect(app.dashboard.offset == -1)
        app.perform("next-range")
        #expect(app.dashboard.range == .last90 && app.dashboard.offset == 0)
    }

    @Test func theDashboardReloadsOnAChangeOnlyWhileShown() throws {
        let fixture = try Fixture()
        let app = try fixture.app("bob")
        app.perform("show-dashboard")
        let registered = { app.dashboard.figures?.funnel.registered ?? -1 }
        #expect(registered() == 0)
        try fixture.lead("杭州恒通科技有限公司", phone: "13800138001")
        app.refresh()                                    // what the change feed does
        #expect(registered() == 1)
        app.perform("show-board")
        try fixture.lead("上海云帆信息技术有限公司", phone: "13800138002")
        app.refresh()
        #expect(registered() == 1 && app.dashboard.isStale)
        app.perform("show-dashboard")
        #expect(registered() == 2 && !app.dashboard.isStale)
    }

    @Test func everyDashboardWordIsInTheCatalogue() {
        for range in ReportRange.allCases {
            #expect(Localizer.table["range.\(range.rawValue)"] != nil && Localizer.table["range.past.\(range.rawValue)"] != nil, "\(range)")
        }
        for panel in DashboardPanel.allCases { #expect(Localizer.table["dash.panel.\(panel.rawValue)"] != nil, "\(panel)") }
        for metric in DashboardTrendMetric.allCases { #expect(Localizer.table["dash.trend.\(metric.rawValue)"] != nil, "\(metric)") }
        for panel in [DashboardPanel.reps, .sources] { #expect(Localizer.table["dash.empty.\(panel.rawValue)"] != nil) }
    }
}
