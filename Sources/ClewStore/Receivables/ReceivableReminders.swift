import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The tick's receivable timers (issue 14): each instalment with money owed gets the process
/// file's reminder levels (``ReceivableLevel``), once per instalment and level — a task for
/// finance before the due date, an email to the customer on it, the overdue mark and the
/// collection task (催收) after it, the supervisor told at +30 days.
///
/// Only instalments whose `next_level_on` day has come are read (an index), so a tick with
/// nothing due costs one empty index range however many instalments there are. What fires is
/// ``ReceivableReminder/decide(_:today:levels:calendar:)``'s decision; the `rule_firing` key
/// (`receivable.LEVEL`, `instalment:ID`, `due@DAY`) makes a second run fire nothing again.
package struct ReceivableReminders {
    /// One level that fired, for the tick's report.
    package struct Firing: Sendable, Hashable {
        package var rule: String
        package var lead: String?
        package var outcome: String
    }

    let context: ClewContext
    let m: Mutation

    package init(context: ClewContext, m: Mutation) {
        self.context = context
        self.m = m
    }

    /// Handles at most `limit` instalments whose next level's day has come.
    package mutating func run(limit: Int?) throws -> (firings: [Firing], considered: Int) {
        let calendar = context.calendar
        let today = CalendarDay.containing(m.now, in: calendar.timeZone)
        let levels = context.process.receivableLevels
        let rows = try Row.fetchAll(m.db, sql: """
            SELECT i.id, i.due_on, i.amount_fen, i.paid_fen, i.overdue_at, c.number, c.lead_id, cu.name AS customer_name
            FROM instalment i JOIN contract c ON c.id = i.contract_id JOIN customer cu ON cu.id = c.customer_id
            WHERE i.next_level_on IS NOT NULL AND i.next_level_on <= ? AND i.status = 'open'
            ORDER BY i.next_level_on, i.id
            """ + (limit.map { " LIMIT \(max($0, 0))" } ?? ""), arguments: [today.description])
        var firings: [Firing] = []
        for row in rows {
            let id: Int64 = row["id"]
            let dueText: String = row["due_on"]
            guard let due = CalendarDay(dueText) else { continue }
            let occurrence = "due@\(dueText)"
            let subject = "instalment:\(id)"
            let handled = try Self.handled(subject: subject, occurrence: occurrence, levels: levels, m.db)
            let balance = Money(fen: (row["amount_fen"] as Int64) - (row["paid_fen"] as Int64))
            let decision = ReceivableReminder.decide(ReceivableReminder.Facts(due: due, balance: balance, handled: handled), today: today,
                                                     levels: levels, calendar: calendar)
            let leadID: Int64 = row["lead_id"]
            guard let lead = try Lead.fetchAll(m.db, sql: "SELECT \(Lead.selection) FROM lead WHERE id = ?", arguments: [leadID]).first else { continue }
            let contract: String = row["number"]
            let label = "\(contract) \(row["customer_name"] as String) #\(id) \(balance) due \(dueText)"
            for level in decision.skipped {
                try RuleFirings.record(level.ruleKey, kind: .timer, leadID: leadID, subject: subject, occurrence: occurrence,
                                       action: level.ruleKey, outcome: .skipped("superseded by \(decision.fire?.name ?? "-")"), m)
            }
            var outcome: [String] = []
            if let level = decision.fire {
                for action in level.actions {
                    if let done = try perform(action, level: level, lead: lead, label: label, contract: contract, balance: balance, due: due) {
                        outcome.append(done)
                    }
                }
            }
            var changes: KeyValuePairs<String, (any DatabaseValueConvertible)?> = ["next_level_on": decision.nextOn?.description]
            if decision.marksOverdue, row["overdue_at"] as Double? == nil {
                changes = ["next_level_on": decision.nextOn?.description, "overdue_at": m.now.storage]
                outcome.insert("marked overdue", at: 0)
            }
            try m.change(.instalment, .id(id), changes, action: decision.marksOverdue ? "overdue" : "remind", silent: ["next_level_on"])
            if let level = decision.fire {
                let text = FiringOutcome.receivableLevel(outcome)
                if try RuleFirings.record(level.ruleKey, kind: .timer, leadID: leadID, subject: subject, occurrence: occurrence,
                                          action: level.ruleKey, outcome: text, m) {
                    firings.append(Firing(rule: level.ruleKey, lead: lead.number.description, outcome: "\(contract) #\(id): \(text)"))
                }
            }
        }
        return (firings, rows.count)
    }

    /// The names of `levels` already fired or skipped for `subject`'s `occurrence` (through the
    /// `rule_firing_once` index: one seek per level).
    static func handled(subject: String, occurrence: String, levels: [ReceivableLevel], _ db: Database) throws -> Set<String> {
        guard !levels.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: levels.count).joined(separator: ", ")
        return Set(try String.fetchAll(db, sql: "SELECT rule FROM rule_firing WHERE rule IN (\(marks)) AND subject = ? AND occurrence = ?",
                                       arguments: StatementArguments(levels.map(\.ruleKey) + [subject, occurrence]))
            .map { String($0.dropFirst("receivable.".count)) })
    }

    /// After the process file's `[[receivable.level]]` changed: every instalment still owed gets
    /// the day of its next level under `levels` — the earliest level not yet handled for its
    /// due date (one whose day has passed is picked up by the next tick, which fires the latest
    /// of those and records the others as skipped); none when every level is handled. Only
    /// instalments whose day changes are written. Returns how many changed.
    static func reschedule(levels: [ReceivableLevel], calendar: WorkingCalendar, _ m: Mutation) throws -> Int {
        var changed = 0
        for row in try Row.fetchAll(m.db, sql: """
            SELECT id, due_on, next_level_on FROM instalment WHERE status = 'open' AND paid_fen < amount_fen ORDER BY id
            """) {
            let id: Int64 = row["id"]
            let dueText: String = row["due_on"]
            guard let due = CalendarDay(dueText) else { continue }
            let handled = try handled(subject: "instalment:\(id)", occurrence: "due@\(dueText)", levels: levels, m.db)
            let next = levels.filter { !handled.contains($0.name) }.map { $0.day(forDue: due, on: calendar) }.min()
            guard next?.description != row["next_level_on"] as String? else { continue }
            try m.change(.instalment, .id(id), ["next_level_on": next?.description], action: "reschedule")
            changed += 1
        }
        return changed
    }

    /// Does one action of a level; returns what it did.
    private func perform(_ action: ReceivableAction, level: ReceivableLevel, lead: Lead, label: String, contract: String,
                         balance: Money, due: CalendarDay) throws -> String? {
        switch action {
        case let .task(who):
            let recipients = try Recipients.resolve(who, for: lead, m.db)
            guard let assignee = recipients.first else { return "no \(who) for the task" }
            let title = level.offset.isBefore || level.offset.isZero
                ? "回款提醒 Payment due \(due): \(label)" : "催收 Collect overdue payment: \(label)"
            let dueAt = ProcessDuration.workingDays(1).date(after: m.now, on: context.calendar)
            let task = try Tasks.insert(leadID: lead.id, assignee: assignee, title: String(title.prefix(200)), kind: "receivable", due: dueAt, m)
            return "task #\(task) for \(assignee)"
        case let .emailCustomer(name), let .smsCustomer(name):
            let sms: Bool = if case .smsCustomer = action { true } else { false }
            guard let address = sms ? lead.details.phone : lead.details.email, !address.isEmpty else {
                return "no customer \(sms ? "phone" : "email"); nothing sent"
            }
            guard let template = context.process.template(named: name) else { return "no template '\(name)'; nothing sent" }
            let (subject, body) = template.render([
                "customer": lead.details.customer, "contact": lead.details.contact, "number": contract, "owner": lead.owner,
                "amount": balance.description,
            ], language: lead.contactLanguage ?? context.process.defaultLanguage)
            let id = try Outbox.enqueue(sms ? .sms : .email, to: address, subject: subject, body: body, leadID: lead.id,
                                        rule: level.ruleKey, m)
            return "\(sms ? "sms" : "email") #\(id) to \(address) queued"
        case let .notify(who):
            let recipients = try Recipients.resolve(who, for: lead, m.db)
            for recipient in recipients {
                try m.notify(recipient, kind: "receivable", leadID: lead.id, body: "Payment \(level.name): \(label)", parameters: [level.name, label])
            }
            return recipients.isEmpty ? "no \(who) to notify" : "notified \(recipients.joined(separator: ", "))"
        case .markOverdue:
            return nil  // written with the instalment's schedule
        case .escalate:
            guard let supervisor = try Recipients.supervisor(of: lead, m.db) else { return "no supervisor to escalate to" }
            try m.notify(supervisor, kind: "escalation", text: "receivable", leadID: lead.id,
                         body: "Long overdue payment (\(level.offset) after due): \(label), owner \(lead.owner ?? "none")",
                         parameters: [label, lead.owner ?? ""])
            return "escalated to \(supervisor)"
        }
    }
}
