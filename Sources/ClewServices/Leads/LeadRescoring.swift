import ClewDomain
import Foundation

/// Scoring a lead inside a use case's transaction, with the process's scoring model: the lead's
/// fields, its behaviour events and its tags. The total and suggested grade live on the lead; the
/// breakdown is stored beside it (``LeadSideValue/scoreParts(_:)``).
public enum LeadRescoring {
    /// `lead` with its score and suggested grade recomputed under `tx`'s rules (the caller
    /// writes it, with the score's breakdown).
    public static func rescored(_ lead: Lead, _ tx: any StoreTransaction) throws -> (Lead, LeadScore) {
        let events = lead.id == 0 ? [] : try tx.leads.events(ofLead: lead.id)
        let score = tx.rules.process.scoring.score(lead.details, events: events, tags: lead.tags)
        var updated = lead
        updated.score = score.total
        updated.suggestedGrade = score.suggestedGrade
        return (updated, score)
    }

    /// Records behaviour event `event` (`inbound_contact`) on `lead` and rescores it: a higher
    /// suggestion raises the grade as ``ClewDomain/GradeRaise`` decides, and the owner is told
    /// at once (by the automation, on the actor's behalf). A suggestion that rose with the grade
    /// kept publishes ``ClewDomain/DomainEvent/suggestionChanged``; a raised grade
    /// ``ClewDomain/DomainEvent/graded``.
    ///
    /// - Returns: the lead as stored (and as the event's handlers left it).
    public static func recordEvent(_ event: String, on lead: Lead, _ tx: any StoreTransaction) throws -> Lead {
        try tx.leads.recordEvent(event, onLead: lead.id)
        var (updated, score) = try rescored(lead, tx)
        guard updated.score != lead.score || updated.suggestedGrade != lead.suggestedGrade else {
            return try tx.leads.update(lead, to: lead, as: .rescore, storing: [.scoreParts(score.storedParts)])
        }
        let outcome = GradeRaise.decide(grade: lead.grade, oldSuggestion: lead.suggestedGrade, newSuggestion: updated.suggestedGrade,
                                        eventsRaiseGrade: tx.rules.process.scoring.eventsRaiseGrade)
        if case let .gradeRaised(_, to) = outcome { updated.grade = to }
        var stored = try tx.leads.update(lead, to: updated, as: .rescore, storing: [.scoreParts(score.storedParts)])
        let label = "\(lead.number) \(lead.details.customer ?? "")"
        switch outcome {
        case .unchanged: break
        case let .suggestionRose(to, kept):
            let grade = kept.map { "; grade \($0) kept as the supervisor set it" } ?? ""
            if let owner = lead.owner {
                try tx.automated.notify(owner, kind: "grade", text: kept == nil ? "suggested" : "suggested-kept", leadID: lead.id,
                                        body: "\(label): \(event) raised the score to \(score.total), suggesting grade \(to)\(grade)",
                                        parameters: [label, event, "\(score.total)", "\(to)", kept.map { "\($0)" } ?? ""])
            }
            if kept == nil { stored = try tx.publish(.suggestionChanged, on: stored) }
        case let .gradeRaised(from, to):
            if let owner = lead.owner {
                try tx.automated.notify(owner, kind: "grade", text: "raised", leadID: lead.id,
                                        body: "\(label): \(event) raised the score to \(score.total) and the grade from \(from) to \(to)",
                                        parameters: [label, event, "\(score.total)", "\(from)", "\(to)"])
            }
            stored = try tx.publish(.graded, on: stored)
        }
        return stored
    }
}
