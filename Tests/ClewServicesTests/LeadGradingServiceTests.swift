import ClewDomain
import ClewMemoryStore
import ClewServices
import Foundation
import Testing

/// Grading leads on the in-memory store: the real ``LeadGradingService``, no file. The reason
/// kept as a note and an audit row, the event a new grade publishes, the owner told of a
/// regrade, and who may grade.
@Suite("Lead grading use cases (in memory)")
struct LeadGradingServiceTests {
    typealias Fixture = TaskServiceTests
    typealias Leads = LeadDetailsServiceTests

    /// A lead waiting in screening in 华东, nobody's.
    static let waiting = Leads.lead(5, .screening, owner: nil,
                                    LeadDraft(customer: "嘉兴禾丰农业有限公司", contact: "沈涛", phone: "13655556666", industry: "农业", need: "溯源",
                                              source: "展会", region: "华东"))

    let store = InMemoryStore(users: Fixture.profiles, leads: [Leads.alices, Leads.won, waiting], process: .withoutAutomation,
                              calendar: .standard(timeZone: Fixture.zone), now: { Fixture.now })

    func grading(_ login: String) -> LeadGradingService {
        let profile = Fixture.profiles.first { $0.login == login }!
        return LeadGradingService(store: store, actor: ActingUser(profile: profile, team: Set(Fixture.profiles.filter { $0.supervisor == login }.map(\.login))))
    }

    @Test func aSupervisorGradesWithAReasonKeptAsANoteAndTheGradeIsPublished() throws {
        let graded = try grading("bob").grade(Self.waiting.number.description, .a, reason: "  预算明确，决策人已接触 ")
        #expect(graded.grade == .a && graded.version == 2 && graded.updatedBy == "bob")
        #expect(store.notes(onLead: Self.waiting.id).map { [$0.kind, $0.body, $0.author] } == [["grade", "A: 预算明确，决策人已接触", "bob"]])
        #expect(store.auditTrail.map { [$0.action, $0.field, $0.old, $0.new] } == [
            ["grade-reason", "grade_reason", nil, "预算明确，决策人已接触"], ["grade", "grade", nil, "A"],
        ])
        #expect(store.publishedEvents == [InMemoryStore.PublishedEvent(event: .graded, leadID: Self.waiting.id)])
        #expect(store.notifications.isEmpty, "a first grade tells nobody: the lead has no owner yet")
    }

    @Test func aRegradeTellsTheOwnerWhyAndTheSameGradePublishesNothing() throws {
        _ = try grading("bob").grade(Leads.alices.number.description, .b, reason: "客户预算上调")
        #expect(store.notifications.map { [$0.recipient, $0.kind, $0.text, $0.actor] } == [["alice", "grade", "regraded", "bob"]])
        #expect(store.notifications.first?.parameters == ["bob", Leads.alices.number.description, "C", "B", "客户预算上调"])
        _ = try grading("bob").grade(Leads.alices.number.description, .b, reason: "再次确认")
        #expect(store.publishedEvents.map(\.event) == [.graded], "the same grade again is no new grade")
        #expect(store.notes(onLead: Leads.alices.id).count == 2 && store.notifications.count == 1)
    }

    @Test func gradingIsRefusedWithoutAReasonOnAClosedLeadFromAStaleVersionAndToAReps() throws {
        #expect(throws: LeadError.reasonRequired(.grading)) { try grading("bob").grade(Self.waiting.number.description, .a, reason: "  ") }
        #expect(throws: LeadError.closed(number: Leads.won.number.description, status: .won, work: .grading)) {
            try grading("bob").grade(Leads.won.number.description, .b, reason: "复盘")
        }
        #expect(throws: PermissionError.self) { try grading("alice").grade(Leads.alices.number.description, .a, reason: "我觉得很好") }
        _ = try grading("bob").grade(Self.waiting.number.description, .b, reason: "需求一般")
        #expect(throws: StoreError.staleVersion(entity: Self.waiting.number.description, changedBy: "bob", at: Fixture.now)) {
            try grading("admin").grade(Self.waiting.number.description, .c, reason: "预算不足", expectedVersion: 1)
        }
        #expect(try store.read { try $0.leads.lead(id: Self.waiting.id) }?.grade == .b && store.publishedEvents.count == 1)
    }
}
