import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The seeded sales targets (目标管理, seed 003): each rep's for this month and the two before,
/// each team's for this quarter and the last, set through ``TargetService`` (audited) and sized
/// on what the seeded reps won — a tenth more, give or take a fifth — so attainment on the demo's
/// dashboard and in `clew report reps` spreads around 100 %.
enum SeedTargets {
    static func set(team: SeedTeam, now: Date, context: ClewContext, actor: ActingUser, _ random: inout SeedRandom) throws -> Int {
        let zone = context.calendar.timeZone
        let today = CalendarDay.containing(now, in: zone)
        let since = today.adding(days: -89).date(in: zone).storage
        // What each rep won and received over the last 90 days, per month.
        var monthly: [String: (amount: Double, won: Double, received: Double)] = [:]
        try context.database.read { db in
            for row in try Row.fetchAll(db, sql: """
                SELECT owner, total(CASE WHEN status = 'won' AND closed_at >= ? THEN amount_fen END) AS won_fen,
                  sum(status = 'won' AND closed_at >= ?) AS won, sum(assigned_at >= ?) AS received
                FROM lead WHERE owner IS NOT NULL GROUP BY owner
                """, arguments: [since, since, since]) {
                monthly[row["owner"] as String] = ((row["won_fen"] as Double) / 3, Double(row["won"] as Int) / 3, Double(row["received"] as Int) / 3)
            }
        }
        let service = TargetService(context: context, actor: actor)
        var months: [TargetPeriod] = []
        var month = (today.year, today.month)
        for _ in 0..<3 {
            months.append(.month(year: month.0, month: month.1))
            month = month.1 == 1 ? (month.0 - 1, 12) : (month.0, month.1 - 1)
        }
        var count = 0
        var teamMonthly: [String: Double] = [:]
        for (region, reps) in team.reps.sorted(by: { $0.key < $1.key }) {
            for rep in reps {
                let figures = monthly[rep] ?? (0, 0, 0)
                for period in months {
                    let factor = 1.1 * Double(random.int(80...120)) / 100
                    let yuan = max(10_000, (figures.amount / 100 * factor / 10_000).rounded() * 10_000)
                    try service.set(SalesTarget(subject: .rep(rep), period: period, wonAmount: Money(yuan: Int64(yuan)),
                                                wonCount: max(1, Int((figures.won * factor).rounded())),
                                                newLeads: max(1, Int((figures.received * factor).rounded())), setBy: actor.login))
                    count += 1
                }
                if let supervisor = team.supervisors[region] { teamMonthly[supervisor, default: 0] += figures.amount / 100 }
            }
        }
        let quarter = (today.month - 1) / 3 + 1
        let quarters: [TargetPeriod] = [.quarter(year: today.year, quarter: quarter),
                                        quarter == 1 ? .quarter(year: today.year - 1, quarter: 4) : .quarter(year: today.year, quarter: quarter - 1)]
        for (supervisor, yuanPerMonth) in teamMonthly.sorted(by: { $0.key < $1.key }) {
            for period in quarters {
                let yuan = max(10_000, (yuanPerMonth * 3 * 1.05 / 10_000).rounded() * 10_000)
                try service.set(SalesTarget(subject: .team(supervisor), period: period, wonAmount: Money(yuan: Int64(yuan)), setBy: actor.login))
                count += 1
            }
        }
        return count
    }
}
