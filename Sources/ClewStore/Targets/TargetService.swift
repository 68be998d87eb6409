import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Sales targets (目标管理, seed 003): set per rep or per supervisor's team, per month or quarter;
/// the reps report shows attainment against them.
///
/// ```swift
/// try TargetService(context: context, actor: bob).set(SalesTarget(subject: .rep("alice"), period: TargetPeriod("2026-11")!,
///                                                                wonAmount: Money(yuan: 500_000), setBy: "bob"))
/// ```
public struct TargetService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// Sets (or replaces the given figures of) a target; every changed figure is audited.
    @discardableResult
    public func set(_ target: SalesTarget) throws -> SalesTarget {
        let target = try target.validated()
        guard SalesTarget.maySet(target.subject, by: actor) else {
            throw TargetError.notAllowed(subject: target.subject, login: actor.login, role: actor.role)
        }
        return try context.mutate(as: actor) { m in
            guard try Bool.fetchOne(m.db, sql: "SELECT EXISTS (SELECT 1 FROM user WHERE login = ?)", arguments: [target.subject.login]) == true else {
                throw TargetError.unknownUser(target.subject.login)
            }
            let old = try Self.fetch(target.subject, target.period, m.db)
            var new = target
            new.wonAmount = target.wonAmount ?? old?.wonAmount
            new.wonCount = target.wonCount ?? old?.wonCount
            new.newLeads = target.newLeads ?? old?.newLeads
            new.setBy = m.actor.login
            new.version = (old?.version ?? 0) + 1
            try m.db.execute(sql: """
                INSERT INTO sales_target (subject_kind, subject, period, won_amount_fen, won_count, new_leads, set_by, set_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (subject_kind, subject, period) DO UPDATE SET won_amount_fen = excluded.won_amount_fen,
                  won_count = excluded.won_count, new_leads = excluded.new_leads, set_by = excluded.set_by, set_at = excluded.set_at,
                  version = excluded.version
                """, arguments: [new.subject.kind, new.subject.login, new.period.description, new.wonAmount?.fen, new.wonCount, new.newLeads,
                                 m.actor.login, m.now.storage, new.version])
            let id = try Int64.fetchOne(m.db, sql: "SELECT id FROM sales_target WHERE subject_kind = ? AND subject = ? AND period = ?",
                                        arguments: [new.subject.kind, new.subject.login, new.period.description]) ?? 0
            for (field, before, after) in [("won_amount_fen", old?.wonAmount.map { String($0.fen) }, new.wonAmount.map { String($0.fen) }),
                                           ("won_count", old?.wonCount.map(String.init), new.wonCount.map(String.init)),
                                           ("new_leads", old?.newLeads.map(String.init), new.newLeads.map(String.init))] where before != after {
                try m.audit(old == nil ? "create" : "edit", entity: "sales_target", id: id, field: field, old: before, new: after)
            }
            return new
        }
    }

    /// The targets whose period overlaps `period` (all when nil), for the subjects the actor's
    /// scope covers: everyone for admins, finance and support; a supervisor's team; a rep's own.
    public func list(overlapping period: ReportPeriod? = nil) throws -> [SalesTarget] {
        try context.read { db in try Self.all(db) }.filter { target in
            if let period, target.period.share(within: period) == 0 { return false }
            switch actor.role {
            case .admin, .finance, .support, .legal: return true
            case .supervisor: return target.subject.login == actor.login || actor.team.contains(target.subject.login)
            case .rep, .marketing: return target.subject == .rep(actor.login)
            }
        }
    }

    static func all(_ db: Database) throws -> [SalesTarget] {
        try Row.fetchAll(db, sql: "SELECT * FROM sales_target ORDER BY period, subject_kind, subject").compactMap(target)
    }

    static func fetch(_ subject: TargetSubject, _ period: TargetPeriod, _ db: Database) throws -> SalesTarget? {
        try Row.fetchOne(db, sql: "SELECT * FROM sales_target WHERE subject_kind = ? AND subject = ? AND period = ?",
                         arguments: [subject.kind, subject.login, period.description]).flatMap(target)
    }

    private static func target(_ row: Row) -> SalesTarget? {
        let login: String = row["subject"]
        guard let period = TargetPeriod(row["period"]) else { return nil }
        let subject: TargetSubject = row["subject_kind"] == "team" ? .team(login) : .rep(login)
        return SalesTarget(subject: subject, period: period, wonAmount: (row["won_amount_fen"] as Int64?).map(Money.init(fen:)),
                           wonCount: row["won_count"], newLeads: row["new_leads"], setBy: row["set_by"], version: row["version"])
    }
}
