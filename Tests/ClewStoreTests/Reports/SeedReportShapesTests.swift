import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// What `clew seed` gives the reports and the dashboard: campaigns with costs, targets for
/// every rep and team, stage visits with working times, every summary filled in.
@Suite("Seed data for the reports")
struct SeedReportShapesTests {
    @Test func theSeedGivesEveryReportRealShapes() throws {
        let (db, report) = try SeedTests.seeded(leads: 600, seed: 9)
        let admin = try db.actor("admin")
        #expect(report.targets > 0)
        let targets = try TargetService(context: db.context, actor: admin).list()
        #expect(targets.contains { if case .team = $0.subject { true } else { false } })
        let zone = TemporaryDatabase.timeZone
        let today = CalendarDay.containing(db.clock.now(), in: zone)
        let request = ReportRequest(period: try ReportPeriod(from: today.adding(days: -29), through: today, in: zone), scope: .all)
        let reports = ReportService(context: db.context, actor: admin)
        // Reps have targets and attainment; campaigns have costs and ROI.
        let reps = try reports.reps(request).body
        #expect(reps.lines.filter { $0.target != nil }.count == reps.lines.count && reps.lines.contains { $0.attainment != nil })
        #expect(reps.teams.allSatisfy { $0.target != nil })
        #expect(try reports.campaigns(request).body.lines.contains { $0.cost != nil && $0.roi != nil })
        // Stage visits ran over weeks, some past their plan; all are summarised.
        let stages = try reports.stages(request).body
        #expect(stages.lines.allSatisfy { $0.visits > 0 && ($0.actual.median ?? 0) > 0 })
        #expect(stages.lines.contains { $0.late > 0 })
        let (unsettled, filled) = try db.context.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM stage_history WHERE \(StageVisitClock.unsettled)"),
             try Bool.fetchOne(db, sql: "SELECT filled FROM report_summary_state"))
        }
        #expect(unsettled == 0 && filled == true)
    }
}
