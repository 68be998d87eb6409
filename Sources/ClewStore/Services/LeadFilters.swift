import ClewDomain
import Foundation
import GRDB

/// The WHERE clause of a ``LeadQuery`` — the actor's visibility and every `lead list` filter —
/// shared by the lead list, the exports and the reports, so all select the same leads.
enum LeadFilters {
    /// The conditions (joined with AND) and their arguments, over a row named `lead`.
    static func conditions(_ query: LeadQuery, visibleTo actor: ActingUser, pipeline: Pipeline) throws -> (sql: String, arguments: StatementArguments) {
        try conditions(query, within: LeadLookup.visibility(for: actor), pipeline: pipeline)
    }

    /// The conditions of `query` over the leads `visibility` selects (a report's scope, which
    /// may be wider than the reader's own visibility for totals).
    static func conditions(_ query: LeadQuery, within visibility: (sql: String, arguments: StatementArguments),
                           pipeline: Pipeline) throws -> (sql: String, arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        conditions.append(visibility.sql)
        arguments += visibility.arguments
        if !query.statuses.isEmpty {
            conditions.append("lead.status IN (\(query.statuses.map { _ in "?" }.joined(separator: ",")))")
            arguments += StatementArguments(query.statuses.map(\.rawValue))
        }
        if let stage = query.stage {
            conditions.append("lead.stage = ?")
            arguments += [try pipeline.resolve(stage).key]
        }
        for (column, value) in [("owner", query.owner), ("source", query.source), ("region", query.region),
                                ("campaign", query.campaign), ("industry", query.industry), ("pool", query.pool)] {
            guard let value else { continue }
            conditions.append("lead.\(column) = ?")
            arguments += [value]
        }
        if let grade = query.grade {
            conditions.append("lead.grade = ?")
            arguments += [grade.rawValue]
        }
        if let tag = query.tag {
            conditions.append("lead.tags LIKE ? ESCAPE '\\'")
            arguments += ["%," + tag.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + ",%"]
        }
        return (conditions.joined(separator: " AND "), arguments)
    }
}
