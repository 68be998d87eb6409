import ClewDomain
import Foundation
import GRDB

// MARK: - The period's cohort: funnel, sources and campaigns from one scan

extension ReportService {
    /// The leads registered in the period, counted by how far they got and by source and
    /// campaign: one scan of the covering index `lead_report_created` with one look-up of the
    /// stages each lead visited (`lead_reach`), shared by the funnel, the sources and the
    /// campaigns (the dashboard reads all three from one).
    struct Cohort {
        var funnel: FunnelReport
        var sources: [SourceReport.Counts]
        var campaigns: [SourceReport.Counts]
    }

    func cohort(_ request: ReportRequest, filter: Filter, _ db: Database) throws -> Cohort {
        // `reach`: NULL for an invalid lead or one with no visit; else its furthest stage's
        // index, -1 when none of its visits is a stage of the pipeline now.
        let stages = context.pipeline.stages
        let furthest = stages.isEmpty ? "-1"
            : "CASE " + stages.indices.reversed().map { "WHEN instr(r.stages, ?) > 0 THEN \($0)" }.joined(separator: " ") + " ELSE -1 END"
        let stageKeys = StatementArguments(stages.reversed().map { ",\($0.key)," })
        let rows = try Row.fetchCursor(db, sql: """
            SELECT intake, reach, status, lost_reason, source, campaign, count(*), total(won_fen) FROM (
              SELECT CASE WHEN \(Self.invalidSQL) THEN 0 WHEN lead.assigned_at IS NULL THEN 1 ELSE 2 END AS intake,
                CASE WHEN \(Self.invalidSQL) OR r.lead_id IS NULL THEN NULL ELSE \(furthest) END AS reach,
                lead.status, lead.lost_reason, coalesce(lead.source, '') AS source, coalesce(lead.campaign, '') AS campaign,
                CASE WHEN lead.status = 'won' THEN lead.amount_fen END AS won_fen
              FROM lead LEFT JOIN lead_reach r ON r.lead_id = lead.id
              WHERE lead.created_at >= ? AND lead.created_at < ? AND \(filter.sql)
            ) GROUP BY intake, reach, status, lost_reason, source, campaign
            """, arguments: stageKeys + [request.period.from.storage, request.period.to.storage] + filter.arguments)
        var outcomes: [OutcomeKey: Int] = [:]
        var sources: [String: SourceReport.Counts] = [:]
        var campaigns: [String: SourceReport.Counts] = [:]
        while let row = try rows.next() {
            guard let status = LeadStatus(rawValue: row[2]) else { continue }
            let intake: Int = row[0]
            let reach: Int? = row[1]
            let count: Int = row[6]
            let wonFen: Double = row[7]
            outcomes[OutcomeKey(intake: intake, furthest: reach.flatMap { $0 >= 0 ? $0 : nil }, status: status, lostReason: row[3]), default: 0] += count
            func add(_ key: String, to counts: inout [String: SourceReport.Counts]) {
                var entry = counts[key] ?? SourceReport.Counts(key: key, leads: 0, valid: 0, opportunities: 0, won: 0, wonAmount: .zero)
                entry.leads += count
                if intake > 0 { entry.valid += count }
                if status == .won || reach != nil { entry.opportunities += count }
                if status == .won {
                    entry.won += count
                    entry.wonAmount = entry.wonAmount.adding(Money(totalFen: wonFen))
                }
                counts[key] = entry
            }
            add(row[4], to: &sources)
            add(row[5], to: &campaigns)
        }
        let funnel = FunnelReport(pipeline: context.pipeline, outcomes: outcomes.map { key, count in
            FunnelReport.Outcome(intake: key.intake, furthestStage: key.furthest, status: key.status, lostReason: key.lostReason, count: count)
        })
        return Cohort(funnel: funnel, sources: Array(sources.values), campaigns: Array(campaigns.values))
    }

    private struct OutcomeKey: Hashable {
        var intake: Int
        var furthest: Int?
        var status: LeadStatus
        var lostReason: String?
    }

    /// The campaigns' actual costs, by name.
    func campaignCosts(_ db: Database) throws -> [String: Money] {
        var costs: [String: Money] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, cost_fen FROM campaign WHERE cost_fen IS NOT NULL") {
            costs[row["name"]] = Money(fen: row["cost_fen"])
        }
        return costs
    }
}
