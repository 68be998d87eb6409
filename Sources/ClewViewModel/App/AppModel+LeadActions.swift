import ClewDomain
import ClewStore
import Foundation

// MARK: - Working a lead

extension AppModel {
    func performLeadAction(_ name: String) {
        guard let number = focusedLeadNumber else {
            if ["log-follow-up", "add-task", "grade", "assign", "win", "lose", "return-to-pool", "claim", "add-note", "confirm", "object", "edit-lead"].contains(name) {
                status = StatusMessage(localizer("msg.no-lead"), kind: .warning)
            }
            return
        }
        let lead = loadedLead(number)
        switch name {
        case "log-follow-up": openForm(factory.make(.followUp(number: number), lead: lead))
        case "add-task": openForm(factory.make(.addTask(number: number), lead: lead))
        case "grade": openForm(factory.make(.grade(number: number), lead: lead))
        case "assign": openAssignForm(numbers: [number])
        case "win": openForm(factory.make(.win(number: number), lead: lead))
        case "lose": openForm(factory.make(.lose(number: number), lead: lead))
        case "return-to-pool": openForm(factory.make(.returnToPool(number: number), lead: lead))
        case "add-note": openForm(factory.make(.note(number: number), lead: lead))
        case "object": openForm(factory.make(.object(number: number), lead: lead))
        case "edit-lead":
            guard let lead else { return }
            openForm(factory.make(.editLead(number: number, version: lead.version), lead: lead))
        case "claim": act { try services.leads.claim(number); return localizer("msg.claimed", number) }
        case "confirm": act { try services.leads.confirm(number); return localizer("msg.confirmed", number) }
        default: break
        }
    }

    /// Runs a service call, then refreshes and reports its message.
    func act(_ body: () throws -> String) {
        run {
            let message = try body()
            refresh()
            status = StatusMessage(message)
        }
    }

    /// The lead as loaded on screen, or fetched.
    func loadedLead(_ number: String) -> Lead? {
        if let lead = focusedLead, lead.number.description == number { return lead }
        return try? services.leads.lead(number)
    }

    func moveFocusedCard(forward: Bool) {
        guard screen == .board, !detailFocused, let card = board.focusedCard else { return }
        guard card.lead.status == .active else {
            status = StatusMessage("only active leads move between stages; \(card.lead.number) is \(card.lead.status)", kind: .warning)
            return
        }
        guard let target = board.neighbourStage(forward: forward) else {
            status = StatusMessage(forward ? "already in the last stage; win it with :win AMOUNT" : "already in the first stage", kind: .warning)
            return
        }
        let number = card.lead.number.description
        let version = card.lead.version
        let name = services.pipeline.stage(named: target).map { "\($0.key) (\($0.chineseName))" } ?? target
        ask("Move \(number) to \(name)?") { [services] in
            try Self.describe(services.leads.move(number, to: target, expectedVersion: version), number: number)
        }
    }

    static func describe(_ outcome: LeadService.MoveOutcome, number: String) -> StatusMessage {
        switch outcome {
        case let .moved(lead): StatusMessage("\(number) moved to \(lead.stage ?? "")")
        case let .approvalRequested(id, approver, skipping):
            StatusMessage("skipping \(skipping.joined(separator: ", ")) needs approval: request #\(id) sent to \(approver)", kind: .warning)
        }
    }

    func openAssignForm(numbers explicit: [String]? = nil) {
        let numbers = explicit ?? screening?.targets.map(\.lead.number.description) ?? []
        guard !numbers.isEmpty else { status = StatusMessage(localizer("msg.no-lead"), kind: .warning); return }
        var suggestions: [String] = []
        if let item = screening?.items.first(where: { $0.lead.number.description == numbers[0] }) {
            suggestions = item.suggestions.map(\.login)
        }
        openForm(factory.make(.assign(numbers: numbers), lead: loadedLead(numbers[0]), suggestions: suggestions))
    }

    func assignSuggested() {
        guard let screening else { return }
        act {
            let count = try screening.assign(to: nil)
            return localizer("msg.assigned-suggested", count)
        }
    }

    func completeTask() {
        if case let .notification(item) = inbox.selectedRow {
            act { try services.inbox.markRead([item.id]); return localizer("msg.dismissed") }
            return
        }
        if case let .assignment(lead) = inbox.selectedRow {
            act { try services.leads.confirm(lead.number.description); return localizer("msg.confirmed", lead.number) }
            return
        }
        withTask { task in act { try services.tasks.complete(task.id); return localizer("msg.task-done", task.id) } }
    }

    func withTask(_ body: (TaskItem) -> Void) {
        guard case let .task(task, _) = inbox.selectedRow else { status = StatusMessage(localizer("msg.select-task"), kind: .warning); return }
        body(task)
    }

    func withApproval(_ body: (ApprovalItem) -> Void) {
        guard case let .approval(item) = inbox.selectedRow else { status = StatusMessage(localizer("msg.select-approval"), kind: .warning); return }
        body(item)
    }
}
