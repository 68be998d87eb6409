import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// Event triggers and keyword tags (issue 4 §6): stage entered, lead won (contract signed),
/// lost, keywords in a follow-up; each firing recorded with what it did.
@Suite("Triggers")
struct TriggerTests {
    /// An active lead (alice's, grade C) whose discovery stage is done, so it may move on.
    static func readyForProposal(_ fixture: AutomationFixture, _ draft: LeadDraft? = nil, in context: ClewContext? = nil) throws -> Lead {
        let lead = try fixture.active(draft, grade: .c, in: context)
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 11))
        _ = try fixture.leads("alice", in: context ?? fixture.context).logFollowUp(lead.number.description, fixture.followUp())
        return lead
    }

    static func move(_ fixture: AutomationFixture, _ lead: Lead, to stage: String, by login: String = "alice",
                     in context: ClewContext? = nil) throws -> Lead {
        guard case let .moved(moved) = try fixture.leads(login, in: context ?? fixture.context).move(lead.number.description, to: stage) else {
            throw FixtureError.unexpected("the move to \(stage) needed approval")
        }
        return moved
    }

    // MARK: - Stage entered

    @Test func enteringProposalGivesTheOwnerATaskAndTellsTheSupervisor() throws {
        let fixture = try AutomationFixture()
        let lead = try Self.readyForProposal(fixture)
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 14))
        _ = try Self.move(fixture, lead, to: "proposal")

        let task = try #require(try fixture.tasks(of: lead).first { $0.kind == "trigger" })
        #expect(task.title == "跟进方案反馈 Get feedback on the proposal")
        #expect(task.assignee == "alice")
        // Seed 000: feedback within 2 working days, the manager copied (issue 11 §6).
        #expect(task.dueAt == AutomationFixture.at(2026, 11, 25, 14), "two working days")
        #expect(try fixture.notifications("bob", "trigger")
            == ["cc: alice has '跟进方案反馈 Get feedback on the proposal' on \(AutomationFixture.label(lead)), due \(AutomationFixture.stamp(task.dueAt!)) (rule proposal-entered)"])
        #expect(try fixture.outcomes("trigger:proposal-entered") == ["task #\(task.id) for alice, cc bob"])
        #expect(try fixture.strings("SELECT kind || ' | ' || action FROM rule_firing WHERE rule = 'trigger:proposal-entered'")
            == ["trigger | task:rep:跟进方案反馈 Get feedback on the proposal"])
        #expect(try fixture.notifications("alice", "task").isEmpty, "the automation's tasks show in the inbox by themselves")
    }

    @Test func enteringAgainLaterFiresAgainButOtherStagesDoNot() throws {
        let fixture = try AutomationFixture()
        let lead = try Self.readyForProposal(fixture)
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 14))
        _ = try Self.move(fixture, lead, to: "proposal")
        fixture.clock.set(AutomationFixture.at(2026, 11, 24, 10))
        _ = try Self.move(fixture, lead, to: "discovery")
        #expect(try fixture.outcomes("trigger:proposal-entered").count == 1)
        fixture.clock.set(AutomationFixture.at(2026, 11, 24, 11))
        _ = try fixture.leads("alice").logFollowUp(lead.number.description, fixture.followUp())
        _ = try Self.move(fixture, lead, to: "proposal")
        #expect(try fixture.outcomes("trigger:proposal-entered").count == 2)
        #expect(try fixture.notifications("bob", "trigger").count == 2)
    }

    // MARK: - Won: contract signed

    /// Seed 000: updating the deal to 合同签订 starts finance's invoicing and emails the customer;
    /// winning is its own event and the invoice survives it (issue 11 §4, §8).
    @Test func enteringTheContractStageGivesFinanceAnInvoicingTaskAndQueuesAConfirmationEmail() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(fixture.draft(contact: "李娜", email: "li.na@hengtong.example.com"), grade: .a)
        fixture.clock.set(AutomationFixture.at(2026, 11, 25, 16))
        try fixture.leads("bob").toContract(lead.number.description)

        let invoice = try #require(try fixture.tasks(of: lead).first { $0.kind == "trigger" })
        #expect(invoice.title == "开具发票 Issue the invoice")
        #expect(invoice.assignee == "fay")
        #expect(invoice.status == .open)
        #expect(invoice.dueAt == AutomationFixture.at(2026, 11, 26, 16))

        let rows = try fixture.database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, channel, recipient, subject, body, lead_id, rule, status FROM outbox")
        }
        #expect(rows.count == 1)
        let email = try #require(rows.first)
        let emailID: Int64 = email["id"]
        #expect(email["channel"] as String == "email")
        #expect(email["recipient"] as String == "li.na@hengtong.example.com")
        #expect(email["subject"] as String == "签约确认 · 杭州恒通机械有限公司", "a contact without a language gets the default, zh")
        #expect((email["body"] as String).hasPrefix("李娜 您好:\n\n感谢贵司(杭州恒通机械有限公司)的信任,合同已签订(编号 \(lead.number))。"))
        #expect((email["body"] as String).contains("您的客户经理 alice 会继续为您服务"))
        #expect(email["lead_id"] as Int64 == lead.id)
        #expect(email["rule"] as String == "trigger:contract-signed")
        #expect(email["status"] as String == "pending")
        #expect(try fixture.outcomes("trigger:contract-signed")
            == ["task #\(invoice.id) for fay; email #\(emailID) to li.na@hengtong.example.com queued"])

        // Winning does not sign the contract again, and the invoice stays open.
        fixture.clock.set(AutomationFixture.at(2026, 11, 26, 10))
        try fixture.leads("alice").win(lead.number.description, amount: Money(yuan: 380_000))
        #expect(try fixture.outcomes("trigger:contract-signed").count == 1)
        #expect(try fixture.count("SELECT count(*) FROM outbox") == 1)
        #expect(try fixture.tasks(of: lead).first { $0.id == invoice.id }?.status == .open)
        #expect(try fixture.notifications("bob", "won") == ["\(lead.number) won for ¥380,000"])
    }

    @Test func anEnglishContactGetsTheEnglishText() throws {
        let fixture = try AutomationFixture()
        let added = try fixture.leads("admin").add(fixture.draft(contact: "Anna Lee", email: "anna@acme.example.com"), language: .en).lead
        let bob = try fixture.leads("bob")
        try bob.grade(added.number.description, .a, reason: "budget confirmed")
        try bob.assign(added.number.description, to: "alice")
        try fixture.leads("alice").confirm(added.number.description)
        try bob.toContract(added.number.description)
        let body = try fixture.strings("SELECT subject || '|' || body FROM outbox")
        #expect(body.count == 1)
        #expect(body.first?.hasPrefix("Contract confirmation · 杭州恒通机械有限公司|Dear Anna Lee,") == true)
    }

    /// A rep cannot win a deal still in 需求沟通 with no follow-up and no approval (issue 11 §4).
    @Test func aRepWinsOnlyFromTheContractStage() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .a)
        #expect(throws: StageMoveError.notAtContractStage("discovery", contract: "contract")) {
            try fixture.leads("alice").win(lead.number.description, amount: Money(yuan: 50_000))
        }
        #expect(try fixture.count("SELECT count(*) FROM task WHERE kind = 'trigger'") == 0, "no invoice for a deal not signed")
        // Her supervisor may win it, approving the skip himself: the contract is signed on the way.
        try fixture.leads("bob").win(lead.number.description, amount: Money(yuan: 50_000))
        #expect(try fixture.outcomes("trigger:contract-signed").count == 1)
        #expect(try fixture.strings("SELECT new FROM audit WHERE action = 'skip-approved'") == ["proposal,negotiation,contract"])
    }

    @Test func withoutACustomerEmailNothingIsSentAndTheFiringSaysSo() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .a)
        try fixture.leads("bob").toContract(lead.number.description)
        try fixture.leads("alice").win(lead.number.description, amount: Money(yuan: 50_000))
        let invoice = try #require(try fixture.tasks(of: lead).first { $0.kind == "trigger" })
        #expect(try fixture.outcomes("trigger:contract-signed") == ["task #\(invoice.id) for fay; no customer email; nothing sent"])
        #expect(try fixture.count("SELECT count(*) FROM outbox") == 0)
    }

    @Test func theInvoicingTaskGoesToTheLeastBusyFinanceUser() throws {
        let fixture = try AutomationFixture()
        try UserDirectory(context: fixture.context).add(UserProfile(login: "gus", name: "Gus Ma", role: .finance, capacity: 0),
                                                        by: try fixture.actor("admin"))
        let first = try fixture.active(grade: .a)
        let second = try fixture.active(grade: .a)
        try fixture.leads("bob").toContract(first.number.description)
        try fixture.leads("alice").win(first.number.description, amount: Money(yuan: 10_000))
        try fixture.leads("bob").toContract(second.number.description)
        try fixture.leads("alice").win(second.number.description, amount: Money(yuan: 20_000))
        #expect(try fixture.strings("SELECT assignee FROM task WHERE kind = 'trigger' ORDER BY id") == ["fay", "gus"])
    }

    @Test func withNoFinanceUserTheFiringSaysNoOneGotTheTask() throws {
        let fixture = try AutomationFixture()
        try UserDirectory(context: fixture.context).deactivate("fay", handoverTo: "admin", by: try fixture.actor("admin"))
        let lead = try fixture.active(grade: .a)
        try fixture.leads("bob").toContract(lead.number.description)
        try fixture.leads("alice").win(lead.number.description, amount: Money(yuan: 10_000))
        #expect(try fixture.outcomes("trigger:contract-signed")
            == ["no finance to give '开具发票 Issue the invoice' to; no customer email; nothing sent"])
    }

    // MARK: - Keywords

    @Test func aFollowUpSayingTooExpensiveTagsPriceObjectionAndAlertsTheSupervisor() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .c)
        let number = lead.number.description
        let content = "客户觉得我们的报价太贵了,要再比较一下"
        let result = try fixture.leads("alice").logFollowUp(number, fixture.followUp(content, feedback: nil))
        #expect(result.tagsAdded == ["price-objection"])
        #expect(try fixture.stored(lead).tags == ["price-objection"])
        #expect(try fixture.notifications("bob", "risk") == ["Risk on \(AutomationFixture.label(lead)): price-objection ('太贵' in \"\(content)\")"])
        #expect(try fixture.outcomes("keyword:price-objection") == ["tagged price-objection; risk alert to bob"])
        #expect(try fixture.strings("SELECT kind FROM rule_firing WHERE rule = 'keyword:price-objection'") == ["keyword"])

        // Said again, the lead is already tagged: no second alert.
        fixture.clock.set(AutomationFixture.at(2026, 11, 24, 10))
        let again = try fixture.leads("alice").logFollowUp(number, fixture.followUp("还是嫌价格高", feedback: nil))
        #expect(again.tagsAdded.isEmpty)
        #expect(try fixture.notifications("bob", "risk").count == 1)
    }

    @Test func keywordsMatchTheFeedbackInAnyCaseAndSeveralTagsAtOnce() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .c)
        let result = try fixture.leads("alice").logFollowUp(
            lead.number.description, fixture.followUp("Demo of the reporting module", feedback: "The PRICE is high and there is a missing feature"))
        #expect(result.tagsAdded == ["feature-gap", "price-objection"])
        #expect(try fixture.notifications("bob", "risk").count == 2)
        #expect(try fixture.notifications("bob", "risk").first
            == "Risk on \(AutomationFixture.label(lead)): price-objection ('price' in \"Demo of the reporting module\nThe PRICE is high and there is \")")
    }

    @Test func consideringACompetitorTagsItAndGivesTheSupervisorAReviewTask() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .c)
        let result = try fixture.leads("alice").logFollowUp(lead.number.description, fixture.followUp("客户在考虑竞品, 下周比较方案", feedback: nil))
        #expect(result.tagsAdded == ["competitor"])
        #expect(try fixture.outcomes("keyword:competitor") == ["tagged competitor; risk alert to bob"])
        let review = try #require(try fixture.tasks(of: lead).first { $0.kind == "trigger" })
        #expect(review.title == "评估竞品风险 Review the competitive risk")
        #expect(review.assignee == "bob")
        #expect(try fixture.outcomes("trigger:competitor-to-supervisor") == ["task #\(review.id) for bob"])
        #expect(try fixture.strings("SELECT action FROM rule_firing WHERE rule = 'trigger:competitor-to-supervisor'")
            == ["task:supervisor:评估竞品风险 Review the competitive risk"])
    }

    @Test func aFollowUpWithoutKeywordsTagsNothing() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .c)
        let result = try fixture.leads("alice").logFollowUp(lead.number.description, fixture.followUp())
        #expect(result.tagsAdded.isEmpty)
        #expect(try fixture.count("SELECT count(*) FROM rule_firing WHERE kind IN ('keyword','trigger')") == 0)
    }

    // MARK: - Lost

    @Test func losingALeadTellsTheSupervisorForTheLostReview() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .b)
        try fixture.leads("alice").lose(lead.number.description, reason: .choseCompetitor)
        #expect(try fixture.notifications("bob", "trigger") == ["\(AutomationFixture.label(lead)) lost (rule lost-review)"])
        #expect(try fixture.outcomes("trigger:lost-review") == ["notified bob"])
    }

    @Test func losingAnUnassignedLeadTellsTheFirstSupervisor() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.add()
        try fixture.leads("admin").lose(lead.number.description, reason: .invalid)
        #expect(try fixture.outcomes("trigger:lost-review") == ["notified bob"])
    }

    // MARK: - Custom triggers

    @Test func anActionCanSetOffAnotherTrigger() throws {
        let fixture = try AutomationFixture()
        var process = ProcessDefinition.standard
        process.triggers = [
            TriggerRule(name: "regraded", event: .gradeChanged, actions: [.addTag("regraded")]),
            TriggerRule(name: "regraded-alert", event: .tagAdded("regraded"), actions: [.notify("rep"), .riskAlert]),
            TriggerRule(name: "left-discovery", event: .stageLeft("discovery"), actions: [.moveStage("negotiation")]),
        ]
        let context = try fixture.context(process)
        // Graded C and assigned under the standard process, then regraded under this one.
        let lead = try Self.readyForProposal(fixture)
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 14))
        try fixture.leads("bob", in: context).grade(lead.number.description, .a, reason: "客户追加预算")

        #expect(try fixture.stored(lead).tags == ["regraded"])
        #expect(try fixture.outcomes("trigger:regraded") == ["tagged regraded"])
        #expect(try fixture.outcomes("trigger:regraded-alert") == ["notified alice; risk alert to bob"])
        #expect(try fixture.notifications("alice", "trigger") == ["\(AutomationFixture.label(lead)) tagged regraded (rule regraded-alert)"])
        #expect(try fixture.notifications("bob", "risk") == ["Risk on \(AutomationFixture.label(lead)): tagged regraded (rule regraded-alert)"])

        // Regraded again: already tagged, so nothing more is said.
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 15))
        try fixture.leads("bob", in: context).grade(lead.number.description, .b, reason: "预算又缩减")
        #expect(try fixture.outcomes("trigger:regraded") == ["tagged regraded", "already tagged regraded"])
        #expect(try fixture.outcomes("trigger:regraded-alert").count == 1)

        // Leaving discovery moves the deal on to negotiation by itself.
        let moved = try Self.move(fixture, lead, to: "proposal", in: context)
        #expect(moved.stage == "negotiation")
        #expect(try fixture.stored(lead).stage == "negotiation")
        #expect(try fixture.outcomes("trigger:left-discovery") == ["moved to negotiation"])
    }

    @Test func aTriggerLoopStopsAtTheDepthLimit() throws {
        let fixture = try AutomationFixture()
        var process = ProcessDefinition.standard
        // The validator refuses this cycle; the runtime backstop still ends it.
        process.triggers = [
            TriggerRule(name: "to-negotiation", event: .stageEntered("proposal"), actions: [.moveStage("negotiation")]),
            TriggerRule(name: "back-to-proposal", event: .stageEntered("negotiation"), actions: [.moveStage("proposal")]),
        ]
        let context = try fixture.context(process)
        let lead = try Self.readyForProposal(fixture, in: context)
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 14))
        _ = try Self.move(fixture, lead, to: "proposal", in: context)
        let firings = try fixture.count("SELECT count(*) FROM rule_firing WHERE kind = 'trigger'")
        #expect(firings <= Triggers.maximumDepth)
        #expect(firings >= 1)
    }
}

extension TriggerTests {
    @Test func theFirstGradeCountsAsAGradeChange() throws {
        let fixture = try AutomationFixture()
        var process = ProcessDefinition.standard
        process.triggers = [TriggerRule(name: "graded", event: .gradeChanged, actions: [.notify("rep"), .notify("supervisor")])]
        let context = try fixture.context(process)
        let lead = try fixture.add(in: context)
        try fixture.leads("bob", in: context).grade(lead.number.description, .c, reason: "需求模糊")
        // No owner yet: the rep part does nothing; the supervisor answering for an unowned lead is bob.
        #expect(try fixture.outcomes("trigger:graded") == ["no rep to notify; notified bob"])
    }
}
