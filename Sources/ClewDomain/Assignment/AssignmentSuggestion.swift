import Foundation

/// Who should get a lead, and why: reps whose regions and industries match, with room under
/// their capacity, least loaded first (DESIGN §5).
public struct AssignmentSuggestion: Hashable, Sendable {
    /// A rep with their current open workload.
    public struct Candidate: Hashable, Sendable {
        public var profile: UserProfile
        /// Assigned and active leads they own now.
        public var openLeads: Int

        public init(profile: UserProfile, openLeads: Int) {
            self.profile = profile
            self.openLeads = openLeads
        }
    }

    public var login: String
    public var name: String
    public var regionMatch: Bool
    public var industryMatch: Bool
    public var openLeads: Int
    public var capacity: Int

    /// "华东 · 制造业 · 12/40": what matched and the workload, for the screening queue.
    public func explanation(region: String?, industry: String?) -> String {
        var parts: [String] = []
        if regionMatch, let region { parts.append(region) }
        if industryMatch, let industry { parts.append(industry) }
        if parts.isEmpty { parts.append("no territory match") }
        parts.append("\(openLeads)/\(capacity)")
        return parts.joined(separator: " · ")
    }

    /// The ranked suggestions for a lead in `region` and `industry` at `now`.
    ///
    /// Reps who are inactive, away, or at capacity are never suggested. Ranking: region and
    /// industry match, then region only, then industry only; within a rank, the lowest load
    /// relative to capacity first, then the fewest open leads, then login (stable round-robin
    /// among equals happens naturally as the chosen rep's load grows).
    public static func rank(region: String?, industry: String?, candidates: [Candidate], now: Date) -> [AssignmentSuggestion] {
        candidates.compactMap { candidate -> (AssignmentSuggestion, Int, Double)? in
            let p = candidate.profile
            guard p.role == .rep, p.isActive, candidate.openLeads < p.capacity else { return nil }
            if let away = p.awayUntil, away > now { return nil }
            let regionMatch = region.map { p.regions.contains($0) } ?? false
            let industryMatch = industry.map { p.industries.contains($0) } ?? false
            let rank = (regionMatch ? 2 : 0) + (industryMatch ? 1 : 0)
            let suggestion = AssignmentSuggestion(login: p.login, name: p.name, regionMatch: regionMatch, industryMatch: industryMatch,
                                                  openLeads: candidate.openLeads, capacity: p.capacity)
            return (suggestion, rank, Double(candidate.openLeads) / Double(max(p.capacity, 1)))
        }
        .sorted { a, b in
            if a.1 != b.1 { return a.1 > b.1 }
            if a.2 != b.2 { return a.2 < b.2 }
            if a.0.openLeads != b.0.openLeads { return a.0.openLeads < b.0.openLeads }
            return a.0.login < b.0.login
        }
        .map(\.0)
    }
}
