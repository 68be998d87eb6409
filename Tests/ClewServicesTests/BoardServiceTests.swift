import ClewDomain
import ClewMemoryStore
import ClewServices
import Foundation
import Testing

/// The board on the in-memory store: the real `BoardService`, no file. Which columns a reader
/// sees and what they total, the won window, filters and scopes, and the cards of a column
/// with their next task and SLA state.
@Suite("Board use cases (in memory)")
struct BoardServiceTests {
    typealias Fixture = TaskServiceTests
    static let now = Fixture.now
    static let day: TimeInterval = 86_400
    static let pipeline = ProcessDefinition.standard.pipeline

    static func lead(_ id: Int64, _ status: LeadStatus, owner: String?, stage: String? = nil, grade: Grade? = nil, amount: Money? = nil,
                     changed: TimeInterval = 0, entered: TimeInterval? = nil) -> Lead {
        Lead(id: id, number: LeadNumber("XL-20261201-0\(10 + id)")!, status: status, stage: stage, grade: grade, owner: owner,
             details: LeadDraft(customer: "看板客户\(id)", contact: "联系人", phone: "1351234\(1000 + id)", need: "CRM", source: "官网", region: "华东"),
             amount: amount, createdBy: "bob", createdAt: now.addingTimeInterval(-60 * day), updatedBy: "bob", updatedAt: now,
             statusChangedAt: now.addingTimeInterval(changed), stageEnteredAt: entered.map { now.addingTimeInterval($0) })
    }

    static var first: String { pipeline.stages[0].key }
    static var second: String { pipeline.stages[1].key }

    static let leads: [Lead] = [
        lead(1, .screening, owner: nil, changed: -2 * day),
        lead(2, .assigned, owner: "alice", grade: .a, changed: -1 * day),
        lead(3, .active, owner: "alice", stage: first, grade: .a, changed: -5 * day, entered: -3 * day),
        lead(4, .active, owner: "alice", stage: first, grade: .b, changed: -5 * day, entered: -4 * day),
        lead(5, .active, owner: "carol", stage: second, grade: .a, changed: -5 * day, entered: -1 * day),
        lead(6, .won, owner: "alice", stage: second, amount: Money(yuan: 120_000), changed: -2 * day),
        lead(7, .won, owner: "carol", stage: second, amount: Money(yuan: 30_000), changed: -10 * day),
        lead(8, .won, owner: "alice", stage: second, amount: Money(yuan: 99_000), changed: -31 * day),
    ]

    let store = InMemoryStore(users: Fixture.profiles, leads: BoardServiceTests.leads, calendar: .standard(timeZone: Fixture.zone),
                              now: { BoardServiceTests.now })

    func board(_ login: String) -> BoardService {
        let profile = Fixture.profiles.first { $0.login == login }!
        return BoardService(store: store, actor: ActingUser(profile: profile, team: Set(Fixture.profiles.filter { $0.supervisor == login }.map(\.login))))
    }

    func counts(_ columns: [BoardColumn]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: columns.map { ($0.key, $0.count) })
    }

    @Test func theColumnsAreTheIntakeTheStagesAndTheWinsOfTheWindow() throws {
        let columns = try board("bob").columns(scope: .team, filter: BoardFilter())
        #expect(columns.map(\.key) == BoardService.columnKeys(Self.pipeline))
        #expect(try board("bob").columnKeys() == columns.map(\.key))
        let count = counts(columns)
        #expect(count["screening"] == 1 && count["assigned"] == 1 && count[Self.first] == 2 && count[Self.second] == 1)
        // The win 31 days ago is past the 30-day window.
        #expect(count["won"] == 2)
        #expect(columns.last?.amount == Money(yuan: 150_000))
        #expect(columns.first?.chineseTitle == LeadStatus.screening.chineseName && columns.last?.englishTitle == "Won (30d)")
    }

    @Test func aRepsOwnBoardAndAFilter() throws {
        let mine = counts(try board("alice").columns(scope: .mine, filter: BoardFilter()))
        #expect(mine["screening"] == 0 && mine["assigned"] == 1 && mine[Self.first] == 2 && mine[Self.second] == 0 && mine["won"] == 1)
        let gradeA = counts(try board("bob").columns(scope: .team, filter: BoardFilter(grade: .a)))
        #expect(gradeA[Self.first] == 1 && gradeA[Self.second] == 1 && gradeA["assigned"] == 1 && gradeA["screening"] == 0)
        // A rep looking at everything still sees only what they may read: not carol's deals.
        let all = counts(try board("alice").columns(scope: .all, filter: BoardFilter()))
        #expect(all[Self.second] == 0 && all["won"] == 1 && all["screening"] == 0)
    }

    @Test func aColumnsCardsAreLongestInTheStageFirstWithTheirNextTask() throws {
        let soon = Self.now.addingTimeInterval(3_600)
        try store.write(as: ActingUser(profile: Fixture.profiles[2])) { tx in
            _ = try tx.tasks.insert(NewTask(leadID: 3, assignee: "alice", title: "回访", kind: "manual", due: soon))
        }
        let cards = try board("alice").cards(in: Self.first, scope: .mine, filter: BoardFilter(), offset: 0, limit: 10)
        #expect(cards.map(\.lead.id) == [4, 3])
        #expect(cards.map(\.nextTaskDue) == [nil, soon])
        #expect(cards.map(\.inColumnSince) == [Self.now.addingTimeInterval(-4 * Self.day), Self.now.addingTimeInterval(-3 * Self.day)])
        // Each card's SLA state is judged with its next task, in the store's calendar, now.
        let calendar = WorkingCalendar.standard(timeZone: Fixture.zone)
        #expect(cards.map(\.sla) == [SLAState.evaluate(Self.leads[3], nextTaskDue: nil, pipeline: Self.pipeline, calendar: calendar, now: Self.now),
                                     SLAState.evaluate(Self.leads[2], nextTaskDue: soon, pipeline: Self.pipeline, calendar: calendar, now: Self.now)])
        #expect(try board("alice").cards(in: Self.first, scope: .mine, filter: BoardFilter(), offset: 1, limit: 10).map(\.lead.id) == [3])
        // Wins newest first; intake by how long they waited.
        #expect(try board("bob").cards(in: "won", scope: .team, filter: BoardFilter(), offset: 0, limit: 10).map(\.lead.id) == [6, 7])
        #expect(try board("bob").cards(in: "screening", scope: .team, filter: BoardFilter(), offset: 0, limit: 10).map(\.inColumnSince)
            == [Self.now.addingTimeInterval(-2 * Self.day)])
    }

    @Test func aColumnThatIsNoneIsRefused() {
        #expect(throws: StoreError.notFound("no board column 'nosuch'")) {
            try board("alice").cards(in: "nosuch", scope: .mine, filter: BoardFilter(), offset: 0, limit: 10)
        }
    }
}
