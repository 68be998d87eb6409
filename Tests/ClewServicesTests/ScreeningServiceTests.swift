import ClewDomain
import ClewMemoryStore
import ClewServices
import Foundation
import Testing

/// The screening queue on the in-memory store: the real `ScreeningService`, no file. Whose
/// leads a supervisor screens, in which order, how long they waited in working time, the score
/// shown, the reps suggested, and that a calendar applied meanwhile counts at once.
@Suite("Screening use cases (in memory)")
struct ScreeningServiceTests {
    typealias Fixture = TaskServiceTests
    static let now = Fixture.now
    static let hour: TimeInterval = 3_600

    static func lead(_ id: Int64, owner: String? = nil, region: String, industry: String? = nil, waitingSince: Date,
                     score: Int? = nil, createdBy: String = "bob") -> Lead {
        Lead(id: id, number: LeadNumber("XL-20261202-00\(id)")!, status: .screening, score: score, owner: owner,
             details: LeadDraft(customer: "客户\(id)有限公司", contact: "联系人", phone: "1381234567\(id)", industry: industry,
                                need: "CRM", source: "官网", region: region),
             createdBy: createdBy, createdAt: waitingSince, updatedBy: createdBy, updatedAt: waitingSince, statusChangedAt: waitingSince)
    }

    /// Wednesday 17:00 (one working hour before now), Wednesday 10:00, and a 华南 lead; a lead
    /// another team's rep registered (dave's, no supervisor: bob cannot see it … but it is unowned).
    static let leads: [Lead] = [
        lead(1, region: "华东", industry: "制造", waitingSince: now.addingTimeInterval(-16 * hour), score: 82),
        lead(2, region: "华东", waitingSince: now.addingTimeInterval(-23 * hour)),
        lead(3, region: "华南", waitingSince: now.addingTimeInterval(-20 * hour)),
        Lead(id: 4, number: LeadNumber("XL-20261202-004")!, status: .active, stage: "discovery", owner: "alice",
             details: LeadDraft(customer: "忙碌的客户", contact: "联系人", phone: "13812345674", region: "华东"),
             createdBy: "alice", createdAt: now, updatedBy: "alice", updatedAt: now, statusChangedAt: now),
    ]

    let store: InMemoryStore = {
        let store = InMemoryStore(users: Fixture.profiles, leads: ScreeningServiceTests.leads,
                                  calendar: .standard(timeZone: Fixture.zone), now: { ScreeningServiceTests.now })
        store.setScoreParts("50\t行业:制造\n32\t来源:官网", ofLead: 1)
        return store
    }()

    func screening(_ login: String) -> ScreeningService {
        let profile = Fixture.profiles.first { $0.login == login }!
        return ScreeningService(store: store, actor: ActingUser(profile: profile, team: Set(Fixture.profiles.filter { $0.supervisor == login }.map(\.login))))
    }

    @Test func aRepDoesNotScreen() {
        #expect(throws: PermissionError.self) { try screening("alice").items() }
        #expect(throws: PermissionError.self) { try screening("alice").count() }
        #expect(throws: PermissionError.self) { try screening("alice").wholeQueue() }
    }

    @Test func theQueueIsOldestFirstWithItsWorkingWaitScoreAndSuggestions() throws {
        let items = try screening("bob").items(offset: 0, limit: 10)
        #expect(items.map(\.lead.id) == [2, 3, 1])
        #expect(try screening("bob").count() == 3)
        // Wednesday 10:00 → Thursday 09:00 is Wednesday's eight working hours; 17:00 → 09:00 is one.
        #expect(items.map(\.waitingWorkingSeconds) == [8 * Self.hour, 5 * Self.hour, 1 * Self.hour])
        // A lead scored before shows its stored breakdown; an unscored one is scored from its details now.
        let scored = try #require(items.last)
        #expect(scored.score.total == 82 && scored.score.parts.map(\.points) == [50, 32])
        #expect(items.first?.score == ProcessDefinition.standard.scoring.score(Self.leads[1].details))
        // bob gives leads to his own team only (not dave, not the deactivated rep), the least busy first.
        #expect(items.first?.suggestions.map(\.login) == ["carol", "alice"])
        #expect(items.first?.suggestions.map(\.openLeads) == [0, 1])
        #expect(try screening("bob").items(offset: 1, limit: 1).map(\.lead.id) == [3])
        // An admin may give any rep a lead: dave covers 华南.
        #expect(try screening("admin").items(offset: 1, limit: 1).first?.suggestions.first?.login == "dave")
    }

    @Test func theWholeQueueAndTheRepsToAssignTo() throws {
        #expect(try screening("bob").wholeQueue().map(\.number) == ["XL-20261202-002", "XL-20261202-003", "XL-20261202-001"])
        #expect(try screening("bob").wholeQueue().last == ScreeningEntry(number: "XL-20261202-001", customer: "客户1有限公司", grade: nil,
                                                                        region: "华东", industry: "制造"))
        #expect(try screening("bob").assignableReps().map(\.profile.login) == ["alice", "carol"])
        #expect(try screening("admin").assignableReps().map(\.profile.login) == ["alice", "carol", "dave"])
        #expect(try screening("admin").suggestions(region: "华南", industry: nil).first?.regionMatch == true)
    }

    @Test func aHolidayAppliedMeanwhileCountsInTheNextRead() throws {
        #expect(try screening("bob").items(offset: 2, limit: 1).first?.waitingWorkingSeconds == Self.hour)
        store.apply(calendar: WorkingCalendar(timeZone: Fixture.zone, holidays: [CalendarDay(year: 2026, month: 12, day: 2)]))
        #expect(try screening("bob").items(offset: 2, limit: 1).first?.waitingWorkingSeconds == 0)
    }
}
