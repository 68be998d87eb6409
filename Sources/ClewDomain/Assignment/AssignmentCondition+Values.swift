/// The values a lead has for each field an assignment rule's conditions test.
extension AssignmentCondition.Field {
    /// The values `details`, a `grade` and `tags` give this field (empty when unset).
    public func values(of details: LeadDraft, grade: Grade?, tags: Set<String>) -> [String] {
        switch self {
        case .source: [details.source].compactMap { $0 }
        case .region: [details.region].compactMap { $0 }
        case .city: [details.city].compactMap { $0 }
        case .industry: [details.industry].compactMap { $0 }
        case .campaign: [details.campaign].compactMap { $0 }
        case .grade: [grade?.rawValue].compactMap { $0 }
        case .tag: tags.sorted()
        }
    }

    /// The values `lead` has for this field (its grade, else its suggestion).
    public func values(of lead: Lead) -> [String] {
        values(of: lead.details, grade: lead.grade ?? lead.suggestedGrade, tags: lead.tags)
    }
}

extension Array where Element == AssignmentRule {
    /// Whether some rule matches a lead with these details, grade and tags: an import routes
    /// (and so reads back) only the new leads for which this holds.
    public func mayRoute(_ details: LeadDraft, grade: Grade?, tags: Set<String>) -> Bool {
        contains { $0.matches { $0.values(of: details, grade: grade, tags: tags) } }
    }
}
