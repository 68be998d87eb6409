import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The managers' reports (issue 13; seeds 000–003): funnel, time per stage, reps, sources,
/// campaigns, top customers and the trend.
///
/// Every report is a handful of aggregate queries over the period's cohort, read through the
/// covering indexes on the cohort's dates (`lead_report_created`, `lead_report_assigned`,
/// `lead_report_closed`, `stage_history_entered`, `opportunity_won_at`; a status test is written
/// `+lead.status` so the planner keeps to the date): no lead rows are loaded, only counts and sums,
/// so a report costs about the same at 100 000 leads as at 1 000 for a month's period. Sums use
/// SQLite's `total()`, which cannot overflow. The figures are derived in ``ClewDomain``
/// (``FunnelReport``, ``StageTimeReport``, …) from what the queries count.
///
/// ```swift
/// let reports = ReportService(context: context, actor: me)
/// let funnel = try reports.funnel(ReportRequest(period: .month(containing: now, in: tz)))
/// ```
public struct ReportService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    // MARK: - Funnel

    /// Leads registered in the period, by how far they got.
    public func funnel(_ request: ReportRequest) throws -> Report<FunnelReport> {
        let (scope, filter) = try prepare(.funnel, request)
        let funnel = try context.database.read { db in try countFunnel(request, filter: filter, db) }
        return report(.funnel, request, scope, funnel)
    }

    func countFunnel(_ request: ReportRequest, filter: Filter, _ db: Database) throws -> FunnelReport {
        try cohortFunnel(request, filter: filter, db)
    }

    // MARK: - Time per stage

    /// Visits to each stage entered in the period, against their plan; the bottleneck.
    ///
    /// Times are working time (the calendar's hours, weekends and holidays). Ended visits come
    /// from the per-day summary (``StageDurationHistogram`` buckets) when one holds the report's
    /// leads, else from their stored durations; open visits are measured up to now.
    public func stages(_ request: ReportRequest) throws -> Report<StageTimeReport> {
        let (scope, filter) = try prepare(.stages, request)
        let body = try context.database.read { db in
            StageTimeReport(pipeline: context.pipeline, aggregates: try stageAggregates(request, filter: filter, db),
                            funnel: try countFunnel(request, filter: filter, db))
        }
        return report(.stages, request, scope, body)
    }

    // MARK: - Reps

    /// Per rep: leads received in the period and their SLAs, deals closed in it, open workload now.
    public func reps(_ request: ReportRequest) throws -> Report<RepReport> {
        let (scope, filter) = try prepare(.reps, request)
        let body = try context.database.read { db in try repReport(request, scope: scope, filter: filter, db) }
        return report(.reps, request, scope, body)
    }

    func repReport(_ request: ReportRequest, scope: ReportScope, filter: Filter, _ db: Database) throws -> RepReport {
        let period = request.period
        var received: [RepReport.Received] = []
        var receivedCounts: [RepReport.ReceivedCount] = []
        if try ReportSummaries.usable(db, calendar: context.calendar) {
            // Each assignment's SLA outcomes as stored when they happened (`lead_sla`), counted per rep and status.
            for row in try Row.fetchAll(db, sql: """
                SELECT lead.owner, lead.status, count(*), total(s.confirmed_at IS NOT NULL), total(s.confirmed_kept),
                  total(s.followed_at IS NOT NULL), total(s.followed_kept)
                FROM lead LEFT JOIN lead_sla s ON s.lead_id = lead.id AND s.assigned_at = lead.assigned_at
                WHERE lead.assigned_at >= ? AND lead.assigned_at < ? AND +lead.owner IS NOT NULL AND \(filter.sql)
                GROUP BY lead.owner, lead.status
                """, arguments: [period.from.storage, period.to.storage] + filter.arguments) {
                guard let status = LeadStatus(rawValue: row[1]) else { continue }
                receivedCounts.append(RepReport.ReceivedCount(
                    owner: row[0], status: status, leads: row[2], confirmed: Int(row[3] as Double), confirmedWithinSLA: Int(row[4] as Double),
                    followedUp: Int(row[5] as Double), followedUpWithinSLA: Int(row[6] as Double)))
            }
        } else {
            // Not filled in yet: a cursor read by position, one lead per row of the period, SLAs measured here.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT lead.owner, lead.status, lead.assigned_at,
                  (SELECT min(h.entered_at) FROM stage_history h WHERE h.lead_id = lead.id AND h.entered_at >= lead.assigned_at),
                  (SELECT min(f.at) FROM follow_up f WHERE f.lead_id = lead.id AND f.at >= lead.assigned_at)
                FROM lead
                WHERE lead.assigned_at >= ? AND lead.assigned_at < ? AND +lead.owner IS NOT NULL AND \(filter.sql)
                """, arguments: [period.from.storage, period.to.storage] + filter.arguments)
            while let row = try rows.next() {
                guard let status = LeadStatus(rawValue: row[1]) else { continue }
                received.append(RepReport.Received(owner: row[0], status: status, assignedAt: Date(storage: row[2]),
                                                   confirmedAt: (row[3] as Double?).map(Date.init(storage:)),
                                                   firstFollowUpAt: (row[4] as Double?).map(Date.init(storage:))))
            }
        }
        var closings: [String: RepReport.Closing] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT lead.owner, sum(lead.status = 'won') AS won, total(CASE WHEN lead.status = 'won' THEN lead.amount_fen END) AS won_fen,
              sum(lead.status = 'lost') AS lost, total(CASE WHEN lead.status = 'won' THEN lead.closed_at - lead.created_at END) AS cycle
            FROM lead
            WHERE lead.closed_at >= ? AND lead.closed_at < ? AND +lead.status IN ('won', 'lost') AND +lead.owner IS NOT NULL AND \(filter.sql)
            GROUP BY lead.owner
            """, arguments: [period.from.storage, period.to.storage] + filter.arguments) {
            let owner: String = row["owner"]
            closings[owner] = RepReport.Closing(owner: owner, won: row["won"], wonAmount: Money(totalFen: row["won_fen"]),
                                                lost: row["lost"], wonCycleSeconds: row["cycle"], openWorkload: 0)
        }
        // The open workload: from the board's tally (v23) when nothing narrows the leads, else from `lead_report_open`.
        let open = filter.sql == "1"
            ? "SELECT owner, sum(leads) AS open FROM lead_tally WHERE status IN ('assigned', 'active') AND owner <> '' GROUP BY owner HAVING sum(leads) > 0"
            : """
              SELECT lead.owner, count(*) AS open FROM lead
              WHERE lead.status IN ('assigned', 'active') AND lead.owner IS NOT NULL AND \(filter.sql) GROUP BY lead.owner
              """
        for row in try Row.fetchAll(db, sql: open, arguments: filter.sql == "1" ? [] : filter.arguments) {
            let owner: String = row["owner"]
            var closing = closings[owner] ?? RepReport.Closing(owner: owner, won: 0, wonAmount: .zero, lost: 0, wonCycleSeconds: 0, openWorkload: 0)
            closing.openWorkload = row["open"]
            closings[owner] = closing
        }
        let names = try repNames(scope, request, db)
        var supervisorOf: [String: String] = [:]
        var supervisorNames: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT rep.login, rep.supervisor, boss.name FROM user rep JOIN user boss ON boss.login = rep.supervisor
            """) where names[row["login"]] != nil {
            supervisorOf[row["login"]] = row["supervisor"]
            supervisorNames[row["supervisor"]] = row["name"]
        }
        return RepReport(names: names, supervisorNames: supervisorNames, received: received, receivedCounts: receivedCounts,
                         closings: Array(closings.values),
                         targets: try TargetService.all(db), supervisorOf: supervisorOf, period: request.period,
                         sla: context.process.sla, calendar: context.calendar)
    }

    /// The reps a reps report lists even when they have nothing yet: the active reps of the scope.
    private func repNames(_ scope: ReportScope, _ request: ReportRequest, _ db: Database) throws -> [String: String] {
        var names: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT login, name, role FROM user WHERE active = 1") {
            let login: String = row["login"]
            let role: String = row["role"]
            guard role == Role.rep.rawValue || login == actor.login && actor.role == .rep else { continue }
            if let owner = request.filters.owner, owner != login { continue }
            switch scope {
            case .mine: if login != actor.login { continue }
            case .team: if login != actor.login && !actor.team.contains(login) { continue }
            case .all: break
            }
            names[login] = row["name"]
        }
        return names
    }

    // MARK: - Sources and campaigns

    /// Per lead source: leads registered in the period and what became of them.
    public func sources(_ request: ReportRequest) throws -> Report<SourceReport> {
        let (scope, filter) = try prepare(.sources, request)
        let body = try context.database.read { db in
            SourceReport(counts: try withReceived(try cohortCounts(by: .source, request, filter: filter, db), by: .source, request, filter: filter, db),
                         roiBasis: try roiBasis(db))
        }
        return report(.sources, request, scope, body)
    }

    /// Per campaign: the same counts, with the campaign's cost, cost per lead and ROI — on the
    /// payments received (回款) once any is recorded, else on the amounts won.
    public func campaigns(_ request: ReportRequest) throws -> Report<SourceReport> {
        let (scope, filter) = try prepare(.campaigns, request)
        let body = try context.database.read { db in
            SourceReport(counts: try withReceived(try cohortCounts(by: .campaign, request, filter: filter, db), by: .campaign, request, filter: filter, db),
                         costs: try campaignCosts(db), roiBasis: try roiBasis(db))
        }
        return report(.campaigns, request, scope, body)
    }

    // MARK: - Customers

    /// The customers with the largest amounts won in the period.
    public func customers(_ request: ReportRequest) throws -> Report<CustomerReport> {
        let (scope, filter) = try prepare(.customers, request)
        let lines = try context.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.id, c.name, c.industry, c.region, count(*) AS deals, total(o.amount_fen) AS won_fen,
                  total(o.won_at - lead.created_at) AS cycle, max(max(coalesce(lead.last_follow_up_at, o.won_at), o.won_at)) AS last_activity
                FROM opportunity o JOIN customer c ON c.id = o.customer_id JOIN lead ON lead.id = o.lead_id
                WHERE o.won_at >= ? AND o.won_at < ? AND \(filter.sql)
                GROUP BY c.id ORDER BY won_fen DESC, c.name LIMIT ?
                """, arguments: [request.period.from.storage, request.period.to.storage] + filter.arguments + [request.limit]).map { row in
                let deals: Int = row["deals"]
                return CustomerReport.Line(
                    customerID: row["id"], name: row["name"], industry: row["industry"], region: row["region"], deals: deals,
                    wonAmount: Money(totalFen: row["won_fen"]), averageCycleDays: deals > 0 ? (row["cycle"] as Double) / Double(deals) / 86_400 : nil,
                    lastActivityAt: (row["last_activity"] as Double?).map(Date.init(storage:)))
            }
        }
        return report(.customers, request, scope, CustomerReport(lines: lines))
    }

    // MARK: - Trend

    /// New leads, wins and won amount per week or month, beside the previous period.
    public func trend(_ request: ReportRequest) throws -> Report<TrendReport> {
        let (scope, filter) = try prepare(.trend, request)
        let body = try context.database.read { db in try trendReport(request, filter: filter, db) }
        return report(.trend, request, scope, body)
    }

    func trendReport(_ request: ReportRequest, filter: Filter, _ db: Database) throws -> TrendReport {
        let timeZone = context.calendar.timeZone
        let buckets = request.granularity.buckets(covering: request.period, in: timeZone)
        let previousPeriod = request.period.previous(in: timeZone)
        // The previous period is split at the same offsets, so bucket k compares with bucket k.
        let shift = request.period.from.timeIntervalSince(previousPeriod.from)
        let previousBuckets = buckets.map { (from: $0.from.addingTimeInterval(-shift), to: $0.to.addingTimeInterval(-shift)) }
        let current = try figures(buckets.map { ($0.from, $0.to) }, filter: filter, db)
        let previous = try figures(previousBuckets, filter: filter, db)
        return TrendReport(granularity: request.granularity, buckets: buckets, current: current, previous: previous)
    }

    /// Figures per bucket (consecutive, ascending): two grouped queries over the date indexes.
    private func figures(_ buckets: [(from: Date, to: Date)], filter: Filter, _ db: Database) throws -> [TrendReport.Figures] {
        guard let first = buckets.first, let last = buckets.last else { return [] }
        var figures = Array(repeating: TrendReport.Figures(), count: buckets.count)
        // A bucket's index by halving (`CASE WHEN c < start of the middle bucket THEN … ELSE … END`):
        // a daily trend of 90 buckets costs each lead 7 comparisons, not up to 89.
        func bucketOf(_ column: String, _ lower: Int = 0, _ upper: Int? = nil) -> (sql: String, arguments: StatementArguments) {
            let upper = upper ?? buckets.count
            guard upper - lower > 1 else { return ("\(lower)", []) }
            let middle = (lower + upper) / 2
            let left = bucketOf(column, lower, middle)
            let right = bucketOf(column, middle, upper)
            return ("CASE WHEN \(column) < ? THEN \(left.sql) ELSE \(right.sql) END", [buckets[middle].from.storage] + left.arguments + right.arguments)
        }
        let created = bucketOf("lead.created_at")
        for row in try Row.fetchAll(db, sql: """
            SELECT \(created.sql) AS bucket, count(*) AS n FROM lead
            WHERE lead.created_at >= ? AND lead.created_at < ? AND \(filter.sql) GROUP BY bucket
            """, arguments: created.arguments + [first.from.storage, last.to.storage] + filter.arguments) {
            let index: Int = row["bucket"]
            if figures.indices.contains(index) { figures[index].newLeads = row["n"] }
        }
        let closed = bucketOf("lead.closed_at")
        for row in try Row.fetchAll(db, sql: """
            SELECT \(closed.sql) AS bucket, count(*) AS n, total(lead.amount_fen) AS won_fen FROM lead
            WHERE lead.closed_at >= ? AND lead.closed_at < ? AND +lead.status = 'won' AND \(filter.sql) GROUP BY bucket
            """, arguments: closed.arguments + [first.from.storage, last.to.storage] + filter.arguments) {
            let index: Int = row["bucket"]
            if figures.indices.contains(index) {
                figures[index].won = row["n"]
                figures[index].wonAmount = Money(totalFen: row["won_fen"])
            }
        }
        return figures
    }

    // MARK: - Helpers

    /// A lead that never counted as valid: still new, merged away as a duplicate, or lost as invalid.
    static let invalidSQL = "(lead.status IN ('new', 'merged') OR (lead.status = 'lost' AND lead.lost_reason = '\(LostReason.invalid.key)'))"

    /// The WHERE conditions of a report's scope and filters, over `lead`, and the summary rows
    /// that hold the same leads, when some do.
    struct Filter {
        var sql: String
        var arguments: StatementArguments
        var slice: ReportSummarySlice?
        /// The owners the report's leads must have, when its scope or filter names them: their
        /// leads can be read first (through `lead_owner`) instead of every visit of the period.
        var owners: [String]?
        /// Whether unowned leads (screening, pools) count too, beside the `owners`'.
        var includingUnowned = false
        /// The login whose registered leads are the report's, when nothing else narrows them
        /// (marketing's own): the open visits can then be told by their lead's id alone.
        var registrar: String?

        /// Whether the condition reads the lead's columns (and so needs the lead joined), rather
        /// than the visit's alone (`h.lead_id NOT IN …`) or nothing (`1`).
        var readsLead: Bool { sql.contains("lead.") }
    }

    /// Checks the scope and builds the filter.
    func prepare(_ kind: ReportKind, _ request: ReportRequest) throws -> (ReportScope, Filter) {
        let scope = try ReportScope.resolve(request.scope, report: kind, for: actor)
        var query = LeadQuery()
        query.source = request.filters.source
        query.campaign = request.filters.campaign
        query.region = request.filters.region
        query.industry = request.filters.industry
        query.owner = request.filters.owner
        let subjects = scope.subjects(for: actor)
        let conditions = try query.criteria(among: [LeadAudience(subjects)], pipeline: context.pipeline, now: context.clock.now()).sql(hint: .periodFirst)
        var owners: [String]?
        var unowned = false
        if case let .owners(logins, includingUnowned) = subjects { (owners, unowned) = (logins, includingUnowned) }
        if let owner = request.filters.owner { (owners, unowned) = ((owners ?? [owner]).filter { $0 == owner }, false) }
        var registrar: String?
        let narrowed = [query.source, query.campaign, query.region, query.industry, query.owner].contains { $0 != nil }
        if case let .registeredBy(login) = subjects, !narrowed { registrar = login }
        return (scope, Filter(sql: conditions.sql, arguments: conditions.arguments, slice: ReportSummarySlice(subjects, request.filters),
                              owners: owners, includingUnowned: unowned, registrar: registrar))
    }

    /// `CASE column WHEN 'discovery' THEN 0 … END`: a stage key's index in the pipeline.
    func stageRankSQL(_ column: String) -> (sql: String, arguments: StatementArguments) {
        let stages = context.pipeline.stages
        guard !stages.isEmpty else { return ("NULL", []) }
        var arguments = StatementArguments()
        for (index, stage) in stages.enumerated() { arguments += [stage.key, index] }
        return ("CASE \(column) \(stages.map { _ in "WHEN ? THEN ?" }.joined(separator: " ")) END", arguments)
    }

    private func report<Body>(_ kind: ReportKind, _ request: ReportRequest, _ scope: ReportScope, _ body: Body) -> Report<Body> {
        Report(kind: kind, period: request.period, scope: scope, filters: request.filterSummary, generatedAt: context.clock.now(), body: body)
    }
}
