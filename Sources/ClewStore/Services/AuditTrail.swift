import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Reading the audit trail across the whole database (`clew audit`, admins): every change, every
/// export and every erasure, newest first.
///
/// ```swift
/// let exports = try AuditTrail(context: context, actor: admin).recent(action: "export", limit: 20)
/// ```
public struct AuditTrail: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// The most recent `limit` rows (at most 1000), only those of `action` when given.
    public func recent(action: String? = nil, actor login: String? = nil, limit: Int = 50) throws -> [AuditEntry] {
        try AccessPolicy.check(.administer, actor)
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let action { conditions.append("action = ?"); arguments.append(action) }
        if let login { conditions.append("actor = ?"); arguments.append(login) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try context.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, at, actor, via, action, entity, entity_id, field, old, new FROM audit \(whereClause)
                ORDER BY id DESC LIMIT \(min(max(limit, 1), 1_000))
                """, arguments: StatementArguments(arguments)).map(AuditEntry.init(row:))
        }
    }
}

extension LeadQuery {
    /// The filters as `lead list` options (`--status active --owner alice`), or `none`; what an
    /// export's audit row records.
    public var filterDescription: String {
        var parts: [String] = []
        if !statuses.isEmpty { parts.append("--status " + statuses.map(\.rawValue).joined(separator: ",")) }
        let options: [(String, String?)] = [
            ("stage", stage), ("owner", owner), ("grade", grade?.rawValue), ("source", source), ("region", region),
            ("campaign", campaign), ("industry", industry), ("pool", pool), ("tag", tag),
            ("flag", flags.isEmpty && leadFlags.isEmpty ? nil : (flags.map(\.rawValue) + leadFlags.map(\.rawValue)).sorted().joined(separator: ",")),
            ("company-type", companyType?.rawValue), ("employees-min", employeesMin.map(String.init)),
            ("revenue-min", revenueMin.map { String($0.fen / 100) }),
        ]
        for (name, value) in options { if let value { parts.append("--\(name) \(value)") } }
        return parts.isEmpty ? "none" : parts.joined(separator: " ")
    }
}
