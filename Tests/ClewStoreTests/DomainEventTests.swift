import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// Services talk to the automation only through the events they publish in their transaction.
@Suite("Domain events")
struct DomainEventTests {
    /// Records what is published and acts on nothing.
    final class Recorder: DomainEventHandler, @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [DomainEvent] = []
        var events: [DomainEvent] { lock.withLock { seen } }

        func handle(_ event: DomainEvent, on lead: Lead, context: ClewContext, depth: Int, _ m: Mutation) throws -> Lead {
            lock.withLock { seen.append(event) }
            return lead
        }
    }

    @Test func aLeadsLifeIsPublishedAsEventsInOrder() throws {
        let db = try TemporaryDatabase()
        let recorder = Recorder()
        var context = db.context
        context.eventHandler = recorder
        let bob = LeadService(context: context, actor: try db.actor("bob"))
        let alice = LeadService(context: context, actor: try db.actor("alice"))
        let number = try LeadService(context: context, actor: try db.actor("admin")).add(LeadDraft(
            customer: "杭州恒通科技有限公司", contact: "王伟", phone: "13800138000", industry: "制造业",
            need: "需采购企业级SaaS系统", source: "展会", region: "华东", city: "杭州")).lead.number.description
        try bob.grade(number, .a, reason: "预算明确")
        try bob.assign(number, to: "alice")
        try alice.confirm(number)
        _ = try alice.logFollowUp(number, db.followUp("客户觉得太贵", next: nil))
        try bob.win(number, amount: Money(yuan: 380_000))
        #expect(recorder.events == [
            .readyForRouting, .graded, .handedTo("alice"), .enteredStage("discovery"),
            .followedUp(method: .phone, text: "客户觉得太贵\n对方案整体满意"),
            .leftStage("discovery"), .contractSigned, .won,
        ])
    }

    @Test func withAHandlerThatDoesNothingNoAutomationRuns() throws {
        let db = try TemporaryDatabase()
        var context = db.context
        context.process = .standard
        context.eventHandler = Recorder()
        let lead = try db.activeLead()
        _ = try LeadService(context: context, actor: try db.actor("bob")).grade(lead.number.description, .c, reason: "预算不明")
        #expect(try db.count("SELECT count(*) FROM rule_firing") == 0, "the standard process's triggers and cadences did not run")
    }
}
