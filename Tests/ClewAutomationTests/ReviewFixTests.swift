import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// Guards found in review: who may deliver, look ahead or push scores, how often background
/// ticks evaluate, and follow-ups dated ahead.
@Suite("Automation guards")
struct AutomationGuardTests {
    @Test func onlyAnAdminsTickDeliversTheOutbox() throws {
        let fixture = try AutomationFixture()
        try fixture.context.mutate(as: try fixture.actor("admin")) { m in
            _ = try Outbox.enqueue(.email, to: "wang@hengtong.cn", subject: "s", body: "b", leadID: nil, rule: "test", m)
        }
        let capture = fixture.directory.appendingPathComponent("mail.out").path
        let delivery = OutboxDelivery(mailCommand: ["/usr/bin/tee", capture], smsCommand: nil)
        let alice = TickService(context: fixture.context, actor: try fixture.actor("alice"))
        #expect(try alice.run(delivery: delivery).delivery == nil)
        #expect(!FileManager.default.fileExists(atPath: capture))
        #expect {
            try OutboxService(context: fixture.context, actor: try fixture.actor("bob")).deliver(using: delivery)
        } throws: { "\($0)" == "bob (supervisor) cannot administer the database; ask an admin" }
        let admin = TickService(context: fixture.context, actor: try fixture.actor("admin"))
        #expect(try admin.run(delivery: delivery).delivery?.sent == 1)
    }

    @Test func aBackgroundTickSkipsWhenAnotherJustRan() throws {
        let fixture = try AutomationFixture()
        try fixture.assigned(grade: .a)
        let alice = TickService(context: fixture.context, actor: try fixture.actor("alice"))
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 11))
        #expect(try alice.run(skipIfRanWithin: 48).skipped == false)
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 12))
        fixture.clock.advance(by: -3_570)  // 30 s after the last run
        #expect(try alice.run(skipIfRanWithin: 48).skipped)
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 12))
        let later = try alice.run(skipIfRanWithin: 48)
        #expect(!later.skipped)
        #expect(later.firings.map(\.rule) == ["sla.confirm-escalation"])
    }

    @Test func repeatedEventsCountAtMostThreeTimesAndNeedEditRights() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.add()
        let number = lead.number.description
        #expect {
            try fixture.leads("fay").recordEvent(number, event: "inbound_contact")
        } throws: { _ in true }
        let start = try fixture.leads("admin").lead(number).score ?? 0
        for _ in 0..<6 { try fixture.leads("admin").recordEvent(number, event: "inbound_contact") }
        #expect(try fixture.leads("admin").lead(number).score == min(100, start + 30))
    }

    @Test func aFollowUpDatedAheadCountsFromNow() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .a)
        var draft = fixture.followUp()
        draft.at = AutomationFixture.at(2030, 1, 1, 10)
        _ = try fixture.leads("alice").logFollowUp(lead.number.description, draft)
        #expect(try fixture.leads("alice").lead(lead.number.description).lastFollowUpAt == fixture.clock.now())
    }
}
