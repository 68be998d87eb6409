import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Seed 004 notices: a regrade and a stage someone else owns tell that person")
struct TimeRuleNoticeTests {
    @Test func aRegradeTellsTheOwnerWhy() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        try db.leads("bob").grade(number, .b, reason: "预算需上报审批")
        let notice = try #require(try db.inbox("alice").notifications.first { $0.kind == "grade" })
        #expect(notice.body.contains("regraded \(number) from A to B: 预算需上报审批"))
        #expect(notice.parameters?.text == "regraded")
        // The first grade is no regrade; the same grade again is no change.
        let fresh = try db.addLead().number.description
        try db.leads("bob").grade(fresh, .a, reason: "预算明确")
        try db.leads("bob").grade(number, .b, reason: "再次确认")
        #expect(try db.inbox("alice").notifications.filter { $0.kind == "grade" }.count == 1)
    }

    @Test func enteringAStageSomeoneElseOwnsTellsThem() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        // The supervisor moves the rep's deal into a rep's stage: the rep hears of it.
        _ = try db.leads("alice").logFollowUp(number, db.followUp())
        #expect(try { if case .moved = try db.leads("bob").move(number, to: "proposal") { true } else { false } }())
        let told = try db.inbox("alice").notifications.filter { $0.kind == "stage-owner" }
        #expect(told.count == 1 && told[0].body.contains("into Proposal"))
        // The rep moves it into the supervisor's stage (合同签订, owner = supervisor): the supervisor hears.
        _ = try db.leads("alice").logFollowUp(number, db.followUp())
        _ = try db.leads("alice").move(number, to: "negotiation")
        #expect(try db.inbox("bob").notifications.filter { $0.kind == "stage-owner" }.isEmpty, "negotiation is the rep's own stage")
        _ = try db.leads("alice").logFollowUp(number, db.followUp())
        _ = try db.leads("alice").move(number, to: "contract")
        #expect(try db.inbox("bob").notifications.contains { $0.kind == "stage-owner" && $0.body.contains("into Contract") })
    }

    @Test func aLeadRegisteredMoreThanTwoWorkingHoursAfterCaptureIsFlaggedLate() throws {
        let db = try TemporaryDatabase()  // Monday 10:00
        let friday = TemporaryDatabase.monday.adding(days: -3).date(in: TemporaryDatabase.timeZone)
        // Friday 17:00 → Monday 10:00 is two working hours (17–18, 9–10): in time.
        let inTime = try db.leads("mia").add(db.draft(), capturedAt: friday.addingTimeInterval(17 * 3_600)).lead
        #expect(!inTime.flags.contains(.lateRegistration))
        let late = try db.leads("mia").add(db.draft(), capturedAt: friday.addingTimeInterval(16 * 3_600)).lead
        #expect(late.flags.contains(.lateRegistration))
        #expect(try db.leads("admin").detail(late.number.description).capturedAt == friday.addingTimeInterval(16 * 3_600))
        #expect(try db.auditRows(entity: "lead", id: late.id).contains { $0.field == "captured_at" })
        // Without --captured-at the lead was captured as it was registered.
        let now = try db.leads("mia").add(db.draft()).lead
        #expect(try db.leads("admin").detail(now.number.description).capturedAt == nil && !now.flags.contains(.lateRegistration))
        #expect(throws: LeadCaptureError.self) { try db.leads("mia").add(db.draft(), capturedAt: db.clock.now().addingTimeInterval(3_600)) }
    }
}
