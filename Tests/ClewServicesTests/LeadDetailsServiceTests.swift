import ClewDomain
import ClewMemoryStore
import ClewServices
import Foundation
import Testing

/// Editing a lead's details, recording behaviour events and adding notes on the in-memory
/// store: the real ``LeadDetailsService``, no file. Who may edit, which concurrent edits
/// conflict, duplicates, rescoring and grade raises, mentions, and that a refusal leaves nothing.
@Suite("Lead details use cases (in memory)")
struct LeadDetailsServiceTests {
    typealias Fixture = TaskServiceTests
    static let now = Fixture.now
    static let scoring = ProcessDefinition.withoutAutomation.scoring

    /// A lead as registration leaves it: scored and keyed.
    static func lead(_ id: Int64, _ status: LeadStatus, owner: String?, grade: Grade? = nil, _ details: LeadDraft) -> Lead {
        let checked = try! details.validate(latestFounded: 2026)
        let score = scoring.score(checked.fields)
        return Lead(id: id, number: LeadNumber("XL-20261201-00\(id)")!, status: status, stage: status == .active ? "discovery" : nil,
                    grade: grade, suggestedGrade: score.suggestedGrade, score: score.total, owner: owner, details: checked.fields,
                    phoneKey: checked.phone?.normalized, flags: checked.phone?.looksFake == true ? [.fakePhone] : [], createdBy: "admin", createdAt: now, updatedBy: "admin", updatedAt: now, statusChangedAt: now)
    }

    /// Alice's active lead in 华东, graded C.
    static let alices = lead(1, .active, owner: "alice", grade: .c,
                             LeadDraft(customer: "苏州精工机械有限公司", contact: "李强", title: "厂长", phone: "13912345678", industry: "制造", need: "MES",
                                       source: "官网", region: "华东"))
    /// Dave's active lead in 华南: alice cannot see it.
    static let daves = lead(2, .active, owner: "dave",
                            LeadDraft(customer: "广州南沙贸易有限公司", contact: "黄敏", phone: "13600001111", industry: "贸易", need: "ERP",
                                      source: "展会", region: "华南"))
    /// A new lead nobody owns, its need and source still missing.
    static let incomplete = lead(3, .new, owner: nil, LeadDraft(customer: "杭州云栖数据有限公司", contact: "周杰", phone: "13711112222", region: "华东"))
    /// Alice's won lead.
    static let won = lead(4, .won, owner: "alice", grade: .a,
                          LeadDraft(customer: "宁波港城物流有限公司", contact: "陈红", phone: "13522223333", industry: "物流", need: "WMS",
                                    source: "转介绍", region: "华东"))

    let store = InMemoryStore(users: Fixture.profiles, leads: [alices, daves, incomplete, won], process: .withoutAutomation,
                              calendar: .standard(timeZone: Fixture.zone), now: { LeadDetailsServiceTests.now })

    func details(_ login: String) -> LeadDetailsService {
        let profile = Fixture.profiles.first { $0.login == login }!
        return LeadDetailsService(store: store, actor: ActingUser(profile: profile, team: Set(Fixture.profiles.filter { $0.supervisor == login }.map(\.login))))
    }

