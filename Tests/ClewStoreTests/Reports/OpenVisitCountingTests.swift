import ClewDomain
import ClewServices
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
        // Marketing (mia) registered one of the leads with an open visit: her own are told by the
        // leads she did not register (ReportService.fewLeads), and hold that visit alone.
        let mine = try db.context.database.write { db in
            try db.execute(sql: "UPDATE lead SET created_by = 'mia' WHERE id = (SELECT min(lead_id) FROM stage_history WHERE exited_at IS NULL)")
            return try String.fetchOne(db, sql: "SELECT h.stage FROM stage_history h JOIN lead ON lead.id = h.lead_id WHERE h.exited_at IS NULL AND lead.created_by = 'mia'")
        }
        let marketing = try pipeline.request()
        func measured() throws -> [StageTimeReport] {
            try requests.map { try pipeline.reports("admin").stages($0).body } + [try pipeline.reports("bob").stages(team).body,
                                                                                 try pipeline.reports("mia").stages(marketing).body]
        }
        let grouped = try measured()
        #expect(grouped[0].lines.map(\.open).reduce(0, +) == 2)
        #expect(grouped[3].lines.filter { $0.open > 0 }.map(\.key) == [try #require(mine)])
        #expect(grouped[3].lines.map(\.open).reduce(0, +) == 1)
        // Without their days the open visits are measured one by one.
        try db.context.database.write { db in
            try db.execute(sql: "UPDATE stage_history SET entered_day = NULL WHERE exited_at IS NULL")
        }
        let single = try measured()
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

/// The halving over the period's days that gives an open visit its working time so far.
@Suite("Open visits' days by halving")
struct OpenVisitDayHalvingTests {
    @Test func everyDayFindsItsOwnHoursAndNoOtherDayMatches() throws {
        let queue = try DatabaseQueue()
        for count in [1, 2, 3, 7, 31, 90] {
            var days: [(day: String, start: Double, finish: Double, rest: Double)] = []
            for offset in 0..<count {
                let midnight = Double(offset) * 86_400
                let rest = Double(count - 1 - offset) * 28_800
                days.append((CalendarDay(year: 2026, month: 9, day: 1).adding(days: offset).description, midnight + 32_400, midnight + 64_800, rest))
            }
            let tree = ReportService.daySQL(days, lower: 0, upper: days.count)
            try queue.read { db in
                for day in days {
                    for enteredAt in [day.start - 3_600, day.start + 1_000, day.finish + 10] {
                        let arguments: StatementArguments = tree.arguments + [day.day, enteredAt]
                        let value = try Double.fetchOne(db, sql: "SELECT \(tree.sql) FROM (SELECT ? AS entered_day, ? AS entered_at) h",
                                                        arguments: arguments)
                        let expected: Double = day.rest + max(0, day.finish - max(enteredAt, day.start))
                        #expect(value == expected, "\(count) days, \(day.day)")
                    }
                }
                for outside in ["2026-08-31", CalendarDay(year: 2026, month: 9, day: 1).adding(days: count).description, "2026-09-01x"] {
                    let arguments: StatementArguments = tree.arguments + [outside]
                    let value = try Double.fetchOne(db, sql: "SELECT \(tree.sql) FROM (SELECT ? AS entered_day, 0 AS entered_at) h",
                                                    arguments: arguments)
                    #expect(value == nil, "\(count) days, \(outside)")
                }
            }
        }
    }
}
