import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The seeded campaigns, completed: the leads' campaign names became draft campaigns as the
/// leads went in; here they get a channel, dates, a budget and an actual cost, so the campaign
/// report shows cost per lead and ROI on the demo and in the bench.
enum SeedCampaigns {
    /// Channel, days before now it started and ran, budget and cost in yuan.
    static let details: [String: (channel: String, startDaysAgo: Int, days: Int, budget: Int64, cost: Int64)] = [
        "2026春季展会": ("展会", 240, 3, 300_000, 268_000),
        "双11线上推广": ("线上广告", 30, 11, 150_000, 162_500),
        "制造业数字化峰会": ("行业峰会", 120, 2, 200_000, 185_000),
        "Q3 Webinar Series": ("Webinar", 150, 90, 60_000, 41_000),
        "老客户转介绍计划": ("转介绍", 180, 180, 80_000, 52_000),
    ]

    /// Completes every seeded campaign that is still a draft, as `m.actor`, audited.
    static func complete(owner: String, _ m: Mutation, timeZone: TimeZone) throws {
        let today = CalendarDay.containing(m.now, in: timeZone)
        for (name, detail) in details.sorted(by: { $0.key < $1.key }) {
            guard let id = try Int64.fetchOne(m.db, sql: "SELECT id FROM campaign WHERE name = ? AND status = 'draft'", arguments: [name]) else {
                continue
            }
            let start = today.adding(days: -detail.startDaysAgo)
            let end = start.adding(days: detail.days - 1)
            try m.db.execute(sql: """
                UPDATE campaign SET channel = ?, status = 'active', start_day = ?, end_day = ?, budget_fen = ?, cost_fen = ?, owner = ?,
                  updated_by = ?, updated_at = ?, version = version + 1 WHERE id = ?
                """, arguments: [detail.channel, start.description, end.description, detail.budget * 100, detail.cost * 100, owner,
                                 m.actor.login, m.now.storage, id])
            try m.audit("seed", entity: "campaign", id: id, field: "cost_fen", old: nil, new: String(detail.cost * 100))
        }
    }
}
