import ClewDomain
import ClewServices
import Foundation
import Testing

/// What the inbox reads and clears — open tasks, assignments to confirm, notifications,
/// approvals — behaves the same on every store.
@Suite("Inbox repositories on every store")
struct InboxRepositoryConformanceTests {
    @Test(arguments: StoreUnderTest.Engine.allCases)
    func openTasksComeUndatedFirstThenSoonestAndStopAtTheHorizon(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let now = StoreUnderTest.now
        let horizon = now.addingTimeInterval(7 * 86_400)
        let ids = try s.store.write(as: s.actor("alice")) { tx in
            let later = try tx.tasks.insert(NewTask(leadID: s.leadID, assignee: "alice", title: "后天", kind: "manual", due: now.addingTimeInterval(2 * 86_400)))
            let undated = try tx.tasks.insert(NewTask(assignee: "alice", title: "无期限", kind: "manual"))
            let soon = try tx.tasks.insert(NewTask(assignee: "alice", title: "一小时后", kind: "manual", due: now.addingTimeInterval(3_600)))
            let beyond = try tx.tasks.insert(NewTask(assignee: "alice", title: "下个月", kind: "manual", due: now.addingTimeInterval(30 * 86_400)))
            let snoozed = try tx.tasks.insert(NewTask(assignee: "alice", title: "推迟", kind: "manual", due: now.addingTimeInterval(-86_400)))
            try tx.tasks.snooze(snoozed, until: now.addingTimeInterval(3 * 86_400))
            let done = try tx.tasks.insert(NewTask(assignee: "alice", title: "已完成", kind: "manual", due: now))
            try tx.tasks.close(done, as: .done)
            _ = try tx.tasks.insert(NewTask(assignee: "carol", title: "别人的", kind: "manual", due: now))
            return (later: later, undated: undated, soon: soon, beyond: beyond, snoozed: snoozed)
        }
        let open = try s.store.read { tx in try tx.tasks.open(assignee: "alice", dueBefore: horizon, limit: 10) }
        #expect(open.map(\.id) == [ids.undated, ids.soon, ids.later, ids.snoozed])
        #expect(open.first { $0.id == ids.later }?.leadNumber == s.leadNumber.description)
        #expect(try s.store.read { tx in try tx.tasks.open(assignee: "alice", dueBefore: horizon, limit: 2) }.map(\.id) == [ids.undated, ids.soon])
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func assignmentsToConfirmAreTheOwnersAssignedLeads(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        try s.store.read { tx throws in
            #expect(try tx.leads.awaitingConfirmation(owner: "carol", limit: 10).map(\.number) == [s.assignedNumber])
            #expect(try tx.leads.awaitingConfirmation(owner: "carol", limit: 10).first?.details.customer == "上海远景物流有限公司")
            // alice's lead is active (confirmed): nothing to confirm.
            #expect(try tx.leads.awaitingConfirmation(owner: "alice", limit: 10).isEmpty)
            #expect(try tx.leads.awaitingConfirmation(owner: "carol", limit: 0).isEmpty)
        }
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func notificationsByGroupNewestFirstAndMarkingReadIsAudited(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        try s.store.write(as: s.actor("bob")) { tx in
            try tx.notify("alice", kind: "mention", leadID: s.leadID, body: "bob mentioned you", parameters: ["bob"])
            try tx.notify("alice", kind: "escalation", leadID: nil, body: "overdue", parameters: [])
            try tx.notify("alice", kind: "won", leadID: s.leadID, body: "won", parameters: ["bob", s.leadNumber.description])
            try tx.notify("carol", kind: "mention", leadID: nil, body: "for carol", parameters: [])
            // Never in one's own inbox.
            try tx.notify("bob", kind: "mention", leadID: nil, body: "self", parameters: [])
        }
        let (messages, alerts) = try s.store.read { tx throws in
            (try tx.notifications.unread(for: "alice", in: .messages, limit: 10), try tx.notifications.unread(for: "alice", in: .alerts, limit: 10))
        }
        // Same second: newest first by id.
        #expect(messages.map(\.kind) == ["won", "mention"])
        #expect(messages.map(\.leadNumber) == [s.leadNumber.description, s.leadNumber.description])
        #expect(messages.last?.parameters?.values == ["bob"] && messages.last?.actor == "bob")
        #expect(alerts.map(\.body) == ["overdue"] && alerts.first?.leadNumber == nil)
        try s.store.read { tx throws in
            #expect(try tx.notifications.unreadCount(for: "alice", in: .messages) == 2)
            #expect(try tx.notifications.unreadCount(for: "bob", in: .messages) == 0)
            #expect(try tx.notifications.unread(for: "alice", in: .messages, limit: 1).map(\.kind) == ["won"])
        }

        let (read, again) = try s.store.write(as: s.actor("alice")) { tx in
            (try tx.notifications.markRead(for: "alice", in: .messages), try tx.notifications.markRead(for: "alice", in: .messages))
        }
        #expect(read == 2 && again == 0)
        // Someone else's notification is not alice's to mark; every id that was read counts.
        // (carol may have more: on SQLite her assignment told her of the second lead.)
        let carols = try s.store.read { tx in try tx.notifications.unread(for: "carol", in: .messages, limit: 1) }.map(\.id)
        let carolsUnread = try s.store.read { tx in
            try NotificationGroup.allCases.map { try tx.notifications.unreadCount(for: "carol", in: $0) }.reduce(0, +)
        }
        let marked = try s.store.write(as: s.actor("alice")) { tx in try tx.notifications.markRead(alerts.map(\.id) + carols, for: "alice") }
        #expect(marked == 1)
        try s.store.read { tx throws in
            #expect(try tx.notifications.unreadCount(for: "alice", in: .alerts) == 0)
            #expect(try NotificationGroup.allCases.map { try tx.notifications.unreadCount(for: "carol", in: $0) }.reduce(0, +) == carolsUnread)
        }
        let history = try s.store.read { tx in try tx.history(of: "notification") }
        #expect(history.map { [$0.action, $0.actor, $0.field, $0.new] } == [["read", "alice", "messages", "2"], ["read", "alice", "count", "1"]])
        #expect(carolsUnread >= 1)
        #expect(try s.store.write(as: s.actor("carol")) { tx in try tx.notifications.markRead(nil, for: "carol") } == carolsUnread)
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func approvalRequestsWaitForTheirApprover(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let id = try s.store.write(as: s.actor("alice")) { tx in
            try tx.approvals.insert(NewApproval(leadID: s.leadID, kind: .stageSkip, fromStage: "discovery", toStage: "negotiation",
                                                approver: "bob", reason: "客户已确认方案"))
        }
        try s.store.read { tx throws in
            let pending = try tx.approvals.pending(approver: "bob", limit: 10)
            #expect(pending.map(\.id) == [id])
            let item = try #require(pending.first)
            #expect(item.leadNumber == s.leadNumber.description && item.leadCustomer == StoreUnderTest.customer)
            #expect(item.kind == .stageSkip && item.fromStage == "discovery" && item.toStage == "negotiation")
            #expect(item.requestedBy == "alice" && item.approver == "bob" && item.status == .pending && item.reason == "客户已确认方案")
            #expect(item.createdAt == StoreUnderTest.now)
            #expect(try tx.approvals.pending(approver: "carol", limit: 10).isEmpty)
            #expect(try tx.approvals.pendingID(onLead: s.leadID, kind: .stageSkip) == id)
            #expect(try tx.approvals.pendingID(onLead: s.leadID, kind: .contract) == nil)
        }
        let history = try s.store.read { tx in try tx.history(of: "approval") }
        #expect(history.map { [$0.action, $0.actor, $0.field, $0.new] } == [["request-approval", "alice", "to_stage", "negotiation"]])
    }
}
