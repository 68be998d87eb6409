import ClewDomain
import ClewServices
import Foundation

// MARK: - Key actions

extension AppModel {
    /// Performs the keymap action `name` in the current state. Unknown or inapplicable actions
    /// are ignored (the keymap only offers what the context supports).
    public func perform(_ name: String) {
        if handleOverlayAction(name) { return }
        if let reason = disabledReason(for: name) {
            status = StatusMessage(reason, kind: .warning)
            return
        }
        if overlay == nil, performReceivablesAction(name) { return }
        switch name {
        case "quit": quit()
        case "ask-quit": ask(localizer("confirm.quit")) { [weak self] in self?.quit(); return nil }
        case "suspend": break // the terminal's job: `TUIApp` suspends the process
        case "back": back()
        case "help": openHelp()
        case "command": openPrompt(.command)
        case "search": openPrompt(.search)
        case "filter": openPrompt(.command, text: "filter ")
        case "refresh": dashboard.discardFingerprint(); refresh(); status = StatusMessage(localizer("msg.reloaded"))
        case "show-board": show(.board)
        case "show-inbox": show(.inbox)
        case "show-screening": show(.screening)
        case "show-dashboard": show(.dashboard)
        case "show-pools": show(.pools)
        case "show-customers": show(.customers)
        case "show-receivables": show(.receivables)
        case "show-tickets":
            let screen = String(name.dropFirst("show-".count))
            status = StatusMessage(localizer("msg.screen-coming", localizer("screen.\(screen)")), kind: .warning)
        case "next-pane", "prev-pane":
            if detail != nil { detailFocused.toggle() } else if screen == .dashboard { dashboard.jumpPanel(forward: name == "next-pane") }
            else if screen == .pools { pools.switchPane() }
        case "open": openFocused()
        case "move-up": moveCursor(rows: -1)
        case "move-down": moveCursor(rows: 1)
        case "page-up": page(-1)
        case "page-down": page(1)
        case "first": jump(first: true)
        case "last": jump(first: false)
        case "move-left": if screen == .board && !detailFocused { run { try board.moveFocus(columns: -1) } }
        case "move-right": if screen == .board && !detailFocused { run { try board.moveFocus(columns: 1) } }
        case "toggle-scope" where screen == .dashboard: cycleDashboardScope()
        case "toggle-scope": run { try board.cycleScope(); status = StatusMessage(localizer("msg.scope", localizer("scope.\(board.scope.rawValue)"))) }
        case "next-range": run { try dashboard.cycleRange() }
        case "previous-period": run { try dashboard.shiftPeriod(by: -1) }
        case "next-period": shiftDashboardForward()
        case "toggle-campaigns": dashboard.toggleCampaigns()
        case "move-forward": moveFocusedLead(forward: true)
        case "move-back": moveFocusedLead(forward: false)
        case "skip-stage": moveFocusedLead(forward: true, skip: true)
        case "new-lead":
            openForm(parkedForm ?? factory.make(.newLead))
            parkedForm = nil
        case "toggle-select": if screen == .pools { pools.toggleSelection() } else { screening?.toggleSelection() }
        case "claim" where screen == .pools && !detailFocused: claimFromPool()
        case "select-all": if let screening { run { try screening.toggleSelectAll() } }
        case "assign-suggested": assignSuggested()
        case "bulk-assign": openAssignForm()
        case "complete": completeTask()
        case "mark-group-read": markGroupRead()
        case "snooze": withTask { openForm(factory.make(.snooze(taskID: $0.id))) }
        case "jump-to-lead": openFocused()
        case "approve": withApproval { openForm(factory.make(.approveApproval(id: $0.id))) }
        case "reject": withApproval { openForm(factory.make(.rejectApproval(id: $0.id))) }
        default: performLeadAction(name)
        }
    }

