import ClewDomain
import Foundation

/// The rows of a summary table (`report_stage_day`) that hold exactly a report's leads: one
/// dimension and the values it may take. There is one when the scope and filters constrain at
/// most one lead attribute — company-wide with no filter or one, a team or a rep (owners) with
/// no filter but the owner, marketing's own (creator) with none; otherwise the report reads the
/// rows themselves.
struct ReportSummarySlice: Hashable, Sendable {
    var dimension: String
    /// Empty: no lead can match.
    var values: [String]

    init(dimension: String, values: [String]) {
        self.dimension = dimension
        self.values = values
    }

    /// The slice for `subjects` and the report filters of `filters`, nil when none holds them.
    init?(_ subjects: ReportSubjects, _ filters: LeadQuery) {
        let given = [("source", filters.source), ("campaign", filters.campaign), ("region", filters.region),
                     ("industry", filters.industry), ("owner", filters.owner)].compactMap { name, value in value.map { (name, $0) } }
        // An empty value means "none" in the summary: such a filter is read from the rows.
        guard given.allSatisfy({ !$0.1.isEmpty }) else { return nil }
        switch subjects {
        case .everyone:
            if given.isEmpty { self.init(dimension: "", values: [""]) } else if given.count == 1 { self.init(dimension: given[0].0, values: [given[0].1]) } else { return nil }
        case let .owners(logins, includingUnowned):
            let allowed = logins + (includingUnowned ? [""] : [])
            if given.isEmpty {
                self.init(dimension: "owner", values: allowed)
            } else if given.count == 1, given[0].0 == "owner" {
                self.init(dimension: "owner", values: allowed.contains(given[0].1) ? [given[0].1] : [])
            } else {
                return nil
            }
        case let .registeredBy(login):
            guard given.isEmpty else { return nil }
            self.init(dimension: "creator", values: [login])
        }
    }
}
