import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// The registration days' counts of v19 (`report_cohort_day`): the funnel, sources and campaigns
/// read from them equal the same reports read from the leads themselves, for every scope and one
/// filter, before and after the changes that move a lead between their rows.
@Suite("Report cohort summaries")
struct ReportCohortsTests {
    typealias Pipeline = ReportServiceTests.Pipeline

    /// A report's cohort figures, the source and campaign lines in key order.
    struct Figures: Equatable {
        var funnel: FunnelReport
        var sources: [SourceReport.Counts]
        var campaigns: [SourceReport.Counts]
    }

    /// The figures of `request` for `login`, read from the summary and from the leads (the
    /// summary's slice dropped); the summary must hold them.
    func bothWays(_ pipeline: Pipeline, _ login: String, _ request: ReportRequest) throws -> (summary: Figures, rows: Figures) {
        let reports = try pipeline.reports(login)
        let (_, filter) = try reports.prepare(.funnel, request)
        var rows = filter
        rows.slice = nil
        return try pipeline.db.context.database.read { db in
            #expect(try reports.cohortSummary(request, filter: filter, db) != nil, "\(login) \(request.filterSummary)")
            #expect(try reports.cohortSummary(request, filter: rows, db) == nil)
            func figures(_ filter: ReportService.Filter) throws -> Figures {
                Figures(funnel: try reports.cohortFunnel(request, filter: filter, db),
                        sources: try reports.cohortCounts(by: .source, request, filter: filter, db).sorted { $0.key < $1.key },
                        campaigns: try reports.cohortCounts(by: .campaign, request, filter: filter, db).sorted { $0.key < $1.key })
            }
            return (try figures(filter), try figures(rows))
        }
    }

    /// Every request the summary answers on the pipeline: company-wide with no filter and each
    /// single filter, a team, a rep, an owner filter, marketing's own.
    func everyWay(_ pipeline: Pipeline) throws -> [(String, ReportRequest)] {
        var requests: [(String, ReportRequest)] = [("admin", try pipeline.request(.all))]
        for (path, value) in [(\LeadQuery.source, "展会"), (\LeadQuery.campaign, "秋季展会"), (\LeadQuery.region, "华东"),
                              (\LeadQuery.industry, "制造业"), (\LeadQuery.owner, "alice"), (\LeadQuery.source, "没有的来源")] {
            var filters = LeadQuery()
            filters[keyPath: path] = value
            requests.append(("admin", try pipeline.request(.all, filters: filters)))
        }
        requests += [("bob", try pipeline.request(.team)), ("erin", try pipeline.request(.team)), ("alice", try pipeline.request(.mine)),
                     ("mia", try pipeline.request()), ("mia", try pipeline.request(.mine))]
        // A scope with a source or campaign filter reads the scope's rows with that column.
        var source = LeadQuery()
        source.source = "展会"
        var campaign = LeadQuery()
        campaign.campaign = "秋季展会"
        requests += [("bob", try pipeline.request(.team, filters: source)), ("alice", try pipeline.request(.mine, filters: campaign)),
                     ("mia", try pipeline.request(.mine, filters: source))]
        var ownerAndSource = source
        ownerAndSource.owner = "alice"
        requests.append(("admin", try pipeline.request(.all, filters: ownerAndSource)))
        return requests
    }

    func expectAgreement(_ pipeline: Pipeline, _ when: String) throws {
        for (login, request) in try everyWay(pipeline) {
            let (summary, rows) = try bothWays(pipeline, login, request)
            #expect(summary == rows, "\(when): \(login) \(request.filterSummary)")
        }
    }

    @Test func theSummaryAndTheLeadsAgree() throws {
        let pipeline = try Pipeline()
        try expectAgreement(pipeline, "as built")
        // The figures are the known pipeline's (ReportServiceTests), whichever way they are read.
        let (summary, _) = try bothWays(pipeline, "admin", try pipeline.request(.all))
        #expect(summary.funnel.steps.map(\.reached) == [6, 5, 4, 3, 2, 1, 1, 1])
        #expect(summary.campaigns.map(\.key) == ["", "秋季展会"] && summary.campaigns.map(\.leads) == [4, 2])
        try pipeline.db.context.database.read { db in
            // Each lead counted once per dimension (all, owner, region, industry, creator).
            let leads = try Int.fetchOne(db, sql: "SELECT count(*) FROM lead") ?? 0
            #expect(try Int.fetchOne(db, sql: "SELECT sum(leads) FROM report_cohort_day") == leads * 5)
            #expect(try Int.fetchOne(db, sql: "SELECT sum(won_fen) FROM report_cohort_day WHERE dimension = ''") == 10_000_000)
        }
    }

