import ClewDomain
import ClewMemoryStore
import ClewServices
import Foundation
import Testing

/// Registering leads on the in-memory store: the real ``LeadRegistrationService``, no file.
/// Numbers, scoring, flags, duplicates as the policy decides them (refused, allowed, referred to
/// the hidden lead's supervisor, linked to a won customer), capture times, and who may register.
@Suite("Lead registration use cases (in memory)")
struct LeadRegistrationServiceTests {
    typealias Fixture = TaskServiceTests
    typealias Leads = LeadDetailsServiceTests

    let store = InMemoryStore(users: Fixture.profiles, leads: [Leads.alices, Leads.daves, Leads.won], process: .withoutAutomation,
                              calendar: .standard(timeZone: Fixture.zone), now: { Fixture.now })

    func registration(_ login: String) -> LeadRegistrationService {
        let profile = Fixture.profiles.first { $0.login == login }!
        return LeadRegistrationService(store: store, actor: ActingUser(profile: profile, team: Set(Fixture.profiles.filter { $0.supervisor == login }.map(\.login))))
    }

    static let complete = LeadDraft(customer: "常州新材料有限公司", contact: "吴刚", phone: "13700002222", industry: "材料", need: "ERP", source: "官网",
                                    region: "华东")

    @Test func aCompleteLeadTakesTodaysNextNumberGoesToScreeningAndThroughRouting() throws {
        let added = try registration("alice").add(Self.complete)
        let today = CalendarDay.containing(Fixture.now, in: Fixture.zone)
        #expect(added.lead.number == LeadNumber(day: today, sequence: 1) && added.lead.status == .screening && !added.merged)
        let score = Leads.scoring.score(added.lead.details)
        #expect(added.lead.score == score.total && added.lead.phoneKey == "+8613700002222" && added.lead.flags.isEmpty)
        #expect(try store.read { try $0.leads.storedScoreParts(of: [added.lead.id]) } == [added.lead.id: score.storedParts])
        #expect(store.publishedEvents == [InMemoryStore.PublishedEvent(event: .readyForRouting, leadID: added.lead.id)])
        let incomplete = try registration("alice").add(LeadDraft(customer: "常州小厂", phone: "13812345678"))
        #expect(incomplete.lead.number.sequence == 2 && incomplete.lead.status == .new && incomplete.lead.flags == [.fakePhone])
        #expect(store.auditTrail.map { [$0.action, $0.field] } == [["create", "number"], ["create", "number"]])
    }

    @Test func aVisibleOpenDuplicateIsRefusedNamingItAndMayBeRegisteredAnywayFlagged() throws {
        var draft = Self.complete
        draft.phone = "139 1234 5678"  // alice's own lead
        #expect(throws: DuplicateLeadError(number: Leads.alices.number.description, owner: "alice", field: "phone", value: "139 1234 5678")) {
            try registration("alice").add(draft)
        }
        #expect(store.auditTrail.isEmpty && store.publishedEvents.isEmpty)
        let allowed = try registration("alice").add(draft, duplicates: .allow)
        #expect(allowed.lead.flags.contains(.possibleDuplicate))
    }

    @Test func aHiddenDuplicateIsRefusedAndItsSupervisorToldWhichStays() throws {
        var draft = Self.complete
        draft.phone = "13600001111"  // dave's lead in 华南, which alice cannot see
        #expect(throws: HiddenDuplicateError()) { try registration("alice").add(draft) }
        // dave has no supervisor: an admin answers for his lead.
        #expect(store.notifications.map { [$0.recipient, $0.kind, $0.actor] } == [["admin", "duplicate", "alice"]])
        #expect(store.notifications.first?.parameters == ["alice", "phone", "\(Leads.daves.number) 广州南沙贸易有限公司", "dave"])
        #expect(store.auditTrail.map { [$0.action, $0.entity, $0.field, $0.new] } == [["duplicate-refused", "lead", "phone", "alice"]])
        #expect(try store.read { try $0.leads.lead(number: LeadNumber(day: CalendarDay.containing(Fixture.now, in: Fixture.zone), sequence: 1)) } == nil)
    }

    @Test func aWonCustomersPhoneRegistersARepeatPurchaseLinkedToIt() throws {
        store.setOpportunityCustomer(42, ofLead: Leads.won.id)
        var draft = Self.complete
        draft.phone = "13522223333"
        let added = try registration("carol").add(draft)
        #expect(added.lead.previousLead == Leads.won.number && added.lead.customerID == 42 && added.lead.version == 2)
        #expect(store.auditTrail.map { [$0.action, $0.field] }.suffix(2) == [["repeat-purchase", "customer_id"], ["repeat-purchase", "previous_lead"]])
        #expect(store.notifications.map { [$0.recipient, $0.kind] } == [["alice", "repeat-purchase"]], "the won lead's owner is told")
    }

    @Test func captureTimesAreCheckedAndALateRegistrationFlagged() throws {
        let future = Fixture.now.addingTimeInterval(3_600)
        #expect(throws: LeadCaptureError.inFuture(future)) { try registration("alice").add(Self.complete, capturedAt: future) }
        let weekAgo = Fixture.now.addingTimeInterval(-7 * 86_400)
        let late = try registration("alice").add(Self.complete, capturedAt: weekAgo)
        #expect(late.lead.capturedAt == weekAgo && late.lead.flags.contains(.lateRegistration))
        #expect(store.auditTrail.map(\.field) == ["number", "captured_at"])
        #expect(throws: PermissionError.lacks(.registerLeads, login: "fred", role: .finance)) { try registration("fred").add(Self.complete) }
    }

    @Test func mergingIntoALeadFillsItsGapsKeepsConflictsAsANoteAndCountsAsRepeatedInterest() throws {
        let merged = try registration("alice").add(LeadDraft(customer: "苏州精工", contact: "李强", phone: "13912345678", city: "苏州"),
                                                   duplicates: .mergeInto(Leads.alices.number.description))
        #expect(merged.merged && merged.lead.details.city == "苏州" && merged.lead.details.customer == "苏州精工机械有限公司")
        #expect(store.notes(onLead: Leads.alices.id).map(\.kind) == ["merge"])
        #expect(store.notes(onLead: Leads.alices.id).first?.body.contains("苏州精工机械有限公司 ≠ 苏州精工") == true)
        #expect(store.events(onLead: Leads.alices.id) == ["repeated_interest"])
        #expect(throws: LeadError.closed(number: Leads.won.number.description, status: .won, work: .details)) {
            try registration("alice").add(Self.complete, duplicates: .mergeInto(Leads.won.number.description))
        }
    }
}
