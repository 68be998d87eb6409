import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The kanban board's data: column totals and pages of cards, loaded only for what is visible.
public struct BoardService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    /// Won deals closed in the last this many days appear in the `won` column.
    public static let wonWindowDays = 30

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// The column keys in board order.
    public var columnKeys: [String] { ["screening", "assigned"] + context.pipeline.stages.map(\.key) + ["won"] }

    /// Every column with its count and amount total for `scope` and `filter`.
    ///
    /// Without a filter, and when the scope alone says whose leads count, the totals come from
    /// the summary the triggers keep (``BoardTally``): a few hundred rows at any size, where
    /// counting a supervisor's columns read every index entry of the team's leads.
    public func columns(scope: BoardScope, filter: BoardFilter) throws -> [BoardColumn] {
        if filter.isEmpty, scope.impliesReadable(for: actor.role), let tally = BoardTally(audience: scope.audience(of: actor)) {
            let since = context.clock.now().addingTimeInterval(-Double(Self.wonWindowDays) * 86_400)
            let totals = try context.read { try tally.totals($0, wonSince: since) }
            return columnKeys.map { key in
                let (english, chinese) = titles(key)
                let total = totals[key] ?? (0, 0)
                return BoardColumn(key: key, englishTitle: english, chineseTitle: chinese, count: total.count, amount: Money(totalFen: total.fen))
            }
        }
        return try counted(scope: scope, filter: filter)
    }

    /// Every column's totals counted over the leads themselves (any filter, any scope).
    func counted(scope: BoardScope, filter: BoardFilter) throws -> [BoardColumn] {
        try context.read { db in
            try columnKeys.map { key in
                let (condition, arguments) = try where_(key, scope: scope, filter: filter)
                let row = try Row.fetchOne(db, sql: "SELECT count(*) AS n, total(amount_fen) AS fen FROM lead WHERE \(condition)", arguments: arguments)
                let (english, chinese) = titles(key)
                return BoardColumn(key: key, englishTitle: english, chineseTitle: chinese, count: row?["n"] ?? 0, amount: Money(totalFen: row?["fen"] ?? 0))
            }
        }
    }

    /// Cards `offset ..< offset+limit` of column `key`, longest waiting first (newest first for won).
    public func cards(in key: String, scope: BoardScope, filter: BoardFilter, offset: Int, limit: Int) throws -> [BoardCard] {
        let now = context.clock.now()
        return try context.read { db in
            let (condition, arguments) = try where_(key, scope: scope, filter: filter)
            let order = key == "won" ? "lead.status_changed_at DESC" : (key == "screening" || key == "assigned" ? "lead.status_changed_at" : "lead.stage_entered_at")
            let sql = """
                SELECT \(Lead.selection),
                  (SELECT min(coalesce(task.snoozed_until, task.due_at)) FROM task WHERE task.lead_id = lead.id AND task.status = 'open') AS next_due
                FROM lead WHERE \(condition) ORDER BY \(order), lead.id LIMIT ? OFFSET ?
                """
            let nextDue = Lead.selectionNames.count
            return try Lead.fetchAll(db, sql: sql, arguments: arguments + [max(0, limit), max(0, offset)]) { row in
                (row[nextDue] as Double?).map(Date.init(storage:))
            }.map { lead, due in
                let sla = SLAState.evaluate(lead, nextTaskDue: due, pipeline: context.pipeline, calendar: context.calendar, now: now)
                let since = key == "screening" || key == "assigned" || key == "won" ? lead.statusChangedAt : (lead.stageEnteredAt ?? lead.statusChangedAt)
                return BoardCard(lead: lead, nextTaskDue: due, sla: sla, inColumnSince: since)
            }
        }
    }

    private func titles(_ key: String) -> (String, String) {
        if let stage = context.pipeline.stage(named: key) { return (stage.englishName, stage.chineseName) }
        switch key {
        case "screening": return ("Screening", LeadStatus.screening.chineseName)
        case "assigned": return ("Assigned", LeadStatus.assigned.chineseName)
        default: return ("Won (\(Self.wonWindowDays)d)", LeadStatus.won.chineseName)
        }
    }

    private func where_(_ key: String, scope: BoardScope, filter: BoardFilter) throws -> (String, StatementArguments) {
        try criteria(key, scope: scope, filter: filter).sql()
    }

    /// The leads of column `key` for `scope` and `filter`, among those the actor may read.
    func criteria(_ key: String, scope: BoardScope, filter: BoardFilter) throws -> LeadCriteria {
        // A rep's own leads and a supervisor's team are already within what they may read: the
        // scope alone says it, so the planner sees one owner condition it can use an index for.
        let narrower = scope.audience(of: actor)
        let audiences: [LeadAudience] = scope.impliesReadable(for: actor.role) ? [narrower].compactMap { $0 } : [.readableBy(actor)] + [narrower].compactMap { $0 }
        var criteria = LeadCriteria(audiences: audiences,
                                    owner: filter.owner, grade: filter.grade, source: filter.source, region: filter.region, tag: filter.tag)
        criteria.flags = filter.flags
        criteria.flagsAsOf = context.clock.now()
        criteria.companyType = filter.companyType
        criteria.employeesMin = filter.employeesMin
        switch key {
        case "screening", "assigned":
            criteria.statuses = [key == "screening" ? .screening : .assigned]
        case "won":
            criteria.statuses = [.won]
            criteria.statusChangedSince = context.clock.now().addingTimeInterval(-Double(Self.wonWindowDays) * 86_400)
        default:
            guard context.pipeline.index(of: key) != nil else { throw StoreError.notFound("no board column '\(key)'") }
            criteria.statuses = [.active]
            criteria.stage = key
        }
        return criteria
    }
}

extension BoardScope {
    /// Whether every lead of this scope is one `role` may read, so the visibility rule adds
    /// nothing: a rep's own leads (`mine`), a supervisor's team with the unowned (`team`, the
    /// supervisor's rule itself), or anything for the roles that read everything.
    public func impliesReadable(for role: Role) -> Bool {
        switch (role, self) {
        case (.rep, .mine), (.supervisor, .team), (.admin, _), (.finance, _), (.support, _), (.legal, _): true
        default: false
        }
    }

    /// The narrower audience the scope adds to the reader's own visibility (nil: none).
    public func audience(of actor: ActingUser) -> LeadAudience? {
        switch self {
        case .mine: .owners([actor.login], includingUnowned: false)
        case .team: .owners([actor.login] + actor.team.sorted(), includingUnowned: true)
        case .all: nil
        }
    }
}
