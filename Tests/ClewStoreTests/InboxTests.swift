import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Inbox")
struct InboxTests {
    @Test func tasksAreSortedIntoOverdueTodayAndUpcomingByTheClock() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let number = lead.number.description
        let tasks = try db.tasks("alice")
        let now = db.clock.now()   // Monday 10:00
        let hour = 3_600.0, day = 86_400.0
        let friday = try tasks.add(title: "上周五的回访", lead: number, assignee: nil, due: now.addingTimeInterval(-3 * day))
        let thisMorning = try tasks.add(title: "今早的电话", lead: number, assignee: nil, due: now.addingTimeInterval(-1 * hour))
        let afternoon = try tasks.add(title: "下午发报价", lead: number, assignee: nil, due: now.addingTimeInterval(5 * hour))
        let wednesday = try tasks.add(title: "周三演示", lead: number, assignee: nil, due: now.addingTimeInterval(2 * day))
        let undated = try tasks.add(title: "有空整理资料", lead: nil, assignee: nil, due: nil)
        let farAway = try tasks.add(title: "下个月复盘", lead: nil, assignee: nil, due: now.addingTimeInterval(30 * day))
        let done = try tasks.add(title: "已完成的", lead: nil, assignee: nil, due: now.addingTimeInterval(-day))
        try tasks.complete(done.id)
        let snoozed = try tasks.add(title: "推迟到周四", lead: nil, assignee: nil, due: now.addingTimeInterval(-2 * day))
        try tasks.snooze(snoozed.id, until: now.addingTimeInterval(3 * day))
        _ = try tasks.add(title: "carol 的任务", lead: nil, assignee: nil, due: now)  // alice's own
        _ = try db.tasks("carol").add(title: "carol 自己的", lead: nil, assignee: nil, due: now)

        let inbox = try db.inbox("alice")
        #expect(inbox.overdue.map(\.id) == [friday.id])
        #expect(Set(inbox.today.map(\.id)).isSuperset(of: [thisMorning.id, afternoon.id]))
        #expect(inbox.today.count == 3)
        #expect(Set(inbox.upcoming.map(\.id)) == [wednesday.id, undated.id, snoozed.id])
        let all = inbox.overdue + inbox.today + inbox.upcoming
        #expect(!all.contains { $0.id == farAway.id || $0.id == done.id })
        #expect(all.allSatisfy { $0.assignee == "alice" })
        #expect(inbox.overdue.first?.leadNumber == number)
        #expect(inbox.overdue.first?.leadCustomer == lead.details.customer)
        // Tomorrow morning the afternoon task is overdue and Wednesday is closer.
        db.clock.advance(by: day)
        let tomorrow = try db.inbox("alice")
        #expect(Set(tomorrow.overdue.map(\.id)).isSuperset(of: [friday.id, thisMorning.id, afternoon.id]))
        #expect(!tomorrow.today.contains { $0.id == wednesday.id })
        db.clock.advance(by: day)
        #expect(try db.inbox("alice").today.contains { $0.id == wednesday.id })
    }

    @Test func assignmentsAwaitConfirmationUntilConfirmed() throws {
        let db = try TemporaryDatabase()
        let first = try db.assignedLead()
        let second = try db.assignedLead()
        var inbox = try db.inbox("alice")
        #expect(Set(inbox.awaitingConfirmation.map(\.number)) == [first.number, second.number])
        #expect(inbox.notifications.filter { $0.kind == "assignment" }.count == 2)
        #expect(try db.inbox("carol").awaitingConfirmation.isEmpty)
        try db.leads("alice").confirm(first.number.description)
        inbox = try db.inbox("alice")
        #expect(inbox.awaitingConfirmation.map(\.number) == [second.number])
    }

    @Test func mentionsInNotesReachTheMentionedUsers() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let number = lead.number.description
        let notified = try db.leads("bob").addNote(number, body: "@alice 请今天内回访客户并更新报价, cc @carol。@bob email@example.com")
        #expect(notified == ["alice", "carol"])
        // A mention of no user at all is a typo: refused, nothing saved (issue 16).
        #expect(throws: MentionError.self) { try db.leads("bob").addNote(number, body: "@alice @nobody") }
        let mention = try #require(try db.inbox("alice").notifications.first { $0.kind == "mention" })
        #expect(mention.leadNumber == number)
        #expect(mention.actor == "bob")
        #expect(mention.body.contains("请今天内回访客户"))
        #expect(try db.inbox("carol").notifications.contains { $0.kind == "mention" })
        #expect(try db.inbox("bob").notifications.allSatisfy { $0.kind != "mention" }, "no self-mention")
        #expect(try db.inbox("sam").notifications.isEmpty, "an email address is not a mention")
        #expect(throws: LeadError.emptyNote) { try db.leads("bob").addNote(number, body: "   ") }
    }

    @Test func mentionsOfDeactivatedUsersAreSkipped() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        try db.users.deactivate("carol", handoverTo: "alice", by: db.actor("admin"))
        #expect(try db.leads("bob").addNote(lead.number.description, body: "@carol @alice 看一下") == ["alice"])
    }

    @Test func approvalsWaitInTheApproversInbox() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        guard case let .approvalRequested(id, _, _) = try db.leads("alice").move(lead.number.description, to: "contract", reason: "客户催合同") else {
            Issue.record("expected an approval request"); return
        }
        let inbox = try db.inbox("bob")
        #expect(inbox.approvals.map(\.id) == [id])
        #expect(inbox.approvals.first?.leadNumber == lead.number.description)
        #expect(inbox.approvals.first?.fromStage == "discovery")
        #expect(inbox.approvals.first?.toStage == "contract")
        #expect(inbox.notifications.contains { $0.kind == "approval" })
        #expect(try db.inbox("erin").approvals.isEmpty)
        #expect(inbox.count >= 2)
    }

    /// A request of a kind a newer Clew wrote into the shared database is left alone: not
    /// listed, not decidable here, and nothing fails.
    @Test func anApprovalOfAnUnknownKindIsLeftForTheVersionThatKnowsIt() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let id = try db.context.database.write { database in
            try database.execute(sql: """
                INSERT INTO approval (lead_id, kind, requested_by, approver, status, created_at) VALUES (?, 'future-kind', 'alice', 'bob', 'pending', 0)
                """, arguments: [lead.id])
            return database.lastInsertedRowID
        }
        #expect(try db.inbox("bob").approvals.isEmpty)
        #expect(try ApprovalService(context: db.context, actor: try db.actor("bob")).pending().isEmpty)
        #expect(try db.leads("alice").detail(lead.number.description).approvals.isEmpty)
        #expect(throws: StoreError.self) { try ApprovalService(context: db.context, actor: try db.actor("bob")).approve(id, comment: nil) }
    }

    @Test func markingReadEmptiesTheNotifications() throws {
        let db = try TemporaryDatabase()
        _ = try db.assignedLead()
        let service = InboxService(context: db.context, actor: try db.actor("alice"))
        let before = try service.inbox()
        #expect(before.notifications.count == 1)
        #expect(try service.markRead() == 1)
        let after = try service.inbox()
        #expect(after.notifications.isEmpty)
        #expect(after.awaitingConfirmation.count == 1, "the assignment itself still waits")
        #expect(after.count == before.count - 1)
        #expect(try service.markRead() == 0)
    }
}
