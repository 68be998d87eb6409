import ClewDomain
import ClewServices
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

    /// The period's funnel alone: the cohort grouped by how far each lead got, no more (a
    /// handful of groups, where the shared scan above has one per source × campaign too).
    func cohortFunnel(_ request: ReportRequest, filter: Filter, _ db: Database) throws -> FunnelReport {
        let stages = context.pipeline.stages
        let furthest = stages.isEmpty ? "-1"
            : "CASE " + stages.indices.reversed().map { "WHEN instr(r.stages, ?) > 0 THEN \($0)" }.joined(separator: " ") + " ELSE -1 END"
        let stageKeys = StatementArguments(stages.reversed().map { ",\($0.key)," })
        // The furthest stage is worked out per group of visited stages, not per lead.
        let groups: String
        let arguments: StatementArguments
        if let summary = try cohortSummary(request, filter: filter, db) {
            // The registration days' counts (`report_cohort_day`): a few rows per day.
            groups = """
                SELECT intake, intake > 0 AND stages <> '' AS reached, stages, status, nullif(lost_reason, '') AS lost_reason,
                  sum(leads) AS n
                FROM report_cohort_day WHERE \(summary.sql)
                GROUP BY intake, stages, status, lost_reason HAVING sum(leads) > 0
                """
            arguments = summary.arguments
        } else {
            groups = """
                SELECT CASE WHEN \(Self.invalidSQL) THEN 0 WHEN lead.assigned_at IS NULL THEN 1 ELSE 2 END AS intake,
                  NOT \(Self.invalidSQL) AND r.lead_id IS NOT NULL AS reached, r.stages AS stages, lead.status AS status,
                  lead.lost_reason AS lost_reason, count(*) AS n
                FROM lead LEFT JOIN lead_reach r ON r.lead_id = lead.id
                WHERE lead.created_at >= ? AND lead.created_at < ? AND \(filter.sql)
                GROUP BY intake, reached, r.stages, lead.status, lead.lost_reason
                """
            arguments = [request.period.from.storage, request.period.to.storage] + filter.arguments
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT intake, CASE WHEN reached THEN \(furthest) END, status, lost_reason, n FROM (\(groups)) r",
                                       arguments: stageKeys + arguments)
        var outcomes: [OutcomeKey: Int] = [:]
        while let row = try rows.next() {
            guard let status = LeadStatus(rawValue: row[2]) else { continue }
            let reach: Int? = row[1]
            outcomes[OutcomeKey(intake: row[0], furthest: reach.flatMap { $0 >= 0 ? $0 : nil }, status: status, lostReason: row[3]),
                     default: 0] += row[4] as Int
        }
        return FunnelReport(pipeline: context.pipeline, outcomes: outcomes.map { key, count in
            FunnelReport.Outcome(intake: key.intake, furthestStage: key.furthest, status: key.status, lostReason: key.lostReason, count: count)
        })
    }

    /// The attribute a source or campaign report groups the cohort by.
    enum CohortColumn: String {
        case source, campaign
    }

    /// The period's cohort counted per source or per campaign alone: leads, valid leads,
    /// opportunities (won, or a valid lead with a stage visit), won count and amount.
    func cohortCounts(by column: CohortColumn, _ request: ReportRequest, filter: Filter, _ db: Database) throws -> [SourceReport.Counts] {
        let statuses = LeadStatus.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        func counts(_ row: Row) -> SourceReport.Counts {
            SourceReport.Counts(key: row[0], leads: row[1], valid: Int(row[2] as Double), opportunities: Int(row[3] as Double),
                                won: Int(row[4] as Double), wonAmount: Money(totalFen: row[5]))
        }
        if let summary = try cohortSummary(request, filter: filter, db) {
            return try Row.fetchAll(db, sql: """
                SELECT \(column.rawValue), sum(leads), total(CASE WHEN intake > 0 THEN leads END),
                  total(CASE WHEN status = 'won' OR (intake > 0 AND stages <> '') THEN leads END), total(CASE WHEN status = 'won' THEN leads END),
                  total(won_fen)
                FROM report_cohort_day WHERE \(summary.sql) AND status IN (\(statuses))
                GROUP BY \(column.rawValue) HAVING sum(leads) > 0
                """, arguments: summary.arguments).map(counts)
        }
        return try Row.fetchAll(db, sql: """
            SELECT coalesce(lead.\(column.rawValue), '') AS key, count(*), total(NOT \(Self.invalidSQL)),
              total(lead.status = 'won' OR (NOT \(Self.invalidSQL) AND r.lead_id IS NOT NULL)), total(lead.status = 'won'),
              total(CASE WHEN lead.status = 'won' THEN lead.amount_fen END)
            FROM lead LEFT JOIN lead_reach r ON r.lead_id = lead.id
            WHERE lead.created_at >= ? AND lead.created_at < ? AND lead.status IN (\(statuses)) AND \(filter.sql)
            GROUP BY key
            """, arguments: [request.period.from.storage, request.period.to.storage] + filter.arguments).map(counts)
    }

    /// `counts` with the payments received (回款, net of reversals) on the contracts of the
    /// period's cohort under `filter`, per source or campaign: the period's leads read on the
    /// registration index (`+lead.status`: the status index would read every lead), each one's
    /// contract and its payments looked up.
    func withReceived(_ counts: [SourceReport.Counts], by column: CohortColumn, _ request: ReportRequest, filter: Filter,
                      _ db: Database) throws -> [SourceReport.Counts] {
        let statuses = LeadStatus.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var received: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT coalesce(lead.\(column.rawValue), '') AS key, sum(p.amount_fen) AS fen
            FROM payment p JOIN contract c ON c.id = p.contract_id JOIN lead ON lead.id = c.lead_id
            WHERE lead.created_at >= ? AND lead.created_at < ? AND +lead.status IN (\(statuses)) AND \(filter.sql)
            GROUP BY key
            """, arguments: [request.period.from.storage, request.period.to.storage] + filter.arguments) {
            received[row["key"]] = row["fen"]
        }
        guard !received.isEmpty else { return counts }
        return counts.map { count in
            var count = count
            count.received = Money(fen: received[count.key] ?? 0)
            return count
        }
    }

    /// What campaigns' ROI is measured on: the payments received once any is recorded.
    func roiBasis(_ db: Database) throws -> SourceReport.ROIBasis {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM payment)") == true ? .received : .wonAmount
    }

    /// The rows of `report_cohort_day` that count exactly the period's cohort under `filter`,
    /// as a WHERE condition; nil when the summary does not hold them (two filters, a day not
    /// worked out yet, a reader in another zone): then the leads are read themselves.
    func cohortSummary(_ request: ReportRequest, filter: Filter, _ db: Database) throws -> (sql: String, arguments: StatementArguments)? {
        guard let slice = filter.slice, try ReportSummaries.cohortsUsable(db, calendar: context.calendar) else { return nil }
        let days: StatementArguments = [request.period.first.description, request.period.last.description]
        // The rows carry source and campaign: a filter on them reads the rows of the scope's dimension.
        let (dimension, values, column): (String, [String], (name: String, value: String)?)
        if let parts = slice.parts {
            guard ["source", "campaign"].contains(parts.filter), ["owner", "creator"].contains(parts.scope) else { return nil }
            (dimension, values, column) = (parts.scope, parts.scopeValues, (parts.filter, parts.filterValue))
        } else if ["source", "campaign"].contains(slice.dimension) {
            (dimension, values, column) = ("", [""], slice.values.first.map { (slice.dimension, $0) })
        } else {
            (dimension, values, column) = (slice.dimension, slice.values, nil)
        }
        return ("dimension = ? AND value IN (\(marks(values.count))) AND day >= ? AND day <= ?" + (column.map { " AND \($0.name) = ?" } ?? ""),
                [dimension] + StatementArguments(values) + days + (column.map { [$0.value] } ?? []))
    }

    /// `?,?,?` for `count` values (`NULL` for none: nothing matches).
    private func marks(_ count: Int) -> String {
        count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ",")
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
