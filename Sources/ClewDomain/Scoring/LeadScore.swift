/// A lead's score with the rules that gave its points, and the grade it suggests.
///
/// The default rules follow DESIGN §5: budget match up to 40, urgency up to 30, decision-maker
/// up to 30. (The configurable scoring model of the automation rules replaces ``standard``.)
public struct LeadScore: Hashable, Sendable, Codable {
    /// One rule that gave points.
    public struct Part: Hashable, Sendable, Codable {
        public var rule: String
        public var points: Int

        public init(rule: String, points: Int) {
            self.rule = rule
            self.points = points
        }
    }

    public var total: Int
    public var parts: [Part]
    /// The grade the total suggests under the thresholds it was scored with.
    public var suggestedGrade: Grade

    /// A score; the suggested grade defaults to the standard thresholds (A ≥ 70, B ≥ 40).
    public init(total: Int, parts: [Part], suggestedGrade: Grade? = nil) {
        self.total = total
        self.parts = parts
        self.suggestedGrade = suggestedGrade ?? Grade.suggested(forScore: total)
    }

    /// The breakdown as stored: one `points<TAB>rule` line per part.
    public var storedParts: String { parts.map { "\($0.points)\t\($0.rule)" }.joined(separator: "\n") }

    /// Parts read back from ``storedParts``.
    public static func parts(stored: String?) -> [Part] {
        (stored ?? "").split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2, let points = Int(fields[0]) else { return nil }
            return Part(rule: String(fields[1]), points: points)
        }
    }
}
