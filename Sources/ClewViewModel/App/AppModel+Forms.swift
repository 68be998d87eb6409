import ClewDomain
import ClewServices
import Foundation

// MARK: - Submitting forms and prompts

extension AppModel {
    func submit(_ form: FormModel, duplicates: DuplicateOption = .refuse) {
        guard form.checkRequired() else { return }
        do {
            let message = try perform(form, duplicates: duplicates)
            closeOverlay()
            refresh()
            status = message
        } catch let error as LeadValidationError {
            switch error {
            case let .missing(fields): form.setError(localizer("error.required"), on: fields.first?.rawValue ?? "customer")
            case .noContactMethod: form.setError(errorText(error), on: "phone")
            case .invalidPhone: form.setError(errorText(error), on: "phone")
            case .invalidEmail: form.setError(errorText(error), on: "email")
            case let .invalidCompanyField(problem): form.setError(errorText(problem), on: problem.field.rawValue)
            }
        } catch let error as DuplicateLeadError {
            form.formError = errorText(error)
            form.duplicateOf = error.number
            // Open the existing lead (the form is kept), register anyway, or merge into it.
            ask(localizer("confirm.duplicate", error.number, error.owner ?? "—"), answers: localizer("confirm.duplicate-answers"),
                onNo: { [weak self] in self?.openForm(form) },
                extra: [
                    "r": { [weak self] in self?.resubmit(form, duplicates: .allow) },
                    "m": { [weak self] in self?.resubmit(form, duplicates: .mergeInto(error.number)) },
                ]) { [weak self] in
                self?.parkedForm = form
                self?.open(error.number)
                return StatusMessage(self?.localizer("msg.form-kept") ?? "")
            }
        } catch let error as DateExpressionError {
            form.setError(errorText(error), on: form.fields.first { $0.key.contains("due") || $0.key == "until" }?.key ?? "")
        } catch let error as StoreError {
            form.formError = errorText(error)
            if case let .staleVersion(_, changedBy, _) = error {
                refresh()
                mergeStale(form, changedBy: changedBy)
            }
        } catch {
            form.formError = errorText(error)
        }
    }

    /// A stale edit form takes the other user's saved values where the user typed nothing,
    /// keeps what they typed, marks what changed, and says so (the form stays open, ready to submit).
    private func mergeStale(_ form: FormModel, changedBy: String) {
        if case let .grade(number) = form.kind, let current = try? services.leads.lead(number) {
            // Only the grade conflicts (fields are versioned apart): say what it is now; the
            // next submit carries the reloaded version, so it sets the user's grade on purpose.
            form.formError = localizer("msg.stale-grade", changedBy, current.grade?.rawValue ?? "—")
            form.focus(key: "grade")
            return
        }
        guard case let .editLead(number, _) = form.kind, let current = try? services.leads.lead(number) else { return }
        var theirs: [String: String] = [:]
        for field in LeadField.allCases { theirs[field.rawValue] = current.details[field] ?? "" }
        let merges = form.mergeStale(theirs: theirs, version: current.version, changedBy: changedBy)
        let taken = merges.values.filter { if case .theirs = $0 { return true } else { return false } }.count
        let conflicts = merges.values.filter { if case .conflict = $0 { return true } else { return false } }.count
        form.formError = localizer("msg.stale-merged", changedBy, taken, conflicts)
        if let first = form.fields.firstIndex(where: { merges[$0.key]?.changedByOther == true }) { form.focus(key: form.fields[first].key) }
    }

    /// Submits `form` again from its question with another duplicate policy: the form is open
    /// again while it runs, so a new problem shows on it.
    private func resubmit(_ form: FormModel, duplicates: DuplicateOption) -> StatusMessage? {
        openForm(form)
        submit(form, duplicates: duplicates)
        return status
    }

