import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The daily screening deadline of seed 004 (``ClewDomain/ScreeningRules``), for the tick: once
/// `screen_by` has passed on a working day, leads that entered screening before it and are still
/// there remind every supervisor; once `escalate_by` has passed, an admin too. Each at most once
/// a day per person (the firing's occurrence is the day).
package enum ScreeningDeadlines {
    /// Fires what is due at `m.now`; returns each firing's rule and outcome.
    package static func fire(_ rules: ScreeningRules, calendar: WorkingCalendar, _ m: Mutation) throws -> [(rule: String, outcome: String)] {
        let (day, deadline, due) = rules.notices(at: m.now, calendar: calendar)
        guard !due.isEmpty else { return [] }
        let waiting = try Int.fetchOne(m.db, sql: "SELECT count(*) FROM lead WHERE status = 'screening' AND status_changed_at < ?",
                                       arguments: [deadline.storage]) ?? 0
        guard waiting > 0 else { return [] }
        var fired: [(rule: String, outcome: String)] = []
        for notice in due {
            let escalating = notice == .escalateToAdmin
            let rule = escalating ? "screening.escalation" : "screening.deadline"
            let recipients = escalating
                ? [try Approvals.anyAdmin(m.db)]
                : try String.fetchAll(m.db, sql: "SELECT login FROM user WHERE role = 'supervisor' AND active = 1 ORDER BY login")
            for login in recipients {
                let outcome = FiringOutcome.unscreened(count: waiting, after: rules.screenBy.description, told: login)
                guard try RuleFirings.record(rule, kind: .timer, leadID: nil, subject: "user:\(login)", occurrence: "day:\(day)",
                                             action: rule, outcome: outcome, m) else { continue }
                if escalating {
                    try m.notify(login, kind: "escalation", text: "screening", leadID: nil,
                                 body: "\(waiting) leads are still unscreened at \(rules.escalateBy); the \(rules.screenBy) deadline passed",
                                 parameters: ["\(waiting)", rules.escalateBy.description, rules.screenBy.description])
                } else {
                    try m.notify(login, kind: "reminder", text: "screening", leadID: nil,
                                 body: "\(waiting) leads waiting since before \(rules.screenBy) are still unscreened",
                                 parameters: ["\(waiting)", rules.screenBy.description])
                }
                fired.append((rule, outcome.description))
            }
        }
        return fired
    }
}
