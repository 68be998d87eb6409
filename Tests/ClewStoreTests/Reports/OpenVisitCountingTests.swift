import ClewDomain
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// Open stage visits counted in SQL (grouped by stage and duration bucket, each day's working
/// hours passed in) give the same time-per-stage figures as measuring them one by one.
@Suite("Open visits counted in SQL")
struct OpenVisitCountingTests {
    typealias Pipeline = ReportServiceTests.Pipeline

    @Test func groupedAndOneByOneAgree() throws {
        let pipeline = try Pipeline()
        let db = pipeline.db
        // More open visits, entered at odd minutes across the weekend and a holiday.
        // L3 moves on to proposal; L4 is confirmed, entering discovery.
        db.clock.set(ReportServiceTests.t0.addingTimeInterval(3 * 86_400 + 1_234))
        _ = try db.leads("alice").logFollowUp(pipeline.numbers[2], db.followUp(next: nil))
        _ = try db.leads("alice").move(pipeline.numbers[2], to: "proposal")
        db.clock.set(ReportServiceTests.t0.addingTimeInterval(4.5 * 86_400 + 77))
        try db.leads("alice").confirm(pipeline.numbers[3])
        db.clock.set(ReportServiceTests.t0.addingTimeInterval(12 * 86_400 + 5_555))
        let requests = [try pipeline.request(.all), try pipeline.request(.all, filters: { var f = LeadQuery(); f.source = "展会"; f.region = "华东"; return f }())]
        let team = try pipeline.request(.team)
        let grouped = try requests.map { try pipeline.reports("admin").stages($0).body } + [try pipeline.reports("bob").stages(team).body]
        #expect(grouped[0].lines.map(\.open).reduce(0, +) == 2)
        // Without their days the open visits are measured one by one.
        try db.context.database.write { db in
            try db.execute(sql: "UPDATE stage_history SET entered_day = NULL WHERE exited_at IS NULL")
        }
        let single = try requests.map { try pipeline.reports("admin").stages($0).body } + [try pipeline.reports("bob").stages(team).body]
        for (a, b) in zip(grouped, single) {
            #expect(a.lines.map(\.open) == b.lines.map(\.open))
            #expect(a.lines.map(\.late) == b.lines.map(\.late))
            for (x, y) in zip(a.lines, b.lines) {
                #expect(x.actual.count == y.actual.count && x.planned == y.planned)
                for (p, q) in [(x.actual.mean, y.actual.mean), (x.actual.median, y.actual.median), (x.actual.p90, y.actual.p90)] {
                    #expect(abs((p ?? 0) - (q ?? 0)) < 1e-6, "\(x.key)")
                }
            }
        }
    }
}
