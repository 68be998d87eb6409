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

    /// The default scoring of a lead's details.
    public static func standard(_ details: LeadDraft) -> LeadScore {
        var parts: [Part] = []
        let budget = details.budget ?? ""
        if budget.contains("100万以上") || budget.contains("50万以上") { parts.append(Part(rule: "budget ≥ 50万", points: 40)) }
        else if budget.contains("30-50万") || budget.contains("30万") { parts.append(Part(rule: "budget 30–50万", points: 30)) }
        else if budget.contains("10-30万") { parts.append(Part(rule: "budget 10–30万", points: 20)) }
        else if !budget.isEmpty && budget != "待定" { parts.append(Part(rule: "budget stated", points: 10)) }

        let title = (details.title ?? "").lowercased()
        let deciders = ["总经理", "总监", "董事", "老板", "ceo", "cto", "cfo", "cio", "director", "head", "vp", "owner", "founder"]
        let influencers = ["经理", "主管", "manager", "lead"]
        if deciders.contains(where: title.contains) { parts.append(Part(rule: "decision maker", points: 30)) }
        else if influencers.contains(where: title.contains) { parts.append(Part(rule: "influencer", points: 15)) }

        let need = (details.need ?? "").lowercased()
        let urgent = ["尽快", "急", "本月", "1个月", "一个月", "立即", "urgent", "asap", "this month"]
        if urgent.contains(where: need.contains) { parts.append(Part(rule: "urgent need", points: 30)) }
        else if !need.isEmpty { parts.append(Part(rule: "need described", points: 10)) }

        return LeadScore(total: min(100, parts.reduce(0) { $0 + $1.points }), parts: parts)
    }
}