    @Test func changesMoveLeadsBetweenTheRows() throws {
        let pipeline = try Pipeline()
        let db = pipeline.db
        // A new stage visit (its reach), a win, a loss as invalid, a new owner, source and campaign.
        _ = try db.leads("alice").logFollowUp(pipeline.numbers[2], db.followUp(next: nil))
        _ = try db.leads("alice").move(pipeline.numbers[2], to: "proposal")
        try expectAgreement(pipeline, "after a move")
        try db.leads("alice").lose(pipeline.numbers[3], reason: .invalid)
        try expectAgreement(pipeline, "after a loss as invalid")
        try db.context.database.write { db in
            try db.execute(sql: "UPDATE lead SET owner = 'dave', source = '官网注册', campaign = '春季活动' WHERE number = ?",
                           arguments: [pipeline.numbers[0]])
            try db.execute(sql: "UPDATE lead SET amount_fen = 123 WHERE number = ?", arguments: [pipeline.numbers[0]])
            try db.execute(sql: "DELETE FROM stage_history WHERE lead_id = (SELECT id FROM lead WHERE number = ?)", arguments: [pipeline.numbers[1]])
        }
        try expectAgreement(pipeline, "after edits in SQL")
        // A lead registered earlier: its day is worked out again, and it leaves the period.
        try db.context.database.write { db in
            try db.execute(sql: "UPDATE lead SET created_at = created_at - 30 * 86400 WHERE number = ?", arguments: [pipeline.numbers[4]])
            #expect(try LeadDayClock.anyPending(db))
            try ReportSummaries.settle(db, calendar: pipeline.db.context.calendar)
            #expect(try !LeadDayClock.anyPending(db))
        }
        try expectAgreement(pipeline, "after a new registration time")
        #expect(try bothWays(pipeline, "admin", try pipeline.request(.all)).summary.funnel.steps.first?.reached == 5)
    }

    @Test func aDatabaseMadeBeforeTheCohortsReadsTheSameBeforeAndAfterTheyAreFilledIn() throws {
        let pipeline = try Pipeline()
        let request = try pipeline.request(.all)
        let reports = try pipeline.reports("admin")
        let funnel = try reports.funnel(request).body
        let sources = try reports.sources(request).body
        let dashboard = try reports.dashboard(request)
        try pipeline.db.context.database.write { db in
            try db.execute(sql: "UPDATE lead SET created_day = NULL")
            #expect(try Int.fetchOne(db, sql: "SELECT total(leads) FROM report_cohort_day") == 0)
            #expect(try ReportService(context: pipeline.db.context, actor: pipeline.db.actor("admin"))
                .cohortSummary(request, filter: try reports.prepare(.funnel, request).1, db) == nil)
        }
        // Before: read from the leads.
        #expect(try reports.funnel(request).body == funnel && reports.sources(request).body == sources)
        #expect(try reports.dashboard(request).funnel == dashboard.funnel)
        #expect(try ReportSummaries(context: pipeline.db.context).fillIfNeeded() == 6)
        #expect(try reports.funnel(request).body == funnel && reports.sources(request).body == sources)
        #expect(try reports.dashboard(request).campaigns == dashboard.campaigns)
    }

    @Test func combinedDimensionsCountTheSameVisits() throws {
        let pipeline = try Pipeline()
        var requests: [(String, ReportRequest)] = []
        for (path, value) in [(\LeadQuery.source, "展会"), (\LeadQuery.campaign, "秋季展会"), (\LeadQuery.region, "华东"), (\LeadQuery.industry, "制造业"),
                              (\LeadQuery.region, "华北")] {
            var filters = LeadQuery()
            filters[keyPath: path] = value
            requests += [("bob", try pipeline.request(.team, filters: filters)), ("alice", try pipeline.request(.mine, filters: filters)),
                         ("mia", try pipeline.request(.mine, filters: filters))]
            filters.owner = "alice"
            requests.append(("admin", try pipeline.request(.all, filters: filters)))
        }
        var visits = 0
        for (login, request) in requests {
            let reports = try pipeline.reports(login)
            let (_, filter) = try reports.prepare(.stages, request)
            let slice = try #require(filter.slice, "\(login) \(request.filterSummary)")
            #expect(slice.dimension.contains("+"))
            var rows = filter
            rows.slice = nil
            let (summary, direct) = try pipeline.db.context.database.read { db in
                (try reports.stageAggregates(request, filter: filter, db), try reports.stageAggregates(request, filter: rows, db))
            }
            #expect(summary == direct, "\(login) \(request.filterSummary)")
            visits += summary.map { $0.actual.count }.reduce(0, +)
        }
        #expect(visits > 0)
        try pipeline.db.context.database.read { db in
            // Each ended visit counted once more per combined dimension.
            let ended = try Int.fetchOne(db, sql: "SELECT count(*) FROM stage_history WHERE exited_at IS NOT NULL") ?? 0
            #expect(try Int.fetchOne(db, sql: "SELECT total(visits) FROM report_stage_pair_day") == ended * 8)
        }
    }
}
