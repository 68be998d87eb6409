import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// Event triggers (触发器): when something happens to a lead, the process's rules for that
/// event run their actions, each firing recorded for rule review.
enum Triggers {
    /// How deep triggers may set off further triggers (a tag that moves a stage that…); the
    /// process validator refuses cycles, this is the backstop.
    static let maximumDepth = 6

    /// Runs the rules listening for `event` on `lead`; returns the lead as the actions left it.
    @discardableResult
    static func fire(_ event: TriggerEvent, on lead: Lead, context: ClewContext, _ m: Mutation, depth: Int = 0) throws -> Lead {
        let rules = context.process.triggers.filter { $0.event == event }
        guard !rules.isEmpty, depth < maximumDepth else { return lead }
        let m = m.automated
        var current = lead
        for rule in rules {
            guard let firing = try RuleFirings.claim(
                "trigger:\(rule.name)", kind: .trigger, leadID: lead.id, subject: "lead:\(lead.id)",
                occurrence: "\(event)@\(m.now.storage)", action: rule.actions.map(\.description).joined(separator: ", "), m)
            else { continue }
            var outcomes: [FiringOutcome] = []
            for action in rule.actions {
                outcomes.append(try perform(action, rule: rule, event: event, on: &current, context: context, m, depth: depth))
            }
            try RuleFirings.settle(firing, outcome: .all(outcomes), m)
        }
        return current
    }

    /// Does one action; returns what it did, for the firing's outcome.
    private static func perform(_ action: TriggerAction, rule trigger: TriggerRule, event: TriggerEvent, on lead: inout Lead,
                                context: ClewContext, _ m: Mutation, depth: Int) throws -> FiringOutcome {
        let label = "\(lead.number) \(lead.details.customer ?? "")"
        let rule = trigger.name
        switch action {
        case let .task(who, title):
            guard let assignee = try Recipients.resolve(who, for: lead, m).first else { return .nobodyForTask(who: who, task: title) }
            let due = trigger.taskDue.date(after: m.now, on: context.calendar)
            let id = try Tasks.insert(leadID: lead.id, assignee: assignee, title: title, kind: "trigger", due: due,
                                      triggerEvent: event.description, m)
            var copied: [String] = []
            for who in trigger.cc {
                for recipient in try Recipients.resolve(who, for: lead, m) where recipient != assignee && !copied.contains(recipient) {
                    try m.notify(recipient, kind: "trigger", text: "cc", leadID: lead.id,
                                 body: "cc: \(assignee) has '\(title)' on \(label), due \(StoreError.timestamp(due)) (rule \(rule))",
                                 parameters: [assignee, title, label, StoreError.timestamp(due), rule])
                    copied.append(recipient)
                }
            }
            return .taskGiven(id: id, to: assignee, cc: copied)
        case let .notify(who):
            let recipients = try Recipients.resolve(who, for: lead, m)
            guard !recipients.isEmpty else { return .nobodyToNotify(who) }
            for recipient in recipients {
                try m.notify(recipient, kind: "trigger", leadID: lead.id, body: "\(label) \(event.summary) (rule \(rule))",
                             parameters: [label, event.description, rule])
            }
            return .notified(recipients)
        case let .emailCustomer(name):
            guard let email = lead.details.email, !email.isEmpty else { return .noCustomerEmail }
            // `process check` refuses unknown templates; one missing here sends nothing rather than a stub.
            guard let template = context.process.template(named: name) else { return .noTemplate(name) }
            let language = lead.contactLanguage ?? context.process.defaultLanguage
            let (subject, body) = template.render([
                "customer": lead.details.customer, "contact": lead.details.contact, "number": lead.number.description,
                "owner": lead.owner, "amount": lead.amount?.description,
            ], language: language)
            let id = try Outbox.enqueue(.email, to: email, subject: subject, body: body, leadID: lead.id, rule: "trigger:\(rule)", m)
            return .emailQueued(id: id, to: email)
        case let .addTag(tag):
            guard !lead.tags.contains(tag) else { return .alreadyTagged(tag) }
            var updated = lead
            updated.tags.insert(tag)
            lead = try m.update(lead, to: updated, action: .tag)
            lead = try fire(.tagAdded(tag), on: lead, context: context, m, depth: depth + 1)
            return .tagged(tag)
        case let .moveStage(stage):
            guard lead.status == .active, lead.stage != stage else { return .notMoved(status: "\(lead.status)", stage: lead.stage) }
            lead = try LeadStageService.move(lead, to: stage, in: context.transaction(m, depth: depth + 1))
            return .moved(to: stage)
        case .riskAlert:
            guard let supervisor = try Recipients.supervisor(of: lead, m) else { return .noSupervisorToAlert }
            try m.notify(supervisor, kind: "risk", leadID: lead.id, body: "Risk on \(label): \(event.summary) (rule \(rule))",
                         parameters: [label, event.description, rule])
            return .riskAlert(to: supervisor)
        }
    }
}