    /// A key that no binding took: text for the open form or prompt, y/n for a confirmation.
    public func type(_ key: Key) {
        switch overlay {
        case let .form(form):
            if let edit = LineEdit(key) { form.edit(edit) }
        case let .prompt(prompt):
            if key == .backspace, prompt.text.isEmpty { closeOverlay() } else if let edit = LineEdit(key) {
                prompt.edit(edit)
                if prompt.kind == .search { searchLive(prompt.text) }
            }
        case let .confirm(confirmation):
            closeOverlay()
            if case let .character(c) = key, let answer = confirmation.extra[c] {
                run { if let message = try answer() { status = message } }
            } else if key == .character("y") || key == .character("Y") {
                run { if let message = try confirmation.onYes() { status = message } }
                refresh()
            } else if let onNo = confirmation.onNo {
                onNo()
            } else {
                status = StatusMessage(localizer("msg.cancelled"))
            }
        case .help:
            if helpFinding { editHelpQuery(key) }
        case nil:
            break
        }
    }

    private func handleOverlayAction(_ name: String) -> Bool {
        switch overlay {
        case let .form(form):
            switch name {
            case "next-field", "move-down": form.nextField()
            case "prev-field", "move-up": form.previousField()
            case "submit", "open", "accept": submit(form)
            case "cancel", "back", "cancel-prompt": closeOverlay(); status = StatusMessage(localizer("msg.cancelled"))
            default: return false
            }
            return true
        case let .prompt(prompt):
            switch name {
            case "accept", "open", "submit": accept(prompt)
            case "cancel-prompt", "cancel", "back": closeOverlay()
            case "history-prev", "move-up": prompt.historyStep(-1)
            case "history-next", "move-down": prompt.historyStep(1)
            default: return false
            }
            return true
        case .confirm:
            if name == "cancel" || name == "back" || name == "cancel-prompt" { closeOverlay(); status = StatusMessage(localizer("msg.cancelled")); return true }
            return false
        case .help:
            if helpFinding {
                switch name {
                case "accept", "open", "submit": helpFinding = false
                case "cancel-prompt", "cancel", "back": helpFinding = false; helpQuery = ""
                default: break
                }
                return true
            }
            switch name {
            case "help", "back", "cancel": closeOverlay()
            case "quit": quit()
            case "move-down": scrollHelp(by: 1)
            case "move-up": scrollHelp(by: -1)
            case "page-down": scrollHelp(by: 10)
            case "page-up": scrollHelp(by: -10)
            case "first": scrollHelp(by: -Int.max / 2)
            case "last": scrollHelp(by: Int.max / 2)
            case "search", "filter": helpFinding = true; helpQuery = ""
            default: break
            }
            return true
        case nil:
            return false
        }
    }

    var factory: FormFactory { FormFactory(t: localizer, dimensions: services.tagDimensions) }

    // MARK: - Navigation

    /// `Esc`: closes the detail pane, leaves a tab for the board, clears a board filter; never
    /// quits (that is `q`, which asks, or `Q`).
    private func back() {
        if detail != nil { closeDetail(); return }
        if screen == .dashboard, dashboard.drill != nil { dashboard.closeDrill(); return }
        if screen != .board { show(.board); return }
        if !board.filter.isEmpty {
            run { try board.setFilter(BoardFilter()) }
            status = StatusMessage(localizer("msg.filter-cleared"))
        }
    }

    private func moveCursor(rows delta: Int) {
        if detailFocused, let detail { detail.scroll(by: delta); return }
        switch screen {
        case .board: run { try board.moveFocus(rows: delta) }
        case .inbox: inbox.move(by: delta)
        case .screening: screening?.move(by: delta)
        case .dashboard: dashboard.move(by: delta); run { try dashboard.loadMoreIfNeeded() }
        case .search: run { try search.move(by: delta) }
        case .pools: run { try pools.move(by: delta) }
        case .customers: run { try customers.move(by: delta) }
        case .receivables: receivables.move(by: delta)
        }
        followFocus()
    }

