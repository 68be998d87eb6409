import ClewDomain
import ClewServices
import Foundation
import GRDB

/// One rule's line in the rule review (`clew report rules`): how often it fired and what
/// became of the leads it touched.
public struct RuleReportLine: Sendable, Codable, Equatable {
    /// `assign:web-east`, `sla.first-follow-up`, `trigger:contract-signed`, `keyword:competitor`, …
    public var rule: String
    /// `assignment`, `timer`, `trigger`, `keyword`, `cadence`, `pool`.
    public var kind: String
    public var firings: Int
    /// Distinct leads it fired on.
    public var leads: Int
    /// Firings that did nothing (a rep away, no email, …): their outcome starts with `skipped`,
    /// `no ` or `left in`.
    public var skipped: Int
    /// Of those leads: followed up after the firing, now won, now lost, still open.
    public var followedUpAfter: Int
    public var won: Int
    public var lost: Int
    public var open: Int
    /// The amount won on those leads, in yuan.
    public var wonAmount: Double
    public var lastFiredAt: Date?
}

/// The rule review (规则复盘): firings per rule since a date and what followed.
public struct RuleReportService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// The start of the current month in the calendar's time zone: the default `--since`.
    public var startOfMonth: Date {
        let day = CalendarDay.containing(context.clock.now(), in: context.calendar.timeZone)
        return CalendarDay(year: day.year, month: day.month, day: 1).date(in: context.calendar.timeZone)
    }

    /// Firings since `since`, per rule, most frequent first. Admins and supervisors only.
    public func lines(since: Date) throws -> [RuleReportLine] {
        guard actor.role == .admin || actor.role == .supervisor else {
            throw PermissionError.lacks(.administer, login: actor.login, role: actor.role)
        }
        return try context.read { db in
            try Row.fetchAll(db, sql: """
                WITH firing AS (
                  SELECT rule, kind, lead_id, fired_at, outcome FROM rule_firing WHERE fired_at >= ?
                ), touched AS (
                  SELECT rule, lead_id, min(fired_at) AS first_fired FROM firing WHERE lead_id IS NOT NULL GROUP BY rule, lead_id
                )
                SELECT f.rule, min(f.kind) AS kind, count(*) AS firings,
                  count(DISTINCT f.lead_id) AS leads,
                  sum(f.outcome LIKE 'skipped%' OR f.outcome LIKE 'no %' OR f.outcome LIKE 'left in%') AS skipped,
                  (SELECT count(*) FROM touched t JOIN lead l ON l.id = t.lead_id WHERE t.rule = f.rule AND l.last_follow_up_at > t.first_fired) AS followed,
                  (SELECT count(*) FROM touched t JOIN lead l ON l.id = t.lead_id WHERE t.rule = f.rule AND l.status = 'won') AS won,
                  (SELECT count(*) FROM touched t JOIN lead l ON l.id = t.lead_id WHERE t.rule = f.rule AND l.status = 'lost') AS lost,
                  (SELECT count(*) FROM touched t JOIN lead l ON l.id = t.lead_id WHERE t.rule = f.rule AND l.status NOT IN ('won','lost','merged')) AS open,
                  (SELECT total(l.amount_fen) FROM touched t JOIN lead l ON l.id = t.lead_id WHERE t.rule = f.rule AND l.status = 'won') AS won_fen,
                  max(f.fired_at) AS last_fired
                FROM firing f GROUP BY f.rule ORDER BY firings DESC, f.rule
                """, arguments: [since.storage]).map { row in
                RuleReportLine(rule: row["rule"], kind: row["kind"], firings: row["firings"], leads: row["leads"],
                               skipped: row["skipped"], followedUpAfter: row["followed"], won: row["won"], lost: row["lost"],
                               open: row["open"], wonAmount: (row["won_fen"] as Double) / 100,
                               lastFiredAt: (row["last_fired"] as Double?).map(Date.init(storage:)))
            }
        }
    }
}
