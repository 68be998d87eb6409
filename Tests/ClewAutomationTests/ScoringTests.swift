import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// Lead scoring (issue 4 §2): the breakdown is stored and shown, behaviour events add points
/// and can raise the suggestion, and a supervisor's grade stays beside it.
@Suite("Scoring")
struct ScoringTests {
    /// budget 50万以上 (40) + a manager's title (influencer, 15) + a need (10) = 65: grade B.
    static func warmDraft(_ fixture: AutomationFixture, phone: String? = nil) -> LeadDraft {
        fixture.draft(title: "采购经理", phone: phone, budget: "50万以上")
    }

    static let warmParts = [
        LeadScore.Part(rule: "budget ≥ 50万", points: 40),
        LeadScore.Part(rule: "influencer", points: 15),
        LeadScore.Part(rule: "need described", points: 10),
    ]

    @Test func theBreakdownIsStoredAndReturnedByDetail() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.add(Self.warmDraft(fixture))
        #expect(lead.score == 65)
        #expect(lead.suggestedGrade == .b)
        #expect(lead.grade == nil, "scoring suggests; only a supervisor (or a routing rule) grades")

        let detail = try fixture.leads("admin").detail(lead.number.description)
        let score = try #require(detail.score)
        #expect(score.total == 65)
        #expect(score.suggestedGrade == .b)
        #expect(score.parts == Self.warmParts)
        #expect(try fixture.strings("SELECT score_parts FROM lead WHERE id = ?", [lead.id])
            == ["40\tbudget ≥ 50万\n15\tinfluencer\n10\tneed described"])
    }

    @Test func aDecisionMakerWithAnUrgentNeedAndABudgetScoresAHundred() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.add(fixture.draft(title: "总经理", need: "本月内尽快上线CRM", budget: "100万以上"))
        #expect(lead.score == 100)
        #expect(lead.suggestedGrade == .a)
        let score = try #require(try fixture.leads("admin").detail(lead.number.description).score)
        #expect(score.parts.map(\.rule) == ["budget ≥ 50万", "decision maker", "urgent need"])
    }

    @Test func anInboundContactAddsTenPointsAndRaisesTheSuggestion() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.add(Self.warmDraft(fixture))
        let number = lead.number.description

        let rescored = try fixture.leads("admin").recordEvent(number, event: "inbound_contact")
        #expect(rescored.score == 75)
        #expect(rescored.suggestedGrade == .a, "65 (B) + 10 crosses the A threshold of 70")

        let detail = try fixture.leads("admin").detail(number)
        #expect(detail.lead.score == 75)
        #expect(detail.lead.suggestedGrade == .a)
        #expect(detail.score?.parts == Self.warmParts + [LeadScore.Part(rule: "event inbound_contact", points: 10)])
        #expect(try fixture.count("SELECT count(*) FROM lead_event WHERE lead_id = ? AND event = 'inbound_contact'", [lead.id]) == 1)
        #expect(detail.history.contains { $0.action == "rescore" && $0.field == "suggested_grade" && $0.old == "B" && $0.new == "A" })

        // Each occurrence counts.
        let again = try fixture.leads("admin").recordEvent(number, event: "inbound_contact")
        #expect(again.score == 85)
    }

    @Test func theScoreIsCappedAtAHundred() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.add(fixture.draft(title: "总经理", need: "急需", budget: "100万以上"))
        let rescored = try fixture.leads("admin").recordEvent(lead.number.description, event: "inbound_contact")
        #expect(rescored.score == 100)
        let parts = try #require(try fixture.leads("admin").detail(lead.number.description).score).parts
        #expect(parts.count == 4, "the event is listed even when the total is capped")
    }

    @Test func anUnknownEventIsRefusedWithAHint() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.add()
        #expect {
            try fixture.leads("admin").recordEvent(lead.number.description, event: "inbound_contct")
        } throws: { error in
            (error as? LeadError)?.english == "unknown event 'inbound_contct' (known: inbound_contact, repeated_interest); did you mean 'inbound_contact'?"
        }
        #expect {
            try fixture.leads("admin").recordEvent(lead.number.description, event: "webinar")
        } throws: { error in
            (error as? LeadError)?.english == "unknown event 'webinar' (known: inbound_contact, repeated_interest)"
        }
        #expect(try fixture.count("SELECT count(*) FROM lead_event") == 0)
        #expect(try fixture.stored(lead).score == 10)
    }

    @Test func eventsAreRecordedOnOpenLeadsOnly() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.add()
        try fixture.leads("bob").lose(lead.number.description, reason: .unreachable)
        #expect {
            try fixture.leads("admin").recordEvent(lead.number.description, event: "inbound_contact")
        } throws: { error in
            (error as? LeadError)?.english == "\(lead.number) is lost; events are recorded on open leads"
        }
    }

    @Test func aDuplicateRegistrationMergedIntoTheLeadAddsRepeatedInterest() throws {
        let fixture = try AutomationFixture()
        let phone = fixture.uniquePhone()
        let lead = try fixture.add(Self.warmDraft(fixture, phone: phone))
        #expect(throws: DuplicateLeadError.self) { try fixture.leads("admin").add(fixture.draft(phone: phone)) }

        let result = try fixture.leads("admin").add(fixture.draft(phone: phone, campaign: "2026秋季展"),
                                                    duplicates: .mergeInto(lead.number.description))
        #expect(result.merged)
        #expect(result.lead.id == lead.id)
        #expect(result.lead.score == 75)
        #expect(result.lead.suggestedGrade == .a)
        #expect(result.lead.details.campaign == "2026秋季展", "the new registration filled the gap")
        #expect(try fixture.strings("SELECT event FROM lead_event WHERE lead_id = ?", [lead.id]) == ["repeated_interest"])
        let parts = try #require(try fixture.leads("admin").detail(lead.number.description).score).parts
        #expect(parts.last == LeadScore.Part(rule: "event repeated_interest", points: 10))
        #expect(try fixture.count("SELECT count(*) FROM lead") == 1)
    }

    @Test func aSupervisorsGradeStaysBesideTheSuggestionWhenTheLeadIsRescored() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.add()
        let number = lead.number.description
        #expect(lead.suggestedGrade == .c)
        try fixture.leads("bob").grade(number, .b, reason: "老客户转介绍, 意向明确")

        // New details raise the suggestion; the supervisor's grade is kept.
        let edited = try fixture.leads("bob").edit(number, changes: LeadDraft(title: "总经理", budget: "50万以上"))
        #expect(edited.score == 80)
        #expect(edited.suggestedGrade == .a)
        #expect(edited.grade == .b)

        // So does an event.
        let evented = try fixture.leads("bob").recordEvent(number, event: "inbound_contact")
        #expect(evented.score == 90)
        #expect(evented.suggestedGrade == .a)
        #expect(evented.grade == .b)

        let detail = try fixture.leads("bob").detail(number)
        #expect(detail.lead.grade == .b)
        #expect(detail.score?.suggestedGrade == .a)
        #expect(detail.score?.parts.map(\.rule) == ["budget ≥ 50万", "decision maker", "need described", "event inbound_contact"])
        #expect(detail.notes.contains { $0.kind == "grade" && $0.body == "B: 老客户转介绍, 意向明确" })
    }

    @Test func aCustomModelsThresholdsDecideTheSuggestion() throws {
        let fixture = try AutomationFixture()
        var process = ProcessDefinition.standard
        process.scoring.gradeA = 60
        process.scoring.gradeB = 20
        process.scoring.events = [ScoringEvent(event: "demo_requested", points: 25)]
        let context = try fixture.context(process)
        let lead = try fixture.add(Self.warmDraft(fixture), in: context)
        #expect(lead.suggestedGrade == .a, "65 ≥ 60")
        let cold = try fixture.add(in: context)
        #expect(cold.suggestedGrade == .c, "10 < 20")
        let raised = try fixture.leads("admin", in: context).recordEvent(cold.number.description, event: "demo_requested")
        #expect(raised.score == 35)
        #expect(raised.suggestedGrade == .b)
        #expect {
            try fixture.leads("admin", in: context).recordEvent(cold.number.description, event: "inbound_contact")
        } throws: { ($0 as? LeadError)?.english == "unknown event 'inbound_contact' (known: demo_requested)" }
    }
}