    /// Runs the form's action; returns the status message.
    private func perform(_ form: FormModel, duplicates: DuplicateOption) throws -> StatusMessage {
        let leads = services.leads
        let v = { form.value($0) }
        switch form.kind {
        case .newLead:
            var draft = LeadDraft()
            for field in LeadField.allCases { draft[field] = v(field.rawValue) }
            if draft.region == nil, let city = draft.city { draft.region = SalesRegion.region(ofCity: city) }
            let result = try leads.add(draft, duplicates: duplicates, language: nil, capturedAt: nil)
            if result.merged { return StatusMessage(localizer("msg.merged", result.lead.number)) }
            return StatusMessage(localizer("msg.registered", result.lead.number, localizer.status(result.lead.status)))
        case let .editLead(number, version):
            var draft = LeadDraft()
            var clearing = Set<LeadField>()
            for field in LeadField.allCases {
                if let value = v(field.rawValue) { draft[field] = value } else { clearing.insert(field) }
            }
            let lead = try leads.edit(number, changes: draft, clearing: clearing, expectedVersion: version)
            return StatusMessage(localizer("msg.saved", number, lead.version))
        case let .followUp(number):
            guard let method = FollowUpMethod(parsing: v("method") ?? "phone") else { throw FollowUpError.unknownMethod(v("method") ?? "") }
            let draft = FollowUpDraft(at: services.now, method: method, contactPerson: v("with"), content: v("content") ?? "",
                                      feedback: v("feedback"), nextAction: v("next"), nextDue: try v("next-due").map(date))
            let result = try leads.logFollowUp(number, draft)
            return StatusMessage(localizer("msg.follow-up") + (result.warnings.isEmpty ? "" : localizer("msg.follow-up-warnings", result.warnings.count, result.warnings.joined(separator: "; "))),
                                 kind: result.warnings.isEmpty ? .info : .warning)
        case let .grade(number):
            guard let grade = Grade(parsing: v("grade") ?? "") else { throw UIError("error.grade") }
            try leads.grade(number, grade, reason: v("reason") ?? "", expectedVersion: loadedLead(number)?.version)
            return StatusMessage(localizer("msg.graded", number, grade))
        case let .assign(numbers):
            let login = v("assignee") ?? ""
            if numbers.count == 1 {
                try leads.assign(numbers[0], to: login, expectedVersion: nil)
            } else {
                try leads.assign(numbers.map { ($0, login) })
            }
            return StatusMessage(numbers.count == 1 ? localizer("msg.assigned", numbers[0], login) : localizer("msg.assigned-many", numbers.count, login))
        case let .win(number):
            guard let amount = Money(parsing: v("amount") ?? "") else {
                form.setError(localizer("error.amount"), on: "amount")
                throw UIError("error.amount")
            }
            try leads.win(number, amount: amount, expectedVersion: loadedLead(number)?.version)
            return StatusMessage(localizer("msg.won", number, amount))
        case let .convert(number):
            let made = try leads.convert(number, contact: v("make-contact") == "yes", opportunity: v("make-opportunity") == "yes",
                                         expectedVersion: loadedLead(number)?.version)
            return StatusMessage(made.opportunityID.map { localizer("msg.converted-opportunity", number, made.customerName, $0) }
                                 ?? localizer("msg.converted", number, made.customerName))
        case let .tags(number):
            let words = { (key: String) in (v(key) ?? "").split(whereSeparator: { $0 == " " || $0 == "、" }).map(String.init) }
            let tags = services.tags
            // A dimension's choice changed: its new value is added (replacing the old), or the old one removed.
            var adding = words("add")
            var removing = words("remove")
            for field in form.fields where field.key.hasPrefix(FormFactory.dimensionKey("")) && field.value != (field.base ?? "") {
                let name = String(field.key.dropFirst(FormFactory.dimensionKey("").count))
                if field.value.isEmpty { removing.append(name + "=" + (field.base ?? "")) } else { adding.append(name + "=" + field.value) }
            }
            guard !adding.isEmpty || !removing.isEmpty else { throw UIError("error.tags") }
            var now: [LeadTag] = []
            if !adding.isEmpty { now = try tags.add(adding, to: number) }
            if !removing.isEmpty { now = try tags.remove(removing, from: number) }
            return StatusMessage(localizer("msg.tagged", number, now.map(\.name).joined(separator: localizer("list.separator"))))
        case let .lose(number):
            guard let reason = LostReason(parsing: v("reason") ?? "") else { throw UIError("error.reason") }
            try leads.lose(number, reason: reason, expectedVersion: loadedLead(number)?.version)
            return StatusMessage(localizer("msg.lost", number, reason.chineseName))
        case let .returnToPool(number):
            let lead = try leads.returnToPool(number, reason: v("reason") ?? "")
            return StatusMessage(localizer("msg.returned", number, lead.pool ?? ""))
        case let .addTask(number):
            let task = try services.tasks.add(title: v("title") ?? "", lead: number, assignee: v("assignee"), due: try v("due").map(date))
            return StatusMessage(localizer("msg.task-added", task.id))
        case let .note(number):
            let notified = try leads.addNote(number, body: v("body") ?? "")
            return StatusMessage(localizer("msg.note-added") + (notified.isEmpty ? "" : localizer("msg.notified", notified.joined(separator: ", "))))
        case let .object(number):
            return Self.describe(try leads.objectOrAsk(number, reason: v("reason") ?? ""), number: number, localizer)
        case let .rejectApproval(id):
            try services.approvals.reject(id, comment: v("comment") ?? "")
            return StatusMessage(localizer("msg.rejected", id))
        case let .approveApproval(id):
            let item = try services.approvals.approve(id, comment: v("comment"))
            return StatusMessage(localizer("msg.approved-moved", id, item.leadNumber, item.toStage ?? ""))
        case .recordPayment, .recordInvoice, .findCustomer:
            return try performReceivablesForm(form)
        case let .snooze(taskID):
            let task = try services.tasks.snooze(taskID, until: try date(v("until") ?? "+1d"))
            return StatusMessage(localizer("msg.snoozed", task.id))
        }
    }

    func date(_ text: String) throws -> Date {
        try DateExpression.parse(text, now: services.now, timeZone: services.timeZone)
    }

    /// `/` filters as the user types: each edit runs the query and shows the results under the
    /// prompt (Enter keeps them and moves the keys to the list).
    func searchLive(_ text: String) {
        screen = .search
        detailFocused = false
        run { try search.run(text) }
    }

    func accept(_ prompt: PromptModel) {
        let text = prompt.text
        closeOverlay()
        switch prompt.kind {
        case .search:
            guard !TextNormalization.trimmed(text).isEmpty else { return }
            searchHistory.append(text)
            screen = .search
            detailFocused = false
            run {
                if search.query != text { try search.run(text) }
                status = StatusMessage(search.total == 1 ? localizer("msg.result", text) : localizer("msg.results", search.total, text))
            }
        case .command:
            guard !TextNormalization.trimmed(text).isEmpty else { return }
            commandHistory.append(text)
            do { try execute(try Command.parse(text, dimensions: services.tagDimensions.map(\.name))) } catch { status = StatusMessage(errorText(error), kind: .error) }
        }
    }
}
