import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Lead counts and amounts per board column, for the actor's scope.
public struct PipelineSummary: Sendable {
    /// One board column.
    public struct Column: Sendable, Hashable {
        /// `screening`, `assigned`, a stage key, or `won`.
        public var key: String
        public var title: String
        public var count: Int
        public var amount: Money
    }

    public var columns: [Column]

    /// The board columns of DESIGN §4 (intake, stages, won) with their totals.
    public static func load(context: ClewContext, actor: ActingUser, mineOnly: Bool = false) throws -> PipelineSummary {
        let audiences: [LeadAudience] = [.readableBy(actor)] + (mineOnly ? [.owners([actor.login], includingUnowned: false)] : [])
        return try context.read { db in
            func total(_ criteria: LeadCriteria) throws -> (Int, Money) {
                let (condition, arguments) = criteria.sql()
                let row = try Row.fetchOne(db, sql: "SELECT count(*) AS n, total(amount_fen) AS fen FROM lead WHERE \(condition)", arguments: arguments)
                return (row?["n"] ?? 0, Money(totalFen: row?["fen"] ?? 0))
            }
            var columns: [Column] = []
            for status in [LeadStatus.screening, .assigned] {
                let (n, amount) = try total(LeadCriteria(audiences: audiences, statuses: [status]))
                columns.append(Column(key: status.rawValue, title: status.chineseName, count: n, amount: amount))
            }
            for stage in context.pipeline.stages {
                let (n, amount) = try total(LeadCriteria(audiences: audiences, statuses: [.active], stage: stage.key))
                columns.append(Column(key: stage.key, title: stage.chineseName, count: n, amount: amount))
            }
            let (n, amount) = try total(LeadCriteria(audiences: audiences, statuses: [.won]))
            columns.append(Column(key: "won", title: LeadStatus.won.chineseName, count: n, amount: amount))
            return PipelineSummary(columns: columns)
        }
    }
}
