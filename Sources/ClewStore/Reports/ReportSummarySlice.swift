import ClewDomain
import ClewServices
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
    /// A combined dimension's parts (`owner+source`: the scope's owners, the filter's source);
    /// nil for a single one.
    var parts: Parts?

    /// The two halves of a combined dimension.
    struct Parts: Hashable, Sendable {
        var scope: String
        var scopeValues: [String]
        var filter: String
        var filterValue: String
    }

    init(dimension: String, values: [String]) {
        self.dimension = dimension
        self.values = values
    }

    /// A combined dimension (v19): `scope` (owner or creator) taking `scopeValues`, with `filter` = `filterValue`.
    init(scope: String, _ scopeValues: [String], filter: String, _ filterValue: String) {
        dimension = "\(scope)+\(filter)"
        values = scopeValues.map { $0 + ClewMigrations.combinedValueSeparator + filterValue }
        parts = Parts(scope: scope, scopeValues: scopeValues, filter: filter, filterValue: filterValue)
    }

    /// The slice for `subjects` and the report filters of `filters`, nil when none holds them.
    init?(_ subjects: ReportSubjects, _ filters: LeadQuery) {
        let given = [("source", filters.source), ("campaign", filters.campaign), ("region", filters.region),
                     ("industry", filters.industry), ("owner", filters.owner)].compactMap { name, value in value.map { (name, $0) } }
        // An empty value means "none" in the summary: such a filter is read from the rows.
        guard given.allSatisfy({ !$0.1.isEmpty }) else { return nil }
        let owner = given.first { $0.0 == "owner" }?.1
        let others = given.filter { $0.0 != "owner" }
        switch subjects {
        case .everyone:
            if given.isEmpty {
                self.init(dimension: "", values: [""])
            } else if given.count == 1 {
                self.init(dimension: given[0].0, values: [given[0].1])
            } else if given.count == 2, let owner, let other = others.first {
                self.init(scope: "owner", [owner], filter: other.0, other.1)
            } else {
                return nil
            }
        case let .owners(logins, includingUnowned):
            var allowed = logins + (includingUnowned ? [""] : [])
            if let owner { allowed = allowed.contains(owner) ? [owner] : [] }
            if others.isEmpty {
                self.init(dimension: "owner", values: allowed)
            } else if others.count == 1 {
                self.init(scope: "owner", allowed, filter: others[0].0, others[0].1)
            } else {
                return nil
            }
        case let .registeredBy(login):
            if given.isEmpty {
                self.init(dimension: "creator", values: [login])
            } else if given.count == 1, owner == nil {
                self.init(scope: "creator", [login], filter: given[0].0, given[0].1)
            } else {
                return nil
            }
        }
    }
}