    private func page(_ pages: Int) {
        if detailFocused, let detail { detail.scroll(by: pages * 10); return }
        switch screen {
        case .board: run { try board.page(by: pages) }
        case .inbox: inbox.page(by: pages)
        case .screening: screening?.page(by: pages)
        case .dashboard: dashboard.page(by: pages); run { try dashboard.loadMoreIfNeeded() }
        case .search: run { try search.page(by: pages) }
        case .pools: run { try pools.page(by: pages) }
        case .customers: run { try customers.page(by: pages) }
        case .receivables: receivables.page(by: pages)
        }
        followFocus()
    }

    private func jump(first: Bool) {
        if detailFocused, let detail { detail.scroll = first ? 0 : Int.max / 2; return }
        switch screen {
        case .board: run { try first ? board.jumpToFirst() : board.jumpToLast() }
        case .inbox: first ? inbox.first() : inbox.last()
        case .screening: first ? screening?.first() : screening?.last()
        case .dashboard: first ? dashboard.first() : dashboard.last(); run { try dashboard.loadMoreIfNeeded() }
        case .search: if first { search.first() } else { run { try search.last() } }
        case .pools: run { try pools.move(by: first ? -Int.max / 2 : Int.max / 2) }
        case .customers: run { try first ? customers.first() : customers.last() }
        case .receivables: first ? receivables.first() : receivables.last()
        }
        followFocus()
    }

    /// With the detail pane open beside a list, the pane follows the list's cursor.
    private func followFocus() {
        guard detail != nil, !detailFocused, let number = focusedLeadNumber, number != detail?.number else { return }
        let model = LeadDetailModel(services: services, number: number, language: localizer.language)
        if run({ try model.reload() }) { detail = model }
    }

    private func openFocused() {
        if detailFocused { return }
        if screen == .dashboard, dashboard.drill == nil {
            run { if try !dashboard.openFocused() { status = StatusMessage(localizer("msg.no-figure"), kind: .warning) } }
            return
        }
        guard let number = focusedLeadNumber else {
            status = StatusMessage(localizer(screen == .board ? "msg.empty-column" : "msg.no-lead"), kind: .warning)
            return
        }
        open(number)
    }

    /// The lead under the cursor of the current screen (or the open one when the pane is focused).
    public var focusedLeadNumber: String? {
        if detailFocused, let detail { return detail.number }
        switch screen {
        case .board: return board.focusedCard?.lead.number.description
        case .inbox: return inbox.selectedRow?.leadNumber
        case .screening: return screening?.focused?.lead.number.description
        case .dashboard: return dashboard.drill?.focused?.number.description
        case .search: return search.focused?.lead.number.description
        case .pools: return pools.highlightedLead?.number.description
        case .customers, .receivables: return nil
        }
    }

    /// The focused lead as last loaded.
    var focusedLead: Lead? {
        if detailFocused, let lead = detail?.lead { return lead }
        switch screen {
        case .board: return board.focusedCard?.lead
        case .inbox:
            if case let .assignment(lead) = inbox.selectedRow { return lead }
            return nil
        case .screening: return screening?.focused?.lead
        case .dashboard: return dashboard.drill?.focused
        case .search: return search.focused?.lead
        case .pools: return pools.highlightedLead
        case .customers, .receivables: return nil
        }
    }
}

// MARK: - The dashboard

extension AppModel {
    /// `s` on the dashboard: the next scope the role allows, or why there is no other.
    func cycleDashboardScope() {
        run {
            if try dashboard.cycleScope() {
                status = StatusMessage(localizer("msg.dashboard-scope", localizer("scope.\(dashboard.scope.rawValue)")))
            } else {
                status = StatusMessage(localizer("msg.dashboard-own", localizer.role(services.actor.role)), kind: .warning)
            }
        }
    }

    /// `]` on the dashboard: one period forward, up to the current one.
    func shiftDashboardForward() {
        guard dashboard.offset < 0 else {
            status = StatusMessage(localizer("msg.dashboard-current"), kind: .warning)
            return
        }
        run { try dashboard.shiftPeriod(by: 1) }
    }
}
