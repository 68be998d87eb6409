/// What a behaviour event that raised a lead's score does to its grade (issue 11 §3, seed 001:
/// "客户行为发生变化…自动提升线索等级,并实时同步给对应负责人").
public enum GradeRaise {
    public enum Outcome: Hashable, Sendable {
        /// The suggestion did not rise: nothing to do.
        case unchanged
        /// The suggestion rose to `to`; the grade in force is `kept` (a supervisor's, kept), or
        /// the suggestion itself when the lead has no grade. The owner is told.
        case suggestionRose(to: Grade, kept: Grade?)
        /// The grade rose from `from` to `to` (the process file lets events raise it). The owner is told.
        case gradeRaised(from: Grade, to: Grade)
    }

    /// Decides for a lead graded `grade` (nil: not graded) whose suggestion went from
    /// `oldSuggestion` to `newSuggestion`.
    public static func decide(grade: Grade?, oldSuggestion: Grade?, newSuggestion: Grade?, eventsRaiseGrade: Bool) -> Outcome {
        // Grades order A < B < C: a "higher" grade is a smaller one.
        guard let new = newSuggestion, oldSuggestion.map({ new < $0 }) ?? true else { return .unchanged }
        guard let grade else { return .suggestionRose(to: new, kept: nil) }
        guard new < grade else { return .unchanged }
        return eventsRaiseGrade ? .gradeRaised(from: grade, to: new) : .suggestionRose(to: new, kept: grade)
    }
}
