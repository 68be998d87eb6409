import ClewDomain
import ClewServices
import Foundation
import Testing

/// What every store's ``TaskRepository`` and transactions must do, run on each engine: the
/// same task reads back the same way, every change is versioned and audited in its
/// transaction, a transaction that throws leaves nothing, and reads see committed state only.
@Suite("Ports: tasks")
struct TaskRepositoryConformanceTests {
    @Test(arguments: StoreUnderTest.Engine.allCases)
    func aNewTaskReadsBackWithItsLeadAndACreateRow(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let due = StoreUnderTest.now.addingTimeInterval(86_400)
        let id = try s.store.write(as: s.actor("alice")) { tx in
            try tx.tasks.insert(NewTask(leadID: s.leadID, assignee: "carol", title: "准备报价单", kind: "manual", due: due))
        }
        let task = try #require(try s.store.read { try $0.tasks.task(id: id) })
        #expect(task.leadNumber == s.leadNumber.description)
        #expect(task.leadCustomer == StoreUnderTest.customer)
        #expect(task.assignee == "carol" && task.createdBy == "alice" && task.title == "准备报价单" && task.kind == "manual")
        #expect(task.status == .open && task.dueAt == due && task.createdAt == StoreUnderTest.now && task.version == 1)
        #expect(task.doneAt == nil && task.snoozedUntil == nil && task.overdueAt == nil)
        let history = try s.store.read { try $0.tasks.history(ofTask: id) }
        #expect(history.map(\.action) == ["create"])
        #expect(history.first.map { [$0.actor, $0.entity, $0.field, $0.new] } == ["alice", "task", "title", "准备报价单"])
        #expect(history.first?.entityID == id)
        #expect(try s.store.read { try $0.tasks.task(id: id + 1000) } == nil)
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func closingBumpsTheVersionAndAuditsTheStatusOnly(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let (done, cancelled) = try s.store.write(as: s.actor("alice")) { tx in
            (try tx.tasks.insert(NewTask(leadID: s.leadID, assignee: "alice", title: "回访", kind: "manual")),
             try tx.tasks.insert(NewTask(assignee: "alice", title: "整理名片", kind: "manual")))
        }
        try s.store.write(as: s.actor("bob")) { tx in
            try tx.tasks.close(done, as: .done)
            try tx.tasks.close(cancelled, as: .cancelled)
        }
        let task = try #require(try s.store.read { try $0.tasks.task(id: done) })
        #expect(task.status == .done && task.doneAt == StoreUnderTest.now && task.version == 2)
        let history = try s.store.read { try $0.tasks.history(ofTask: done) }
        #expect(history.map(\.action) == ["create", "complete"])
        #expect(history.last.map { [$0.actor, $0.field, $0.old, $0.new] } == ["bob", "status", "open", "done"],
                "done_at and done_by are silent: one row, for the status")
        #expect(try s.store.read { try $0.tasks.history(ofTask: cancelled) }.map(\.action) == ["create", "cancel"])
        #expect(try s.store.read { try $0.tasks.task(id: cancelled) }?.status == .cancelled)
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func snoozingAuditsTheNewTimeAndAnUnchangedSnoozeWritesNothing(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let until = StoreUnderTest.now.addingTimeInterval(2 * 3_600)
        let id = try s.store.write(as: s.actor("alice")) { tx in try tx.tasks.insert(NewTask(assignee: "alice", title: "回访", kind: "manual")) }
        try s.store.write(as: s.actor("alice")) { tx in try tx.tasks.snooze(id, until: until) }
        try s.store.write(as: s.actor("alice")) { tx in try tx.tasks.snooze(id, until: until) }
        let task = try #require(try s.store.read { try $0.tasks.task(id: id) })
        #expect(task.snoozedUntil == until && task.version == 2, "the second snooze changed nothing")
        let history = try s.store.read { try $0.tasks.history(ofTask: id) }
        #expect(history.map(\.action) == ["create", "snooze"])
        #expect(history.last?.field == "snoozed_until" && history.last?.old == nil && history.last?.new != nil)
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func aTaskCountsForItsAssigneeUntilItIsCancelled(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let id = try s.store.write(as: s.actor("alice")) { tx in
            try tx.tasks.insert(NewTask(leadID: s.leadID, assignee: "carol", title: "核对合同条款", kind: "manual"))
        }
        #expect(try s.store.read { try $0.tasks.hasTask(onLead: s.leadID, for: "carol") })
        #expect(try !s.store.read { try $0.tasks.hasTask(onLead: s.leadID, for: "bob") })
        try s.store.write(as: s.actor("carol")) { tx in try tx.tasks.close(id, as: .done) }
        #expect(try s.store.read { try $0.tasks.hasTask(onLead: s.leadID, for: "carol") }, "a done task still counts")
        let other = try s.store.write(as: s.actor("alice")) { tx in
            try tx.tasks.insert(NewTask(leadID: s.leadID, assignee: "bob", title: "审批", kind: "manual"))
        }
        try s.store.write(as: s.actor("alice")) { tx in try tx.tasks.close(other, as: .cancelled) }
        #expect(try !s.store.read { try $0.tasks.hasTask(onLead: s.leadID, for: "bob") }, "a cancelled one does not")
    }

    /// A use case that throws half-way leaves nothing: no task, no audit row, no notification.
    @Test(arguments: StoreUnderTest.Engine.allCases)
    func aTransactionThatThrowsLeavesNothingBehind(_ engine: StoreUnderTest.Engine) throws {
        struct Refused: Error {}
        let s = try StoreUnderTest(engine)
        var written: Int64 = 0
        #expect(throws: Refused.self) {
            try s.store.write(as: s.actor("alice")) { tx in
                written = try tx.tasks.insert(NewTask(leadID: s.leadID, assignee: "carol", title: "回访", kind: "manual"))
                try tx.notify("carol", kind: "task", leadID: s.leadID, body: "alice gave you a task: 回访", parameters: ["alice", "回访"])
                throw Refused()
            }
        }
        #expect(written > 0)
        #expect(try s.store.read { try $0.tasks.task(id: written) } == nil)
        #expect(try s.store.read { try $0.tasks.history(ofTask: written) }.isEmpty)
        #expect(try !s.store.read { try $0.tasks.hasTask(onLead: s.leadID, for: "carol") })
    }

    /// The lead and user look-ups the task use cases decide with.
    @Test(arguments: StoreUnderTest.Engine.allCases)
    func leadsAndUsersReadTheSameOnEveryStore(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        try s.store.read { tx in
            let lead = try #require(try tx.leads.lead(number: s.leadNumber))
            #expect(lead.id == s.leadID && lead.details.customer == StoreUnderTest.customer)
            #expect(try tx.leads.lead(id: s.leadID)?.number == s.leadNumber)
            #expect(try tx.leads.lead(number: LeadNumber("XL-20261123-999")!) == nil)
            #expect(try tx.users.profile(login: "carol")?.supervisor == "bob")
            #expect(try tx.users.profile(login: "nobody") == nil)
            #expect(Set(try tx.users.logins()) == ["admin", "bob", "alice", "carol"])
            #expect(throws: IdentityError.unknownUser("alcie", suggestion: "alice")) { try tx.users.requireActive("alcie") }
            #expect(tx.actor == nil, "a read transaction has no actor")
        }
    }
}
