import ClewDomain
import Foundation
import Testing

/// Cadence steps decided without a database (issue 9 §2), over the standard process:
/// A = call (24 h) → proposal (3 working days) → weekly sync (repeats); B = material → call; C = weekly touch.
@Suite("Cadence plans")
struct CadencePlanTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let calendar = WorkingCalendar.standard(timeZone: zone)
    /// Friday 2026-11-27 10:00.
    static let now = CalendarDay(year: 2026, month: 11, day: 27).date(in: zone).addingTimeInterval(10 * 3_600)
    static let process = ProcessDefinition.standard
    static func at(_ day: Int, _ hour: Double, month: Int = 11) -> Date {
        CalendarDay(year: 2026, month: month, day: day).date(in: zone).addingTimeInterval(hour * 3_600)
    }
    static func key(_ text: String) -> CadenceStepKey? { CadenceStepKey(parsing: text) }

    struct StartCase: Sendable, CustomStringConvertible {
        var description: String
        var lead: CadencePlan.LeadFacts
        var expected: (key: String, due: Date)?
    }

    static let startCases: [StartCase] = [
        StartCase(description: "an assigned A lead starts with the call, due in 24 hours",
                  lead: .init(status: .assigned, owner: "alice", grade: .a), expected: ("A:call", at(28, 10))),
        StartCase(description: "a B lead starts with the material", lead: .init(status: .active, owner: "alice", grade: .b), expected: ("B:material", at(29, 10))),
        StartCase(description: "no owner: no cadence", lead: .init(status: .assigned, owner: nil, grade: .a), expected: nil),
        StartCase(description: "no grade: no cadence", lead: .init(status: .assigned, owner: "alice", grade: nil), expected: nil),
        StartCase(description: "pooled: no cadence", lead: .init(status: .pooled, owner: "alice", grade: .a), expected: nil),
        StartCase(description: "won: no cadence", lead: .init(status: .won, owner: "alice", grade: .a), expected: nil),
    ]

    @Test(arguments: startCases)
    func start(_ c: StartCase) {
        let planned = CadencePlan.start(for: c.lead, process: Self.process, now: Self.now, calendar: Self.calendar)
        #expect(planned?.key.description == c.expected?.key)
        #expect(planned?.due == c.expected?.due)
    }

    struct NextCase: Sendable, CustomStringConvertible {
        var description: String
        var completed: String
        var lead = CadencePlan.LeadFacts(status: .active, owner: "alice", grade: .a)
        var expected: (key: String, due: Date)?
    }

    static let nextCases: [NextCase] = [
        NextCase(description: "after the call, the proposal in 3 working days (over the weekend)", completed: "A:call", expected: ("A:proposal", at(2, 10, month: 12))),
        NextCase(description: "after the proposal, the weekly sync in 7 days", completed: "A:proposal", expected: ("A:sync", at(4, 10, month: 12))),
        NextCase(description: "the weekly sync repeats every 7 days", completed: "A:sync", expected: ("A:sync", at(4, 10, month: 12))),
        NextCase(description: "the last step of B ends the cadence", completed: "B:call", lead: .init(status: .active, owner: "alice", grade: .b), expected: nil),
        NextCase(description: "a regraded lead's old cadence stops", completed: "A:call", lead: .init(status: .active, owner: "alice", grade: .b), expected: nil),
        NextCase(description: "a lost lead's cadence stops", completed: "A:call", lead: .init(status: .lost, owner: "alice", grade: .a), expected: nil),
        NextCase(description: "a step the process no longer has ends it", completed: "A:visit", expected: nil),
    ]

    @Test(arguments: nextCases)
    func next(_ c: NextCase) throws {
        let completed = try #require(Self.key(c.completed))
        let planned = CadencePlan.next(after: completed, for: c.lead, process: Self.process, now: Self.now, calendar: Self.calendar)
        #expect(planned?.key.description == c.expected?.key)
        #expect(planned?.due == c.expected?.due)
    }

    @Test func aFollowUpFulfilsTheEarliestOpenStepDoneThatWay() {
        let open = [Self.key("A:proposal"), nil, Self.key("A:call"), Self.key("A:sync")]
        #expect(CadencePlan.fulfilled(by: .phone, open: open, process: Self.process) == 2)
        #expect(CadencePlan.fulfilled(by: .email, open: open, process: Self.process) == 0)
        #expect(CadencePlan.fulfilled(by: .visit, open: open, process: Self.process) == nil)
        #expect(CadencePlan.fulfilled(by: .phone, open: [], process: Self.process) == nil)
    }

    @Test func keysReadAndWriteTheTasksSpelling() {
        #expect(CadenceStepKey(parsing: "A:call") == CadenceStepKey(grade: .a, step: "call"))
        #expect(CadenceStepKey(grade: .b, step: "material").description == "B:material")
        #expect(CadenceStepKey(parsing: "X:call") == nil && CadenceStepKey(parsing: "A") == nil && CadenceStepKey(parsing: nil) == nil)
    }
}
