import ClewDomain
import ClewMemoryStore
import ClewServices
import Foundation
import Testing

/// Merging duplicate leads on the in-memory store: the real ``LeadMergingService``, no file.
/// The survivor gains what it lacked and the merged lead's work; the merged lead stays as a
/// tombstone pointing to it; only a supervisor or an admin merges, and never into a tombstone.
@Suite("Merging leads (in memory)")
struct LeadMergingServiceTests {
    typealias Fixture = TaskServiceTests
    typealias Leads = LeadDetailsServiceTests

    /// A second registration of alice's customer, in screening, with a title and a city the
    /// first lacks.
    static let duplicate = Leads.lead(7, .screening, owner: nil,
                                      LeadDraft(customer: "苏州精工机械有限公司", contact: "李强", title: "厂长", phone: "13912345678", industry: "制造",
                                                need: "MES", source: "展会", region: "华东", city: "苏州"))

    let store = InMemoryStore(users: Fixture.profiles, leads: [Leads.alices, duplicate], process: .withoutAutomation,
                              calendar: .standard(timeZone: Fixture.zone), now: { Fixture.now })

    func actor(_ login: String) -> ActingUser { Fixture.actor(login) }

    @Test func theSurvivorGainsWhatItLackedAndTheMergedLeadsWork() throws {
        let duplicate = Self.duplicate.number.description
        _ = try LeadDetailsService(store: store, actor: actor("bob")).addNote(duplicate, body: "展会上留的名片")
        let task = try TaskService(store: store, actor: actor("bob")).add(title: "核对联系人", lead: duplicate, assignee: nil, due: nil)
        let approval = try store.write(as: actor("bob")) { tx in
            try tx.approvals.insert(NewApproval(leadID: 7, kind: .stageSkip, fromStage: "a", toStage: "b", approver: "admin"))
        }

        let survivor = try LeadMergingService(store: store, actor: actor("bob")).merge(duplicate, into: Leads.alices.number.description)
        #expect(survivor.id == 1 && survivor.details.city == "苏州")
        let tombstone = try #require(try store.read { try $0.leads.lead(id: 7) })
        #expect(tombstone.status == .merged && tombstone.mergedInto == Leads.alices.number)
        #expect(store.notes(onLead: 1).map(\.body).contains("展会上留的名片") && store.notes(onLead: 7).isEmpty)
        #expect(try store.read { try $0.tasks.task(id: task.id)?.leadNumber } == Leads.alices.number.description)
        #expect(try store.read { try $0.approvals.pendingIDs(onLead: 7) }.isEmpty && approval > 0)
        let moves = store.auditTrail.filter { $0.action == "merge-move" }.map { [$0.field, $0.old, $0.new] }
        #expect(moves == [["task", duplicate, "1 rows"], ["note", duplicate, "1 rows"]])
        #expect(store.auditTrail.contains { $0.entityID == 7 && $0.field == "merged_into" && $0.new == "1" })
    }

    @Test func onlyASupervisorMergesAndNeverIntoItselfOrATombstone() throws {
        let duplicate = Self.duplicate.number.description, first = Leads.alices.number.description
        #expect(throws: PermissionError.self) { try LeadMergingService(store: store, actor: actor("alice")).merge(duplicate, into: first) }
        let bob = LeadMergingService(store: store, actor: actor("bob"))
        #expect(throws: LeadError.mergeIntoItself(number: first)) { try bob.merge(first, into: first) }
        _ = try bob.merge(duplicate, into: first)
        #expect(throws: LeadError.merged(number: duplicate, into: first)) { try bob.merge(first, into: duplicate) }
    }
}
