import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Scores leads with the process's scoring model: the lead's fields plus its behaviour events.
/// The total and suggested grade live on the lead; the breakdown in `lead.score_parts`.
enum LeadScoring {
    /// `lead` with its score and suggested grade recomputed (the caller writes it).
    static func rescored(_ lead: Lead, context: ClewContext, _ db: Database) throws -> (Lead, LeadScore) {
        let events = lead.id == 0 ? [] : try String.fetchAll(db, sql: "SELECT event FROM lead_event WHERE lead_id = ? ORDER BY id", arguments: [lead.id])
        let score = context.process.scoring.score(lead.details, events: events, tags: lead.tags)
        var updated = lead
        updated.score = score.total
        updated.suggestedGrade = score.suggestedGrade
        return (updated, score)
    }

    /// Stores the breakdown of the score of lead `id`, created in this transaction (its
    /// creation is audited; a later change goes through ``Mutation/update(_:to:action:mergedIntoID:also:)``).
    static func storeBreakdown(_ score: LeadScore, leadID: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE lead SET score_parts = ? WHERE id = ?").execute(arguments: [score.storedParts, leadID])
    }

    /// The stored breakdown of lead `id` (shown through ``ClewDomain/ScoringModel/shownScore(of:storedParts:)``).
    static func storedParts(leadID: Int64, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT score_parts FROM lead WHERE id = ?", arguments: [leadID])
    }

    /// Records a behaviour event (`inbound_contact`) on `lead` and rescores it; a higher
    /// suggestion raises the grade as ``GradeRaise`` decides and tells the owner at once.
    static func recordEvent(_ event: String, on lead: Lead, context: ClewContext, _ m: Mutation) throws -> Lead {
        try m.db.execute(sql: "INSERT INTO lead_event (lead_id, event, at, actor) VALUES (?, ?, ?, ?)",
                         arguments: [lead.id, event, m.now.storage, m.actor.login])
        try m.audit("event", entity: "lead", id: lead.id, field: "event", new: event)
        var (updated, score) = try rescored(lead, context: context, m.db)
        guard updated.score != lead.score || updated.suggestedGrade != lead.suggestedGrade else {
            return try m.update(lead, to: lead, action: "rescore", also: ["score_parts": score.storedParts])
        }
        let outcome = GradeRaise.decide(grade: lead.grade, oldSuggestion: lead.suggestedGrade, newSuggestion: updated.suggestedGrade,
                                        eventsRaiseGrade: context.process.scoring.eventsRaiseGrade)
        if case let .gradeRaised(_, to) = outcome { updated.grade = to }
        var stored = try m.update(lead, to: updated, action: "rescore", also: ["score_parts": score.storedParts])
        let label = "\(lead.number) \(lead.details.customer ?? "")"
        switch outcome {
        case .unchanged: break
        case let .suggestionRose(to, kept):
            let grade = kept.map { "; grade \($0) kept as the supervisor set it" } ?? ""
            try m.automated.notify(lead.owner, kind: "grade", text: kept == nil ? "suggested" : "suggested-kept", leadID: lead.id,
                                   body: "\(label): \(event) raised the score to \(score.total), suggesting grade \(to)\(grade)",
                                   parameters: [label, event, "\(score.total)", "\(to)", kept.map { "\($0)" } ?? ""])
            if kept == nil { stored = try context.publish(.suggestionChanged, on: stored, m) }
        case let .gradeRaised(from, to):
            try m.automated.notify(lead.owner, kind: "grade", text: "raised", leadID: lead.id,
                                   body: "\(label): \(event) raised the score to \(score.total) and the grade from \(from) to \(to)",
                                   parameters: [label, event, "\(score.total)", "\(from)", "\(to)"])
            stored = try context.publish(.graded, on: stored, m)
        }
        return stored
    }
}
