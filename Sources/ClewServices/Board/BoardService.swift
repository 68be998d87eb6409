import ClewDomain
import Foundation

/// The kanban board's data: column totals and pages of cards, read only for what is visible —
/// over the store's ports. Which leads a column holds is decided here
/// (``criteria(for:scope:filter:pipeline:now:)``); the store counts and pages them.
public struct BoardService: BoardUseCases {
    let store: any ServiceStore
    /// The user the service acts for.
    public let actor: ActingUser

    /// Won deals closed in the last this many days appear in the `won` column.
    public static let wonWindowDays = 30

    public init(store: any ServiceStore, actor: ActingUser) {
        self.store = store
        self.actor = actor
    }

    /// The column keys in board order, for the pipeline in force now.
    public func columnKeys() throws -> [String] {
        try store.read { tx in Self.columnKeys(tx.rules.process.pipeline) }
    }

    /// The column keys of a board over `pipeline`: the intake columns, every stage, the wins.
    public static func columnKeys(_ pipeline: Pipeline) -> [String] {
        ["screening", "assigned"] + pipeline.stages.map(\.key) + ["won"]
    }

    /// Every column with its count and amount total for `scope` and `filter`, in one read.
    public func columns(scope: BoardScope, filter: BoardFilter) throws -> [BoardColumn] {
        try store.read { tx in
            let pipeline = tx.rules.process.pipeline
            let keys = Self.columnKeys(pipeline)
            let totals = try tx.leads.totals(try keys.map { try criteria(for: $0, scope: scope, filter: filter, pipeline: pipeline, now: tx.now) })
            return zip(keys, totals).map { key, total in
                let (english, chinese) = Self.titles(key, pipeline)
                return BoardColumn(key: key, englishTitle: english, chineseTitle: chinese, count: total.count, amount: total.amount)
            }
        }
    }

    /// Cards `offset ..< offset+limit` of column `key`, longest waiting first (newest first for
    /// won), each with its next task's due time and where it stands against its SLAs.
    public func cards(in key: String, scope: BoardScope, filter: BoardFilter, offset: Int, limit: Int) throws -> [BoardCard] {
        try store.read { tx in
            let rules = tx.rules
            let pipeline = rules.process.pipeline
            let intake = key == "screening" || key == "assigned"
            let order: LeadOrder = key == "won" ? .latestInStatus : intake ? .longestInStatus : .longestInStage
            let leads = try tx.leads.page(try criteria(for: key, scope: scope, filter: filter, pipeline: pipeline, now: tx.now),
                                          order: order, offset: max(0, offset), limit: max(0, limit))
            let due = try tx.tasks.nextDue(onLeads: leads.map(\.id))
            return leads.map { lead in
                let sla = SLAState.evaluate(lead, nextTaskDue: due[lead.id], pipeline: pipeline, calendar: rules.calendar, now: tx.now)
                let since = intake || key == "won" ? lead.statusChangedAt : (lead.stageEnteredAt ?? lead.statusChangedAt)
                return BoardCard(lead: lead, nextTaskDue: due[lead.id], sla: sla, inColumnSince: since)
            }
        }
    }

    private static func titles(_ key: String, _ pipeline: Pipeline) -> (String, String) {
        if let stage = pipeline.stage(named: key) { return (stage.englishName, stage.chineseName) }
        switch key {
        case "screening": return ("Screening", LeadStatus.screening.chineseName)
        case "assigned": return ("Assigned", LeadStatus.assigned.chineseName)
        default: return ("Won (\(Self.wonWindowDays)d)", LeadStatus.won.chineseName)
        }
    }

    /// The leads of column `key` of a board over `pipeline` at `now`, for `scope` and `filter`,
    /// among those the actor may read.
    ///
    /// - Throws: ``StoreError/notFound(_:)`` for a key that names no column.
    public func criteria(for key: String, scope: BoardScope, filter: BoardFilter, pipeline: Pipeline, now: Date) throws -> LeadCriteria {
        // A rep's own leads and a supervisor's team are already within what they may read: the
        // scope alone says it, so the planner sees one owner condition it can use an index for
        // (and the store's tally can answer an unfiltered board).
        let narrower = scope.audience(of: actor)
        let audiences: [LeadAudience] = scope.impliesReadable(for: actor.role) ? [narrower].compactMap { $0 } : [.readableBy(actor)] + [narrower].compactMap { $0 }
        var criteria = LeadCriteria(audiences: audiences,
                                    owner: filter.owner, grade: filter.grade, source: filter.source, region: filter.region, tag: filter.tag)
        criteria.flags = filter.flags
        criteria.flagsAsOf = now
        criteria.companyType = filter.companyType
        criteria.employeesMin = filter.employeesMin
        switch key {
        case "screening", "assigned":
            criteria.statuses = [key == "screening" ? .screening : .assigned]
        case "won":
            criteria.statuses = [.won]
            criteria.statusChangedSince = now.addingTimeInterval(-Double(Self.wonWindowDays) * 86_400)
        default:
            guard pipeline.index(of: key) != nil else { throw StoreError.notFound("no board column '\(key)'") }
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
