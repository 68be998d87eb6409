import Foundation

extension ScoringModel {
    /// The score every screen shows for `lead` — the screening queue and the lead detail alike:
    /// the stored score with its stored breakdown (`storedParts`, one `points<TAB>rule` per line),
    /// or, for a lead never scored, the score its fields earn under this model. One path, so the
    /// queue and the detail never disagree about a lead's score or suggested grade.
    public func shownScore(of lead: Lead, storedParts: String?) -> LeadScore {
        guard let total = lead.score else { return score(lead.details) }
        return LeadScore(total: total, parts: LeadScore.parts(stored: storedParts), suggestedGrade: lead.suggestedGrade)
    }
}
