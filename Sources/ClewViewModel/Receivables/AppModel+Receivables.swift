import ClewDomain
import ClewServices
import Foundation

// MARK: - The finance (7) and customer (6) screens

extension AppModel {
    /// `7`: the finance screen, for the roles that read receivables (a rep sees their own
    /// customers'); marketing is told it is not permitted.
    func showReceivables() {
        guard receivables.reach != .none else {
            status = StatusMessage(localizer("receivables.not-permitted", localizer.role(services.actor.role)), kind: .warning)
            return
        }
        screen = .receivables
        detailFocused = false
        run { try receivables.reload() }
        if receivables.reach == .own { status = StatusMessage(localizer("receivables.own-only")) }
    }

    /// `6`: the customer screen, for the roles that read customers.
    func showCustomers() {
        guard customers.permitted else {
            status = StatusMessage(localizer("customers.not-permitted", localizer.role(services.actor.role)), kind: .warning)
            return
        }
        screen = .customers
        detailFocused = false
        run { try customers.reload() }
    }

    /// The finance screen's and the customer screen's own actions; false for any other.
    func performReceivablesAction(_ name: String) -> Bool {
        switch (screen, name) {
        case (.receivables, "record-payment"):
            openForm(factory.make(.recordPayment(contract: receivables.focusedContractNumber, balance: receivables.focusedBalance)))
        case (.receivables, "record-invoice"):
            let summary = receivables.focusedSummary
            let left = summary.map { Money(fen: max(0, $0.contract.amount.fen - $0.invoiced.fen)) }
            openForm(factory.make(.recordInvoice(contract: receivables.focusedContractNumber, amount: left)))
        case (.receivables, "next-pane"), (.receivables, "prev-pane"):
            receivables.switchPanel(forward: name == "next-pane")
        case (.receivables, "open"): openCustomerOfFocusedRow()
        case (.customers, "find-customer"): openForm(factory.make(.findCustomer(current: customers.filter)))
        case (.customers, "open"):
            run { try customers.openFocused() }
        case (.customers, "back") where customers.detail != nil:
            customers.closeDetail()
        default: return false
        }
        return true
    }

    /// Why a finance-screen action cannot run for this reader, if it cannot.
    func receivablesDisabledReason(_ name: String) -> String? {
        guard name == "record-payment" || name == "record-invoice" else { return nil }
        return receivables.canRecord ? nil : localizer("receivables.finance-only", localizer.role(services.actor.role))
    }

    /// `Enter` on the finance screen: the customer of the focused row, on the customer screen.
    private func openCustomerOfFocusedRow() {
        run {
            var key = receivables.focusedCustomerName
            if key == nil, let number = receivables.focusedContractNumber {
                key = String(try services.receivables.contract(number).summary.contract.customerID)
            }
            guard let key else {
                status = StatusMessage(localizer("receivables.no-customer"), kind: .warning)
                return
            }
            guard customers.permitted else { return }
            try customers.open(key)
            screen = .customers
        }
    }

    // MARK: - Forms

    /// Runs a finance or customer form; returns the status message.
    func performReceivablesForm(_ form: FormModel) throws -> StatusMessage {
        let v = { form.value($0) }
        let money = services.receivables
        func amount(_ key: String) throws -> Money {
            guard let text = v(key), let amount = Money(parsing: text), amount.fen > 0 else {
                form.setError(localizer("error.amount"), on: key)
                throw UIError("error.amount")
            }
            return amount
        }
        func day(_ key: String) throws -> CalendarDay? {
            guard let text = v(key) else { return nil }
            if let day = CalendarDay(text) { return day }
            let date = try self.date(text)
            return CalendarDay.containing(date, in: services.timeZone)
        }
        switch form.kind {
        case .recordPayment:
            let contract = v("contract") ?? ""
            let payment = try money.addPayment(contract, amount: try amount("amount"), on: try day("on"), reference: v("reference"),
                                               credit: v("credit") == "yes")
            try receivables.reload()
            let left = try money.contract(payment.contractNumber).summary.outstanding
            return StatusMessage(localizer("receivables.paid", payment.amount, payment.contractNumber, left))
        case .recordInvoice:
            let kind = try InvoiceKind(parsing: v("kind") ?? "")
            let rate = try TaxRate(parsing: v("tax-rate") ?? "13%")
            let invoice = try money.addInvoice(v("contract") ?? "", amount: try amount("amount"), kind: kind, taxRate: rate,
                                               invoiceNumber: v("number") ?? "", issuedOn: try day("on"))
            try receivables.reload()
            return StatusMessage(localizer("receivables.invoiced", invoice.number, invoice.amount))
        case .findCustomer:
            try customers.setFilter(v("name") ?? "")
            return StatusMessage(customers.filter.isEmpty ? localizer("customers.all", customers.customers.count)
                                 : localizer("customers.filtered", customers.customers.count, customers.filter))
        default:
            throw UIError("error.amount")
        }
    }
}
