import ClewDomain
import ClewMemoryStore
import ClewServices
import Foundation
import Testing

/// The inbox use cases on the in-memory store: the real `InboxService`, no file. Which tasks
/// are overdue, today's or upcoming in the calendar's days, what waits for confirmation, the
/// notifications by group with their counts, the approvals, and marking read.
@Suite("Inbox use cases (in memory)")
struct InboxServiceTests {
    typealias Fixture = TaskServiceTests
    /// Thursday 2026-12-03 09:00 in Shanghai.
    static let now = Fixture.now
    static func lead(_ id: Int64, _ status: LeadStatus, owner: String, changed: TimeInterval) -> Lead {
        Lead(id: id, number: LeadNumber("XL-20261201-00\(id)")!, status: status, stage: status == .active ? "discovery" : nil, owner: owner,
             details: LeadDraft(customer: "客户\(id)有限公司", contact: "联系人", phone: "1391234567\(id)", region: "华东"),
             createdBy: "bob", createdAt: now, updatedBy: "bob", updatedAt: now, statusChangedAt: now.addingTimeInterval(changed))
    }

    let store = InMemoryStore(users: Fixture.profiles,
                              leads: [Fixture.lead, lead(8, .assigned, owner: "alice", changed: -2 * 3_600),
                                      lead(9, .assigned, owner: "alice", changed: -5 * 3_600), lead(5, .assigned, owner: "carol", changed: 0)],
                              now: { InboxServiceTests.now })

    func actor(_ login: String) -> ActingUser {
        let profile = Fixture.profiles.first { $0.login == login }!
        return ActingUser(profile: profile, team: Set(Fixture.profiles.filter { $0.supervisor == login }.map(\.login)))
    }

    func inbox(_ login: String, limit: Int = 100) throws -> Inbox {
        try InboxService(store: store, actor: actor(login), timeZone: Fixture.zone).inbox(limit: limit)
    }

    @Test func tasksFallOnTheCalendarsDays() throws {
        let hour: TimeInterval = 3_600
        let ids = try store.write(as: actor("alice")) { tx in
            let add = { (title: String, due: Date?) in try tx.tasks.insert(NewTask(assignee: "alice", title: title, kind: "manual", due: due)) }
            let yesterday = try add("昨天下午", Self.now.addingTimeInterval(-18 * hour))        // 12-02 15:00
            let tonight = try add("今晚", Self.now.addingTimeInterval(14 * hour))               // 12-03 23:00
            let tomorrow = try add("明早", Self.now.addingTimeInterval(15.5 * hour))            // 12-04 00:30
            let undated = try add("有空时", nil)
            let nextMonth = try add("下个月", Self.now.addingTimeInterval(30 * 24 * hour))
            let snoozed = try add("推到后天", Self.now.addingTimeInterval(-24 * hour))
            try tx.tasks.snooze(snoozed, until: Self.now.addingTimeInterval(48 * hour))
            _ = try tx.tasks.insert(NewTask(assignee: "carol", title: "carol 的", kind: "manual", due: Self.now))
            return (yesterday, tonight, tomorrow, undated, nextMonth, snoozed)
        }
        let inbox = try inbox("alice")
        #expect(inbox.overdue.map(\.id) == [ids.0])
        #expect(inbox.today.map(\.id) == [ids.1])
        // Undated first (as the store orders them), then by when they fall due; next month is past the week.
        #expect(inbox.upcoming.map(\.id) == [ids.3, ids.2, ids.5])
        #expect(!inbox.upcoming.contains { $0.id == ids.4 })
    }

    @Test func assignmentsNotificationsAndApprovals() throws {
        try store.write(as: actor("bob")) { tx in
            for n in 1...3 { try tx.notify("alice", kind: "mention", leadID: 7, body: "提到你 \(n)", parameters: ["bob"]) }
            try tx.notify("alice", kind: "escalation", leadID: 8, body: "超时未确认", parameters: [])
            try tx.notify("alice", kind: "sla-breach", leadID: nil, body: "跟进超时", parameters: [])
        }
        _ = try store.write(as: actor("alice")) { tx in
            try tx.approvals.insert(NewApproval(leadID: 7, kind: .stageSkip, fromStage: "discovery", toStage: "contract", approver: "bob",
                                                reason: "客户直接要合同"))
        }
        let alices = try inbox("alice", limit: 2)
        #expect(alices.awaitingConfirmation.map(\.id) == [9, 8], "longest waiting first; carol's is hers")
        // Two of each group at most; the counts say how many there are.
        #expect(alices.notifications.map(\.body) == ["提到你 3", "提到你 2", "跟进超时", "超时未确认"])
        #expect(alices.unread == [.messages: 3, .alerts: 2])
        #expect(alices.notifications.last?.leadNumber == "XL-20261201-008")
        #expect(alices.approvals.isEmpty)
        let bobs = try inbox("bob")
        #expect(bobs.approvals.map { [$0.leadNumber, $0.toStage, $0.requestedBy] } == [["XL-20261201-004", "contract", "alice"]])
        #expect(bobs.count == 1)
    }

    @Test func markingReadClearsTheGroupAndIsAudited() throws {
        try store.write(as: actor("bob")) { tx in
            try tx.notify("alice", kind: "mention", leadID: 7, body: "提到你", parameters: ["bob"])
            try tx.notify("alice", kind: "won", leadID: 7, body: "赢单", parameters: [])
            try tx.notify("alice", kind: "escalation", leadID: nil, body: "超时", parameters: [])
            try tx.notify("carol", kind: "mention", leadID: nil, body: "给 carol", parameters: [])
        }
        let service = InboxService(store: store, actor: actor("alice"), timeZone: Fixture.zone)
        #expect(try service.markRead(group: .messages) == 2)
        #expect(try inbox("alice").unread == [.messages: 0, .alerts: 1])
        let alert = try #require(try inbox("alice").notifications.first)
        let carols = try inbox("carol").notifications.map(\.id)
        #expect(try service.markRead([alert.id] + carols) == 1, "carol's is not alice's to read")
        #expect(try service.markRead(nil) == 0)
        #expect(try inbox("carol").unread[.messages] == 1)
        #expect(store.auditTrail.map { [$0.action, $0.entity, $0.field, $0.new] }
            == [["read", "notification", "messages", "2"], ["read", "notification", "count", "1"]])
    }
}
