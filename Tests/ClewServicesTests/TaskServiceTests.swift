import ClewDomain
import ClewMemoryStore
import ClewServices
import Foundation
import Testing

/// The task use cases on the in-memory store: the real `TaskService`, no file. Who may give
/// whom a task, who is told, what the automation hears, and that a refusal leaves nothing.
@Suite("Task use cases (in memory)")
struct TaskServiceTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let now = CalendarDay(year: 2026, month: 12, day: 3).date(in: zone).addingTimeInterval(9 * 3_600)
    static let profiles: [UserProfile] = [
        UserProfile(login: "admin", name: "Ada Admin", role: .admin),
        UserProfile(login: "bob", name: "Bob Zhou", role: .supervisor, regions: ["华东"]),
        UserProfile(login: "alice", name: "Alice Wang", role: .rep, supervisor: "bob", regions: ["华东"]),
        UserProfile(login: "carol", name: "Carol Chen", role: .rep, supervisor: "bob", regions: ["华东"]),
        UserProfile(login: "dave", name: "Dave Liu", role: .rep, regions: ["华南"]),
        UserProfile(login: "gone", name: "Gone Away", role: .rep, supervisor: "bob", isActive: false),
        UserProfile(login: "fred", name: "Fred Huang", role: .finance, capacity: 0),
    ]
    /// Alice's active lead, in 华东.
    static let lead = Lead(id: 7, number: LeadNumber("XL-20261201-004")!, status: .active, stage: "discovery", owner: "alice",
                           details: LeadDraft(customer: "苏州精工机械有限公司", contact: "李强", phone: "13912345678", region: "华东"),
                           createdBy: "alice", createdAt: now, updatedBy: "alice", updatedAt: now, statusChangedAt: now)

    let store = InMemoryStore(users: TaskServiceTests.profiles, leads: [TaskServiceTests.lead], now: { TaskServiceTests.now })

    /// `login` of ``profiles`` acting, with their team (the reps whose supervisor they are).
    static func actor(_ login: String) -> ActingUser {
        let profile = profiles.first { $0.login == login }!
        return ActingUser(profile: profile, team: Set(profiles.filter { $0.supervisor == login }.map(\.login)))
    }

    func tasks(_ login: String) -> TaskService {
        let profile = Self.profiles.first { $0.login == login }!
        return TaskService(store: store, actor: ActingUser(profile: profile, team: Set(Self.profiles.filter { $0.supervisor == login }.map(\.login))))
    }

    @Test func aRepGivesAColleagueATaskOnTheirLeadAndTheColleagueIsTold() throws {
        let task = try tasks("alice").add(title: "  核对合同条款 ", lead: "xl-20261201-004", assignee: "carol", due: nil)
        #expect(task.title == "核对合同条款" && task.assignee == "carol" && task.createdBy == "alice")
        #expect(task.leadNumber == "XL-20261201-004" && task.leadCustomer == "苏州精工机械有限公司")
        #expect(store.notifications.map { [$0.recipient, $0.kind, $0.body] } == [["carol", "task", "alice gave you a task: 核对合同条款"]])
        #expect(store.notifications.first?.parameters == ["alice", "核对合同条款"])
        #expect(store.auditTrail.map { [$0.action, $0.entity, $0.field] } == [["create", "task", "title"]])
    }

    @Test func aTaskForOneselfTellsNobody() throws {
        _ = try tasks("alice").add(title: "回访", lead: nil, assignee: nil, due: Self.now.addingTimeInterval(3_600))
        #expect(store.notifications.isEmpty)
    }

    /// Seed 000's colleague hand-off: anyone who sees the lead; standalone only down the line.
    @Test func handOffsFollowTaskHandOff() throws {
        #expect(throws: PermissionError.notVisible("XL-20261201-004")) {
            try tasks("dave").add(title: "看看", lead: "XL-20261201-004", assignee: nil, due: nil)
        }
        #expect(throws: PermissionError.self) { try tasks("alice").add(title: "帮我打个电话", lead: nil, assignee: "carol", due: nil) }
        let fromSupervisor = try tasks("bob").add(title: "周会材料", lead: nil, assignee: "carol", due: nil)
        #expect(fromSupervisor.assignee == "carol" && fromSupervisor.leadNumber == nil)
        #expect(throws: TaskError.emptyTitle) { try tasks("alice").add(title: "   ", lead: nil, assignee: nil, due: nil) }
        #expect(throws: StoreError.notFound("'XL-1' is not a lead number (XL-YYYYMMDD-NNN)")) {
            try tasks("alice").add(title: "回访", lead: "XL-1", assignee: nil, due: nil)
        }
    }

    /// A refusal after the checks began leaves no task, no audit row and no notification.
    @Test func anUnknownOrDeactivatedAssigneeIsRefusedAndNothingIsWritten() throws {
        #expect(throws: IdentityError.unknownUser("crol", suggestion: "carol")) {
            try tasks("bob").add(title: "周会材料", lead: "XL-20261201-004", assignee: "crol", due: nil)
        }
        #expect(throws: UserDirectoryError.deactivated(login: "gone")) {
            try tasks("bob").add(title: "周会材料", lead: "XL-20261201-004", assignee: "gone", due: nil)
        }
        #expect(store.auditTrail.isEmpty && store.notifications.isEmpty)
        #expect(try store.read { try $0.tasks.task(id: 1) } == nil)
    }

    /// A colleague given a task on a lead may read the lead, but giving tasks on it still takes
    /// seeing it by role (``ClewDomain/TaskHandOff``).
    @Test func aColleagueWithATaskOnTheLeadMayReadItButNotHandOutTasksOnIt() throws {
        let dave = ActingUser(profile: Self.profiles.first { $0.login == "dave" }!)
        #expect(throws: PermissionError.self) { try store.read { try $0.requireLead("XL-20261201-004", for: .read, by: dave) } }
        _ = try tasks("alice").add(title: "华南客户引荐", lead: "XL-20261201-004", assignee: "dave", due: nil)
        #expect(try store.read { try $0.requireLead("XL-20261201-004", for: .read, by: dave) }.id == 7)
        #expect(throws: PermissionError.self) { try tasks("dave").add(title: "回电", lead: "XL-20261201-004", assignee: "alice", due: nil) }
    }

    @Test func completingTellsTheAutomationOnceAndOnlyForAnOpenTask() throws {
        let task = try tasks("alice").add(title: "回访", lead: "XL-20261201-004", assignee: nil, due: nil)
        let standalone = try tasks("alice").add(title: "整理名片", lead: nil, assignee: nil, due: nil)
        let done = try tasks("alice").complete(task.id)
        #expect(done.status == .done && done.doneAt == Self.now && done.version == 2)
        _ = try tasks("alice").complete(standalone.id)
        #expect(store.publishedEvents == [InMemoryStore.PublishedEvent(event: .taskCompleted(task.id), leadID: 7)],
                "only the task on a lead is news to the automation")
        #expect(throws: TaskError.notOpen(id: task.id, status: .done)) { try tasks("alice").complete(task.id) }
        #expect(store.publishedEvents.count == 1)
    }

    @Test func onlyTheAssigneeTheirSupervisorOrAnAdminMayCloseOrSnooze() throws {
        let task = try tasks("alice").add(title: "回访", lead: nil, assignee: nil, due: nil)
        #expect(throws: StoreError.notFound("no task #\(task.id) of yours")) { try tasks("carol").complete(task.id) }
        #expect(throws: StoreError.notFound("no task #\(task.id) of yours")) { try tasks("dave").snooze(task.id, until: Self.now + 60) }
        let later = Self.now.addingTimeInterval(3_600)
        #expect(try tasks("bob").snooze(task.id, until: later).snoozedUntil == later)
        #expect(throws: TaskError.snoozeInThePast) { try tasks("alice").snooze(task.id, until: Self.now) }
        #expect(try tasks("admin").complete(task.id).status == .done)
        #expect(throws: StoreError.notFound("no task #999 of yours")) { try tasks("admin").complete(999) }
    }
}
