import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Deactivating users with a handover")
struct DeactivationTests {
    @Test func openLeadsAndTasksMoveToTheSuccessorAndHistoryStays() throws {
        let db = try TemporaryDatabase()
        let active = try db.activeLead()
        let assigned = try db.assignedLead()
        let won = try db.activeLead()
        _ = try db.leads("alice").logFollowUp(won.number.description, db.followUp(next: nil))
        try db.leads("bob").toContract(won.number.description)
        try db.leads("alice").win(won.number.description, amount: Money(yuan: 50_000))
        let followUp = try db.leads("alice").logFollowUp(active.number.description, db.followUp())
        let standalone = try db.tasks("alice").add(title: "整理会议纪要", lead: nil, assignee: nil, due: nil)

        let handover = try db.users.deactivate("alice", handoverTo: "carol", by: db.actor("admin"))
        #expect(handover.leads == 2)
        #expect(handover.tasks == 2)

        #expect(try db.stored(active.number).owner == "carol")
        #expect(try db.stored(assigned.number).owner == "carol")
        #expect(try db.stored(won.number).owner == "alice", "closed deals keep their owner")
        let carolsTasks = Set(try db.strings("SELECT id FROM task WHERE assignee = 'carol' AND status = 'open'").compactMap(Int64.init))
        #expect(carolsTasks == [try #require(followUp.taskID), standalone.id])
        // History keeps alice's name.
        let detail = try db.leads("carol").detail(active.number.description)
        #expect(detail.followUps.first?.author == "alice")
        #expect(detail.history.contains { $0.action == "confirm" && $0.actor == "alice" })
        #expect(detail.history.contains { $0.action == "handover" && $0.field == "owner" && $0.old == "alice" && $0.new == "carol" })
        // alice can no longer act, and doctor finds no orphans.
        #expect(throws: IdentityError.notAUser("alice")) { try db.actor("alice") }
        #expect(try db.users.user("alice")?.isActive == false)
        #expect(try Maintenance.doctor(db.database).allSatisfy { $0.level == "ok" })
        // The successor hears about it.
        #expect(try db.inbox("carol").notifications.contains { $0.kind == "handover" })
    }

    @Test func pendingApprovalsAndDirectReportsMoveWithASupervisor() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        guard case let .approvalRequested(id, approver, _) = try db.leads("alice").move(lead.number.description, to: "negotiation") else {
            Issue.record("expected an approval request"); return
        }
        #expect(approver == "bob")
        let handover = try db.users.deactivate("bob", handoverTo: "erin", by: db.actor("admin"))
        #expect(handover.approvals == 1)
        #expect(handover.reports == 2)
        #expect(try db.users.user("alice")?.supervisor == "erin")
        #expect(try db.users.user("carol")?.supervisor == "erin")
        #expect(try db.approvals("erin").pending().map(\.id) == [id])
        // erin now leads bob's team and may decide.
        #expect(try db.actor("erin").team.isSuperset(of: ["alice", "carol", "dave"]))
        try db.approvals("erin").approve(id, comment: "同意")
        #expect(try db.stored(lead.number).stage == "negotiation")
    }

    @Test func theLastAdminCannotBeDeactivated() throws {
        let db = try TemporaryDatabase()
        #expect(throws: UserDirectoryError.lastAdmin(login: "admin")) { try db.users.deactivate("admin", handoverTo: "bob", by: db.actor("admin")) }
        #expect(try db.users.user("admin")?.isActive == true)
        try db.users.add(UserProfile(login: "root2", name: "Second Admin", role: .admin, capacity: 0), by: db.actor("admin"))
        try db.users.deactivate("admin", handoverTo: "root2", by: db.actor("root2"))
        #expect(try db.users.user("admin")?.isActive == false)
    }

    @Test func deactivationIsRefusedForNonAdminsAndNonsense() throws {
        let db = try TemporaryDatabase()
        #expect(throws: PermissionError.self) { try db.users.deactivate("alice", handoverTo: "carol", by: db.actor("bob")) }
        #expect(throws: UserDirectoryError.handoverToSelf(login: "alice")) { try db.users.deactivate("alice", handoverTo: "alice", by: db.actor("admin")) }
        #expect(throws: IdentityError.unknownUser("carl", suggestion: "carol")) { try db.users.deactivate("alice", handoverTo: "carl", by: db.actor("admin")) }
        try db.users.deactivate("dave", handoverTo: "carol", by: db.actor("admin"))
        #expect(throws: UserDirectoryError.alreadyDeactivated(login: "dave")) { try db.users.deactivate("dave", handoverTo: "carol", by: db.actor("admin")) }
        #expect(throws: IdentityError.self) { try db.users.deactivate("alice", handoverTo: "dave", by: db.actor("admin")) }
        #expect(try db.users.list(includeInactive: false).map(\.profile.login).contains("dave") == false)
        #expect(try db.users.list().map(\.profile.login).contains("dave"))
    }
}
