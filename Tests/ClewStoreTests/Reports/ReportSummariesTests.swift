import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// The report summaries of v14: filled in for a database made before them, read the same as the
/// visits themselves, and versioned for the dashboard.
@Suite("Report summaries")
struct ReportSummariesTests {
    typealias Pipeline = ReportServiceTests.Pipeline

    /// Everything a report shows, for comparing two ways of reading it.
    func figures(_ pipeline: Pipeline) throws -> (StageTimeReport, RepReport) {
        let request = try pipeline.request(.all)
        return (try pipeline.reports("admin").stages(request).body, try pipeline.reports("admin").reps(request).body)
    }

    /// A database as v14 found it: no durations, no outcomes, nothing counted, not filled in.
    func forget(_ db: TemporaryDatabase) throws {
        try db.context.database.write { db in
            try db.execute(sql: """
                UPDATE stage_history SET entered_day = NULL, working_seconds = NULL, planned_seconds = NULL, duration_bucket = NULL;
                DELETE FROM lead_sla;
                UPDATE report_summary_state SET filled = 0, time_zone = NULL;
                """)
            #expect(try Int.fetchOne(db, sql: "SELECT total(visits) FROM report_stage_day") == 0)
        }
    }

    @Test func aDatabaseMadeBeforeTheSummariesReadsTheSameBeforeAndAfterTheyAreFilledIn() throws {
        let pipeline = try Pipeline()
        let (stages, reps) = try figures(pipeline)
        try forget(pipeline.db)
        // Before: measured from the visits and leads themselves.
        let before = try figures(pipeline)
        #expect(before.0 == stages && before.1 == reps)
        let summaries = ReportSummaries(context: pipeline.db.context)
        #expect(try summaries.fillIfNeeded() > 0)
        #expect(try summaries.fillIfNeeded() == 0)
        let after = try figures(pipeline)
        #expect(after.0 == stages && after.1 == reps)
        try pipeline.db.context.database.read { db in
            // Each ended visit counted once per dimension (all, owner, source, campaign, region, industry, creator).
            let ended = try Int.fetchOne(db, sql: "SELECT count(*) FROM stage_history WHERE exited_at IS NOT NULL") ?? 0
            #expect(try Int.fetchOne(db, sql: "SELECT total(visits) FROM report_stage_day") == ended * 7)
        }
    }

    @Test func aLeadChangingOwnerTakesItsVisitsAlong() throws {
        let pipeline = try Pipeline()
        let number = pipeline.numbers[0]
        try pipeline.db.context.database.write { db in
            try db.execute(sql: "UPDATE lead SET owner = 'carol' WHERE number = ?", arguments: [number])
        }
        let visits = { (login: String) -> Int in
            var filters = LeadQuery()
            filters.owner = login
            return try pipeline.reports("admin").stages(try pipeline.request(.all, filters: filters)).body.lines.map(\.visits).reduce(0, +)
        }
        #expect(try visits("carol") == 4 && visits("alice") == 3)
    }

    @Test func theFingerprintMovesWithWhatReportsCountOnly() throws {
        let pipeline = try Pipeline()
        let summaries = ReportSummaries(context: pipeline.db.context)
        let start = try summaries.fingerprint()
        // What the tick writes: a notification, a stalled flag.
        try pipeline.db.context.database.write { db in
            try db.execute(sql: "INSERT INTO notification (recipient, kind, body, created_at) VALUES ('alice', 'mention', 'x', 0)")
            try db.execute(sql: "UPDATE lead SET flags = ',stalled,' WHERE number = ?", arguments: [pipeline.numbers[2]])
        }
        #expect(try summaries.fingerprint() == start)
        _ = try pipeline.db.leads("alice").logFollowUp(pipeline.numbers[2], pipeline.db.followUp(next: nil))
        #expect(try summaries.fingerprint() != start)
    }

    /// A payment (and its reversal) changes what the dashboard's sources and campaigns show as
    /// received (回款), so it moves the fingerprint and an open dashboard reads them again; a
    /// plan or an invoice, which no report counts, does not.
    @Test func aPaymentMovesTheFingerprint() throws {
        let pipeline = try Pipeline()
        let summaries = ReportSummaries(context: pipeline.db.context)
        let contract = "HT-\(pipeline.numbers[0])"
        let finance = ReceivableService(context: pipeline.db.context, actor: try pipeline.db.actor("fred"))
        try finance.plan(contract, .evenly(count: 2, every: .days(30), first: nil))
        let planned = try summaries.fingerprint()
        let reports = try pipeline.reports("admin")
        let request = try pipeline.request()
        #expect(try reports.dashboard(request).campaigns.lines.first { $0.key == "秋季展会" }?.received == .zero)
        let payment = try finance.addPayment(contract, amount: Money(yuan: 30_000), reference: "BANK-1")
        let paid = try summaries.fingerprint()
        #expect(paid != planned)
        #expect(try reports.dashboard(request).campaigns.lines.first { $0.key == "秋季展会" }?.received == Money(yuan: 30_000))
        try finance.reversePayment(payment.id, reason: "退回")
        #expect(try summaries.fingerprint() != paid)
        #expect(try reports.dashboard(request).campaigns.lines.first { $0.key == "秋季展会" }?.received == .zero)
    }
}