    func stored(_ lead: Lead) throws -> Lead { try #require(try store.read { try $0.leads.lead(id: lead.id) }) }

    @Test func aRepEditsHerLeadAndEachChangedFieldIsAuditedWithTheNewScore() throws {
        let edited = try details("alice").edit("xl-20261201-001", changes: LeadDraft(city: "苏州", budget: "50万"), clearing: [.title])
        #expect(edited.details.city == "苏州" && edited.details.budget == "50万" && edited.details.title == nil)
        #expect(edited.version == 2 && edited.updatedBy == "alice")
        let score = Self.scoring.score(edited.details)
        #expect(edited.score == score.total && edited.suggestedGrade == score.suggestedGrade)
        #expect(try store.read { try $0.leads.storedScoreParts(of: [1]) } == [1: score.storedParts])
        let fields = store.auditTrail.filter { $0.action == "edit" }.compactMap(\.field)
        #expect(fields.filter { !["score", "suggested_grade"].contains($0) } == ["title", "city", "budget"])
        #expect(store.publishedEvents.isEmpty, "only a new lead's completion goes through routing")
    }

    @Test func editsFromTheSameVersionConflictOnlyOnTheFieldsBothChanged() throws {
        let seen = Self.alices.version
        _ = try details("alice").edit(Self.alices.number.description, changes: LeadDraft(city: "苏州"), expectedVersion: seen)
        try details("alice").addNote(Self.alices.number.description, body: "客户在比价")
        // bob saw the same version: another field goes through, the same field is refused naming alice.
        _ = try details("bob").edit(Self.alices.number.description, changes: LeadDraft(budget: "30万"), expectedVersion: seen)
        #expect(throws: StoreError.staleVersion(entity: Self.alices.number.description, changedBy: "alice", at: Self.now)) {
            try details("bob").edit(Self.alices.number.description, changes: LeadDraft(city: "无锡"), expectedVersion: seen)
        }
        #expect(try stored(Self.alices).details.city == "苏州" && stored(Self.alices).details.budget == "30万")
        #expect(throws: StoreError.staleVersion(entity: Self.alices.number.description, changedBy: "bob", at: Self.now)) {
            try details("alice").edit(Self.alices.number.description, changes: LeadDraft(city: "无锡"), expectedVersion: 99)
        }
    }

    @Test func anotherOpenLeadsPhoneIsRefusedNamingItOnlyToWhoCanSeeIt() throws {
        let trail = store.auditTrail.count
        #expect(throws: HiddenDuplicateError()) {
            try details("alice").edit(Self.alices.number.description, changes: LeadDraft(phone: "136 0000 1111"))
        }
        #expect(throws: DuplicateLeadError(number: Self.daves.number.description, owner: "dave", field: "phone", value: "136 0000 1111")) {
            try details("admin").edit(Self.alices.number.description, changes: LeadDraft(phone: "13600001111"))
        }
        #expect(store.auditTrail.count == trail)
        #expect(try stored(Self.alices) == Self.alices, "a refused edit leaves nothing")
        // A won lead's phone is no open duplicate.
        let edited = try details("alice").edit(Self.alices.number.description, changes: LeadDraft(phone: "13522223333"))
        #expect(edited.details.phone == "135 2222 3333" && edited.phoneKey == "+8613522223333")
    }

    @Test func anUnchangedFormWritesNothingAndAClosedLeadIsNotEdited() throws {
        let same = try details("alice").edit(Self.alices.number.description, changes: LeadDraft(region: "华东", city: nil))
        #expect(same == Self.alices && store.auditTrail.isEmpty)
        #expect(throws: LifecycleError.illegalTransition(event: .completeDetails, from: .won)) {
            try details("alice").edit(Self.won.number.description, changes: LeadDraft(city: "宁波"))
        }
        #expect(throws: PermissionError.notVisible(Self.daves.number.description)) {
            try details("alice").edit(Self.daves.number.description, changes: LeadDraft(city: "广州"))
        }
    }

    @Test func completingANewLeadSendsItToScreeningAndRouting() throws {
        let edited = try details("admin").edit(Self.incomplete.number.description, changes: LeadDraft(industry: "数据服务", need: "数据中台", source: "官网"))
        #expect(edited.status == .screening && edited.statusChangedAt == Self.now)
        #expect(store.publishedEvents == [InMemoryStore.PublishedEvent(event: .readyForRouting, leadID: Self.incomplete.id)])
        #expect(throws: LeadValidationError.missing([.need])) {
            try details("admin").edit(Self.incomplete.number.description, changes: LeadDraft(), clearing: [.need])
        }
    }

    @Test func anEventRaisesTheGradeAndTheAutomationTellsTheOwner() throws {
        var process = ProcessDefinition.withoutAutomation
        process.scoring.events = [ScoringEvent(event: "inbound_contact", points: 60)]
        process.scoring.eventsRaiseGrade = true
        store.apply(process: process)
        let expected = process.scoring.score(Self.alices.details, events: ["inbound_contact"])
        let raised = expected.suggestedGrade
        #expect(raised < .c, "the set-up: 60 points raise the suggestion above C")
        let lead = try details("bob").recordEvent(Self.alices.number.description, event: "inbound_contact")
        #expect(lead.grade == raised && lead.score == expected.total && lead.version == 2)
        #expect(store.events(onLead: Self.alices.id) == ["inbound_contact"])
        #expect(store.notifications.map { [$0.recipient, $0.actor, $0.kind, $0.text] } == [["alice", ActingUser.automationLogin, "grade", "raised"]])
        #expect(store.publishedEvents.map(\.event) == [.graded])
        #expect(store.auditTrail.map(\.action).prefix(1) == ["event"] && store.auditTrail.dropFirst().allSatisfy { $0.action == "rescore" })
    }

    @Test func anUnknownEventIsRefusedWithTheClosestAndAProcessAppliedMeanwhileCounts() throws {
        #expect(throws: LeadError.unknownEvent("inbound_contct", known: ["inbound_contact", "repeated_interest"], suggestion: "inbound_contact")) {
            try details("alice").recordEvent(Self.alices.number.description, event: "inbound_contct")
        }
        #expect(throws: LeadError.closed(number: Self.won.number.description, status: .won, work: .event)) {
            try details("alice").recordEvent(Self.won.number.description, event: "inbound_contact")
        }
        var process = ProcessDefinition.withoutAutomation
        process.scoring.events.append(ScoringEvent(event: "visited_booth", points: 5))
        store.apply(process: process)
        let lead = try details("alice").recordEvent(Self.alices.number.description, event: "visited_booth")
        #expect(lead.score == process.scoring.score(Self.alices.details, events: ["visited_booth"]).total)
        #expect(store.notifications.isEmpty, "five points raise no suggestion here")
    }

    @Test func aNoteTellsTheActiveUsersItMentionsAndAnUnknownMentionSavesNothing() throws {
        let notified = try details("alice").addNote(Self.alices.number.description, body: "  请 @bob 看一下，@gone 和 @alice 也在。 ")
        #expect(notified == ["bob"], "an inactive user and the author herself are not told")
        #expect(store.notes(onLead: Self.alices.id).map { [$0.author, $0.kind, $0.body] } == [["alice", "note", "请 @bob 看一下，@gone 和 @alice 也在。"]])
        #expect(store.notifications.map { [$0.recipient, $0.kind, $0.actor] } == [["bob", "mention", "alice"]])
        #expect(store.notifications.first?.parameters == ["alice", Self.alices.number.description, "请 @bob 看一下，@gone 和 @alice 也在。"])
        #expect(store.auditTrail.map { [$0.action, $0.field, $0.new] } == [["note", "note", "\(store.notes(onLead: 1)[0].id)"]])
        #expect(throws: MentionError.unknownLogin("bbo", suggestion: "bob")) {
            try details("alice").addNote(Self.alices.number.description, body: "@bbo 请看")
        }
        #expect(throws: LeadError.emptyNote) { try details("alice").addNote(Self.alices.number.description, body: "   ") }
        #expect(throws: PermissionError.notVisible(Self.daves.number.description)) {
            try details("alice").addNote(Self.daves.number.description, body: "看看")
        }
        #expect(store.notes(onLead: Self.alices.id).count == 1 && store.notifications.count == 1)
    }
}
