import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Working with colleagues (seed 000): tasks, the legal role, reminders by email and SMS")
struct ColleagueTests {
    private func withLegal() throws -> TemporaryDatabase {
        let db = try TemporaryDatabase()
        try db.users.add(UserProfile(login: "lena", name: "Lena Fa", role: .legal, capacity: 0), by: try db.actor("admin"))
        return db
    }

    @Test func aRepAsksLegalToReviewTheContractTermsOfTheirDeal() throws {
        let db = try withLegal()
        let number = try db.activeLead().number.description
        let task = try db.tasks("alice").add(title: "请协助审核合同条款", lead: number, assignee: "lena", due: nil)
        #expect(task.assignee == "lena")
        let inbox = try db.inbox("lena")
        #expect(inbox.notifications.contains { $0.kind == "task" && $0.leadNumber == number })
        // Legal reads the deal, notes on it and is mentioned, but does not work it.
        #expect(try db.leads("lena").lead(number).number.description == number)
        try db.leads("alice").addNote(number, body: "@lena 第5条付款条款请看一下")
        #expect(try db.inbox("lena").notifications.contains { $0.kind == "mention" })
        try db.leads("lena").addNote(number, body: "第5条已修改")
        #expect(throws: PermissionError.self) { try db.leads("lena").lose(number, reason: .noFit) }
        #expect(throws: PermissionError.self) { try db.leads("lena").move(number, to: "proposal") }
        #expect(Role.legal.chineseName == "法务")
    }

    @Test func anyoneGivesAColleagueATaskOnALeadTheyCanSeeAndOnlyThere() throws {
        let db = try withLegal()
        let number = try db.activeLead().number.description
        // Finance asks the owner for the invoice title; the owner asks a teammate.
        #expect(try db.tasks("fred").add(title: "提供开票抬头", lead: number, assignee: "alice", due: nil).assignee == "alice")
        #expect(try db.tasks("alice").add(title: "帮忙准备演示", lead: number, assignee: "carol", due: nil).assignee == "carol")
        // Carol cannot see alice's lead, so she cannot hand out work on it.
        #expect(throws: PermissionError.notVisible(number)) {
            try db.tasks("carol").add(title: "x", lead: number, assignee: "alice", due: nil)
        }
        // A standalone task for a colleague stays a supervisor's.
        #expect(throws: PermissionError.lacks(.manageUsers, login: "alice", role: .rep)) {
            try db.tasks("alice").add(title: "x", lead: nil, assignee: "carol", due: nil)
        }
        // Nobody gives a task to an unknown login.
        #expect(throws: IdentityError.self) { try db.tasks("alice").add(title: "x", lead: number, assignee: "nobody", due: nil) }
    }

    @Test func remindersAlsoGoOutByTheChannelsTheProfileAsksFor() throws {
        let db = try withLegal()
        let channels = ReminderChannelService(context: db.context, actor: try db.actor("alice"))
        #expect(throws: ReminderChannelsError.missingAddress(.sms)) { try channels.set("alice", email: nil, mobile: nil, channels: [.sms]) }
        #expect(throws: ReminderChannelsError.notAMobile("0571-8888 6666")) {
            try channels.set("alice", email: nil, mobile: "0571-8888 6666", channels: nil)
        }
        let set = try channels.set("alice", email: "Alice@Example.com", mobile: "138 0013 8000", channels: [.email, .sms])
        #expect(set.email?.normalized == "alice@example.com" && set.mobile == "+8613800138000")
        #expect(try channels.channels(of: "alice") == set)
        #expect(throws: PermissionError.self) {
            try ReminderChannelService(context: db.context, actor: try db.actor("carol")).set("alice", email: nil, mobile: nil, channels: [])
        }

        let number = try db.activeLead().number.description
        _ = try db.tasks("bob").add(title: "周五前回电", lead: number, assignee: "alice", due: nil)
        let queued = try db.strings("SELECT channel || ' ' || recipient FROM outbox ORDER BY id")
        #expect(queued == ["email alice@example.com", "sms +8613800138000"])
        #expect(try db.count("SELECT count(*) FROM outbox WHERE body LIKE '%周五前回电%'") == 2)
        // News that is not a reminder stays in the inbox alone.
        try db.leads("bob").toContract(number)
        try db.leads("bob").win(number, amount: Money(yuan: 10_000))
        #expect(try db.count("SELECT count(*) FROM outbox") == 2)
        // Turned off: nothing more goes out.
        try channels.set("alice", email: nil, mobile: nil, channels: [])
        try db.leads("bob").addNote(number, body: "@alice 请补充合同")
        #expect(try db.count("SELECT count(*) FROM outbox") == 2)
        #expect(try db.auditRows(entity: "user_channel").contains { $0.action == "set-reminders" && $0.field == "reminders" })
    }
}
