import ClewDomain
import ClewServices
import Foundation
import GRDB

// MARK: - The leads behind a figure

extension ReportService {
    /// The leads behind one figure of a report over `request`'s period, scope and filters — the
    /// same conditions the figure was counted with, so ``ReportSliceLeads/total`` equals it —
    /// and a page of those the reader may open (`offset`, `limit` 1…1000), newest first.
    public func leads(in slice: ReportSlice, _ request: ReportRequest, offset: Int = 0, limit: Int = 200) throws -> ReportSliceLeads {
        let (_, filter) = try prepare(kind(of: slice), request)
        let (sql, arguments) = try condition(of: slice, request.period)
        let visibility = LeadLookup.visibility(for: actor)
        let from = "FROM stage_history h JOIN lead ON lead.id = h.lead_id"
        let source = if case .lateInStage = slice { from } else { "FROM lead" }
        let scoped = "\(source) WHERE \(sql) AND \(filter.sql)"
        let scopedArguments = arguments + filter.arguments
        let page = min(max(limit, 1), 1_000)
        return try context.database.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) \(scoped)", arguments: scopedArguments) ?? 0
            let readableSQL = "\(scoped) AND \(visibility.sql)"
            let readableArguments = scopedArguments + visibility.arguments
            let readable = visibility.sql == "1" ? total : try Int.fetchOne(db, sql: "SELECT count(*) \(readableSQL)", arguments: readableArguments) ?? 0
            let leads = try Lead.fetchAll(db, sql: "SELECT \(Lead.selection) \(readableSQL) ORDER BY lead.id DESC LIMIT \(page) OFFSET \(max(0, offset))",
                                          arguments: readableArguments)
            return ReportSliceLeads(total: total, readable: readable, leads: leads)
        }
    }

    /// The report a slice belongs to (its scope rules apply).
    private func kind(of slice: ReportSlice) -> ReportKind {
        switch slice {
        case .funnelStep: .funnel
        case .lateInStage: .stages
        case .receivedBy: .reps
        case .source: .sources
        case .campaign: .campaigns
        case .registered, .won: .trend
        }
    }

    /// The slice's own condition, as its report counts it.
    private func condition(of slice: ReportSlice, _ period: ReportPeriod) throws -> (String, StatementArguments) {
        let created: (String, StatementArguments) = ("lead.created_at >= ? AND lead.created_at < ?", [period.from.storage, period.to.storage])
        switch slice {
        case let .funnelStep(key):
            let stages = context.pipeline.stages
            let keys = ["registered", "valid", "assigned"] + stages.map(\.key) + ["won"]
            guard let position = keys.firstIndex(of: key) else { throw StoreError.notFound("no funnel step \(key)") }
            let rank = stageRankSQL("h.stage")
            // The step a lead got to, as ``FunnelReport`` places it: won; else its furthest stage;
            // else assigned, valid or only registered.
            let reached = """
                (CASE WHEN lead.status = 'won' THEN \(keys.count - 1) WHEN \(Self.invalidSQL) THEN 0
                 ELSE coalesce(3 + (SELECT max(\(rank.sql)) FROM stage_history h WHERE h.lead_id = lead.id),
                               CASE WHEN lead.assigned_at IS NULL THEN 1 ELSE 2 END) END) >= ?
                """
            return ("\(created.0) AND \(reached)", created.1 + rank.arguments + [position])
        case let .lateInStage(key):
            return ("""
                h.stage = ? AND h.entered_at >= ? AND h.entered_at < ? AND h.planned_exit_at IS NOT NULL
                AND coalesce(h.exited_at, ?) > h.planned_exit_at
                """, [try context.pipeline.resolve(key).key, period.from.storage, period.to.storage, context.clock.now().storage])
        case let .receivedBy(login):
            return ("lead.assigned_at >= ? AND lead.assigned_at < ? AND lead.owner = ?", [period.from.storage, period.to.storage, login])
        case let .source(name):
            return ("\(created.0) AND coalesce(lead.source, '') = ?", created.1 + [name])
        case let .campaign(name):
            return ("\(created.0) AND coalesce(lead.campaign, '') = ?", created.1 + [name])
        case .registered:
            return created
        case .won:
            return ("lead.closed_at >= ? AND lead.closed_at < ? AND +lead.status = 'won'", [period.from.storage, period.to.storage])
        }
    }
}
