import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Campaigns (营销活动, seed 003): add, list, show, edit and close, each change audited field by
/// field and checked against the version the editor saw.
///
/// Marketing, supervisors and admins manage campaigns; everyone may list them. Leads link to a
/// campaign by its name, so a campaign's name is fixed once leads carry it (a rename would have
/// to rewrite those leads behind their owners' backs); a draft campaign created from a lead or an
/// import is completed with `edit` and made active.
///
/// ```swift
/// let campaigns = CampaignService(context: context, actor: me)
/// try campaigns.add(CampaignChanges(name: "2026秋季展会", channel: "展会", cost: Money(yuan: 80_000)))
/// ```
public struct CampaignService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// A campaign with the number of leads that link to it.
    public struct Listed: Sendable, Codable, Equatable {
        public var campaign: Campaign
        public var leads: Int
    }

    /// Whether the actor may add, edit and close campaigns.
    public var mayManage: Bool { [.admin, .supervisor, .marketing].contains(actor.role) }

    /// Creates an active campaign.
    @discardableResult
    public func add(_ changes: CampaignChanges) throws -> Campaign {
        try requireManager()
        let now = context.clock.now()
        let draft = try changes.applied(to: Campaign(name: "", createdBy: actor.login, createdAt: now))
        guard !draft.name.isEmpty else { throw CampaignError.emptyName }
        return try context.mutate(as: actor) { m in
            if try Self.find(draft.name, m.db) != nil { throw CampaignError.duplicateName(draft.name) }
            try checkOwner(draft.owner, m.db)
            try m.db.execute(sql: """
                INSERT INTO campaign (name, channel, status, start_day, end_day, budget_fen, cost_fen, owner, created_by, created_at, updated_by, updated_at)
                VALUES (?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [draft.name, draft.channel, draft.startDay?.description, draft.endDay?.description, draft.budget?.fen,
                                 draft.cost?.fen, draft.owner, actor.login, m.now.storage, actor.login, m.now.storage])
            var stored = draft
            stored.id = m.db.lastInsertedRowID
            try m.audit("create", entity: "campaign", id: stored.id, field: "name", new: stored.name)
            for (field, _, new) in Self.fields(of: Campaign(name: stored.name, createdBy: "", createdAt: now), stored) where field != "name" {
                try m.audit("create", entity: "campaign", id: stored.id, field: field, new: new)
            }
            return stored
        }
    }

    /// Every campaign, newest first, with its lead count (at most `limit`).
    public func list(status: CampaignStatus? = nil, limit: Int = 500) throws -> [Listed] {
        try context.read { db in
            try Row.fetchAll(db, sql: """
                SELECT campaign.*, (SELECT count(*) FROM lead WHERE lead.campaign = campaign.name) AS leads FROM campaign
                WHERE ?1 IS NULL OR status = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2
                """, arguments: [status?.rawValue, min(max(limit, 1), 10_000)]).map { Listed(campaign: Self.campaign($0), leads: $0["leads"]) }
        }
    }

    /// One campaign by name (or id), with its lead count.
    public func show(_ name: String) throws -> Listed {
        try context.read { db in
            let campaign = try require(name, db)
            let leads = try Int.fetchOne(db, sql: "SELECT count(*) FROM lead WHERE campaign = ?", arguments: [campaign.name]) ?? 0
            return Listed(campaign: campaign, leads: leads)
        }
    }

    /// Applies `changes`; a draft becomes active. Refused when the campaign changed since
    /// `expectedVersion`, or when it is renamed while leads link to it.
    @discardableResult
    public func edit(_ name: String, _ changes: CampaignChanges, expectedVersion: Int? = nil) throws -> Campaign {
        try requireManager()
        return try context.mutate(as: actor) { m in
            let old = try require(name, m.db)
            if let expectedVersion, expectedVersion != old.version {
                throw CampaignError.stale(old.name, changedBy: try updatedBy(old.id, m.db), at: old.updatedAt)
            }
            var new = try changes.applied(to: old)
            if new.name != old.name {
                if try Self.find(new.name, m.db) != nil { throw CampaignError.duplicateName(new.name) }
                let linked = try Int.fetchOne(m.db, sql: "SELECT count(*) FROM lead WHERE campaign = ?", arguments: [old.name]) ?? 0
                if linked > 0 { throw CampaignError.renameWithLeads(old.name, leads: linked) }
            }
            try checkOwner(new.owner, m.db)
            if new.status == .draft { new.status = .active }
            return try write(old, new, action: "edit", m)
        }
    }

    /// Closes a campaign: it stays in the reports, and new leads should not name it.
    @discardableResult
    public func close(_ name: String) throws -> Campaign {
        try requireManager()
        return try context.mutate(as: actor) { m in
            let old = try require(name, m.db)
            guard old.status != .closed else { throw CampaignError.closed(old.name) }
            var new = old
            new.status = .closed
            if new.endDay == nil { new.endDay = CalendarDay.containing(m.now, in: context.calendar.timeZone) }
            return try write(old, new, action: "close", m)
        }
    }

    // MARK: - Writing

    private func write(_ old: Campaign, _ proposed: Campaign, action: String, _ m: Mutation) throws -> Campaign {
        let changed = Self.fields(of: old, proposed)
        guard !changed.isEmpty else { return old }
        var new = proposed
        new.version = old.version + 1
        new.updatedAt = m.now
        try m.db.execute(sql: """
            UPDATE campaign SET name = ?, channel = ?, status = ?, start_day = ?, end_day = ?, budget_fen = ?, cost_fen = ?, owner = ?,
              updated_by = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?
            """, arguments: [new.name, new.channel, new.status.rawValue, new.startDay?.description, new.endDay?.description, new.budget?.fen,
                             new.cost?.fen, new.owner, m.actor.login, m.now.storage, new.version, old.id, old.version])
        if m.db.changesCount == 0 { throw CampaignError.stale(old.name, changedBy: try updatedBy(old.id, m.db), at: old.updatedAt) }
        for (field, oldValue, newValue) in changed {
            try m.audit(action, entity: "campaign", id: old.id, field: field, old: oldValue, new: newValue)
        }
        return new
    }

    /// The audited fields that differ between `old` and `new`: (field, old, new).
    static func fields(of old: Campaign, _ new: Campaign) -> [(String, String?, String?)] {
        let pairs: [(String, String?, String?)] = [
            ("name", old.name, new.name), ("channel", old.channel, new.channel), ("status", old.status.rawValue, new.status.rawValue),
            ("start_day", old.startDay?.description, new.startDay?.description), ("end_day", old.endDay?.description, new.endDay?.description),
            ("budget_fen", old.budget.map { String($0.fen) }, new.budget.map { String($0.fen) }),
            ("cost_fen", old.cost.map { String($0.fen) }, new.cost.map { String($0.fen) }), ("owner", old.owner, new.owner),
        ]
        return pairs.filter { $0.1 != $0.2 }
    }

    // MARK: - Reading

    private func require(_ name: String, _ db: Database) throws -> Campaign {
        if let campaign = try Self.find(name, db) { return campaign }
        if let id = Int64(name), let row = try Row.fetchOne(db, sql: "SELECT * FROM campaign WHERE id = ?", arguments: [id]) {
            return Self.campaign(row)
        }
        let names = try String.fetchAll(db, sql: "SELECT name FROM campaign ORDER BY created_at DESC LIMIT 1000")
        throw CampaignError.notFound(name, suggestion: Suggestion.closest(to: name, in: names))
    }

    static func find(_ name: String, _ db: Database) throws -> Campaign? {
        try Row.fetchOne(db, sql: "SELECT * FROM campaign WHERE name = ?", arguments: [TextNormalization.trimmed(name)]).map(campaign)
    }

    static func campaign(_ row: Row) -> Campaign {
        Campaign(id: row["id"], name: row["name"], channel: row["channel"],
                 status: CampaignStatus(rawValue: row["status"]) ?? .draft,
                 startDay: (row["start_day"] as String?).flatMap(CalendarDay.init), endDay: (row["end_day"] as String?).flatMap(CalendarDay.init),
                 budget: (row["budget_fen"] as Int64?).map(Money.init(fen:)), cost: (row["cost_fen"] as Int64?).map(Money.init(fen:)),
                 owner: row["owner"], createdBy: row["created_by"], createdAt: Date(storage: row["created_at"]),
                 updatedAt: Date(storage: row["updated_at"]), version: row["version"])
    }

    private func updatedBy(_ id: Int64, _ db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT updated_by FROM campaign WHERE id = ?", arguments: [id]) ?? "someone"
    }

    private func requireManager() throws {
        guard mayManage else { throw CampaignError.notAllowed(login: actor.login, role: actor.role) }
    }

    private func checkOwner(_ owner: String?, _ db: Database) throws {
        guard let owner else { return }
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM user WHERE login = ?)", arguments: [owner]) == true else {
            throw CampaignError.unknownOwner(owner)
        }
    }
}
