import ClewDomain
import ClewServices
import Foundation

// MARK: - Working a lead

extension AppModel {
    func performLeadAction(_ name: String) {
        guard let number = focusedLeadNumber else {
            if ["log-follow-up", "add-task", "grade", "assign", "win", "convert", "tag", "lose", "return-to-pool", "claim", "add-note", "confirm", "object", "edit-lead"].contains(name) {
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
        case "convert": openForm(factory.make(.convert(number: number), lead: lead))
        case "tag": openForm(factory.make(.tags(number: number), lead: lead))
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

    /// `>`/`<` on the board's focused card or in the detail pane: one stage forward or back,
    /// after a question. `skip` goes two stages forward (the service files an approval request
    /// when the actor may not skip on their own).
    func moveFocusedLead(forward: Bool, skip: Bool = false) {
        guard let lead = focusedLead else { status = StatusMessage(localizer("msg.no-lead"), kind: .warning); return }
        let number = lead.number.description
        guard lead.status == .active, let stage = lead.stage, let index = services.pipeline.index(of: stage) else {
            status = StatusMessage(localizer("msg.not-active", number, localizer.status(lead.status)), kind: .warning)
            return
        }
        let stages = services.pipeline.stages
        let targetIndex = index + (forward ? (skip ? 2 : 1) : -1)
        guard stages.indices.contains(targetIndex) else {
            status = StatusMessage(localizer(forward ? "msg.last-stage" : "msg.first-stage"), kind: .warning)
            return
        }
        let target = stages[targetIndex]
        let version = lead.version
        let question = skip
            ? localizer("confirm.skip", number, localizer.stage(stages[index + 1]), localizer.stage(target))
            : localizer("confirm.move", number, localizer.stage(target))
        ask(question) { [weak self] in
            guard let self else { return nil }
            let outcome = try services.leads.move(number, to: target.key, reason: nil, expectedVersion: version)
            if case .moved = outcome, screen == .board {
                refresh()
                try board.follow(number: lead.number, into: target.key)
            }
            return describe(outcome, number: number)
        }
    }

    func describe(_ outcome: StageMoveOutcome, number: String) -> StatusMessage {
        switch outcome {
        case let .moved(lead):
            let name = lead.stage.flatMap(services.pipeline.stage(named:)).map(localizer.stage) ?? lead.stage ?? ""
            return StatusMessage(localizer("msg.moved", number, name))
        case let .approvalRequested(id, approver, skipping):
            let names = skipping.map { services.pipeline.stage(named: $0).map(localizer.stage) ?? $0 }
            return StatusMessage(localizer("msg.skip-requested", names.joined(separator: localizer("list.separator")), id, approver), kind: .warning)
        case let .contractApprovalRequested(id, approver, _):
            return StatusMessage(localizer("msg.contract-requested", id, approver), kind: .warning)
        }
    }

    func openAssignForm(numbers explicit: [String]? = nil) {
        let numbers = explicit ?? screening?.targetEntries.map(\.number) ?? []
        guard !numbers.isEmpty else { status = StatusMessage(localizer("msg.no-lead"), kind: .warning); return }
        var suggestions: [String] = []
        if let item = screening?.items.first(where: { $0.lead.number.description == numbers[0] }) {
            suggestions = item.suggestions.map(\.login)
        }
        openForm(factory.make(.assign(numbers: numbers), lead: loadedLead(numbers[0]), suggestions: suggestions))
    }

    /// `s` in the screening queue: shows who would get which lead (the plan among the
    /// supervisor's own reps, within capacity) and writes it only after `y`.
    func assignSuggested() {
        guard let screening else { return }
        run {
            let preview = try screening.preview()
            guard !preview.placements.isEmpty else { status = StatusMessage(localizer("msg.no-lead"), kind: .warning); return }
            ask(previewQuestion(preview)) { [weak self] in
                guard let self else { return nil }
                let count = try screening.apply(preview)
                refresh()
                return StatusMessage(localizer("msg.assigned-suggested", count))
            }
        }
    }

    /// "Assign 12 leads: alice 6 · dan 6?" (one lead: "Assign L… (customer) to alice?").
    func previewQuestion(_ preview: AssignmentPreview) -> String {
        if preview.placements.count == 1, let only = preview.placements.first {
            return localizer("confirm.assign-one", only.number, only.login)
        }
        let shares = preview.perAssignee.map { "\($0.login) \($0.count)" }.joined(separator: " · ")
        return localizer("confirm.assign-plan", preview.placements.count, shares)
    }

    func completeTask() {
        if case let .notification(item) = inbox.selectedRow {
            act { try services.inbox.markRead([item.id]); return localizer("msg.dismissed") }
            return
        }
        if case let .assignment(lead) = inbox.selectedRow {
            // `x` on an assignment row is a confirmation: say so before doing it.
            let number = lead.number.description
            ask(localizer("confirm.confirm-assignment", number)) { [weak self] in
                guard let self else { return nil }
                try services.leads.confirm(number)
                return StatusMessage(localizer("msg.confirmed", number))
            }
            return
        }
        withTask { task in act { try services.tasks.complete(task.id); return localizer("msg.task-done", task.id) } }
    }

    /// `c` on the pools screen: claims the focused lead, or the selection, after a question that
    /// shows the pool's daily limit and today's claims.
    func claimFromPool() {
        if pools.claimsFocused {
            status = StatusMessage(localizer("msg.claims-already-yours"), kind: .warning)
            return
        }
        let targets = pools.targets
        guard let pool = pools.focusedPool, !targets.isEmpty else { status = StatusMessage(localizer("msg.no-lead"), kind: .warning); return }
        let limit = pool.dailyClaimLimit.map { localizer("pools.claimed-today", pool.claimedToday, $0) } ?? localizer("pools.no-limit")
        let question = targets.count == 1
            ? localizer("confirm.claim-one", targets[0].number.description, pool.name, limit)
            : localizer("confirm.claim-many", targets.count, pool.name, limit)
        ask(question) { [weak self] in
            guard let self else { return nil }
            let claimed = try pools.claim()
            refresh()
            return StatusMessage(claimed.count == 1 ? localizer("msg.claimed", claimed[0]) : localizer("msg.claimed-many", claimed.count))
        }
    }

    /// `X` on a message or an alert: marks its whole group read.
    func markGroupRead() {
        guard let group = inbox.selectedGroup else { status = StatusMessage(localizer("msg.select-notification"), kind: .warning); return }
        act { localizer("msg.group-read.\(group.rawValue)", try services.inbox.markRead(group: group)) }
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

extension AppModel {
    /// What an objection did, for the status line: taken, or a request for the supervisor (seed 004).
    static func describe(_ outcome: ObjectionOutcome, number: String, _ localizer: Localizer) -> StatusMessage {
        switch outcome {
        case .objected: StatusMessage(localizer("msg.objected", number))
        case let .approvalRequested(id, approver, within):
            StatusMessage(localizer("msg.objection-requested", number, within.description, id, approver), kind: .warning)
        }
    }
}
