import ClewDomain
import Foundation

/// One lead in the supervisor's screening queue, with what helps decide it.
public struct ScreeningItem: Sendable {
    public var lead: Lead
    /// How long it has waited in screening, in working time.
    public var waitingWorkingSeconds: TimeInterval
    /// The score and the rules behind it.
    public var score: LeadScore
    /// Reps to give it to, best first (at most three).
    public var suggestions: [AssignmentSuggestion]

    /// A value with each of its fields given.
    public init(lead: Lead, waitingWorkingSeconds: TimeInterval, score: LeadScore, suggestions: [AssignmentSuggestion]) {
        self.lead = lead
        self.waitingWorkingSeconds = waitingWorkingSeconds
        self.score = score
        self.suggestions = suggestions
    }
}
