import ClewDomain
import ClewServices
import Foundation
import GRDB

// MARK: - Plans, payments and invoices (finance)

extension ReceivableService {
    /// How a plan is asked for.
    public enum PlanRequest: Hashable, Sendable {
        /// `count` equal instalments `every` apart, the first on `first` (default: the signed
        /// date plus one period).
        case evenly(count: Int, every: CalendarSpan, first: CalendarDay?)
        /// Explicit due dates and shares (`2027-01-15:40%`).
        case shares([PaymentPlan.Share])
    }

    /// Makes the contract's payment plan; credit the customer has is applied to it at once.
    ///
    /// - Parameter replace: replace an existing plan (only when nothing has been paid on it).
    /// - Throws: ``ReceivableError``, ``ReceivableAccessError``, ``ContractError``.
    @discardableResult
    public func plan(_ number: String, _ request: PlanRequest, replace: Bool = false) throws -> ContractDetail {
        try context.mutate(as: actor) { m in
            let contract = try visible(number, for: .planPayments, m.db)
            guard contract.status == .signed, let signed = contract.signedOn else { throw ReceivableError.notSigned(contract.number) }
            guard contract.amount.fen > 0 else { throw ContractError.noAmount(contract.number) }
            let existing = try Row.fetchAll(m.db, sql: "SELECT id, paid_fen FROM instalment WHERE contract_id = ? AND status = 'open'",
                                            arguments: [contract.id])
            if !existing.isEmpty {
                guard replace else { throw ReceivableError.planExists(contract.number) }
                guard existing.allSatisfy({ ($0["paid_fen"] as Int64) == 0 }) else { throw ReceivableError.planHasPayments(contract.number) }
                for row in existing {
                    try m.change(.instalment, .id(row["id"]), ["status": "cancelled", "next_level_on": nil], action: "replace")
                }
            }
            let instalments: [PaymentPlan.Instalment]
            switch request {
            case let .evenly(count, every, first):
                let start = first ?? every.day(after: signed, on: context.calendar)
                instalments = try PaymentPlan.evenly(contract.amount, count: count, every: every, first: start, calendar: context.calendar)
            case let .shares(shares):
                instalments = try PaymentPlan.shares(contract.amount, shares)
            }
            var open: [PaymentAllocation.OpenInstalment] = []
            for instalment in instalments {
                let next = ReceivableReminder.firstDay(forDue: instalment.due, levels: levels, calendar: context.calendar)
                let id = try m.insert(into: .instalment, [
                    "contract_id": contract.id, "sequence": instalment.sequence, "due_on": instalment.due.description,
                    "amount_fen": instalment.amount.fen, "next_level_on": next?.description, "created_at": m.now.storage,
                ], action: "plan", summary: ("amount", "\(instalment.due) \(instalment.amount)"))
                open.append(PaymentAllocation.OpenInstalment(id: id, sequence: instalment.sequence, due: instalment.due,
                                                             amount: instalment.amount, paid: .zero))
            }
            try applyCredit(ofCustomer: contract.customerID, to: open, m)
            return try detail(of: contract, m.db)
        }
    }

    /// Records money received against the contract, allocated to its oldest open instalments.
    ///
    /// - Parameters:
    ///   - on: the day it was received (default today).
    ///   - credit: keep what is beyond the open balance as credit on the customer instead of
    ///     refusing the payment.
    /// - Throws: ``ReceivableError/overpayment(owed:offered:)``, ``ReceivableError/noPlan(_:)``, …
    @discardableResult
    public func addPayment(_ number: String, amount: Money, on day: CalendarDay? = nil, reference: String? = nil,
                           credit: Bool = false) throws -> PaymentItem {
        let reference = reference.map(TextNormalization.trimmed).flatMap { $0.isEmpty ? nil : String($0.prefix(120)) }
        return try context.mutate(as: actor) { m in
            let contract = try visible(number, for: .recordPayment, m.db)
            guard contract.status == .signed else { throw ReceivableError.notSigned(contract.number) }
            let open = try Self.open(contractID: contract.id, m.db)
            if open.isEmpty, !credit, try Int.fetchOne(m.db, sql: "SELECT count(*) FROM instalment WHERE contract_id = ? AND status = 'open'",
                                                        arguments: [contract.id]) == 0 {
                throw ReceivableError.noPlan(contract.number)
            }
            let outcome = try PaymentAllocation.allocate(amount, to: open, allowCredit: credit)
            let received = day ?? today
            let id = try m.insert(into: .payment, [
                "contract_id": contract.id, "customer_id": contract.customerID, "amount_fen": amount.fen, "received_on": received.description,
                "reference": reference, "created_by": m.actor.login, "created_at": m.now.storage,
            ], action: "receive", summary: ("amount", amount.description))
            try write(outcome.shares, of: id, m)
            try m.notify(contract.owner, kind: "payment", leadID: contract.leadID,
                         body: "\(contract.number) \(contract.customerName): \(amount) received on \(received)",
                         parameters: [contract.number, contract.customerName, amount.description, received.description])
            return try payment(id, m.db)
        }
    }

    /// Reverses payment `id` (红冲): a payment of the opposite amount that takes back each of its
    /// allocations; the original stays, marked reversed.
    ///
    /// - Throws: ``ReceivableError/alreadyReversed(_:)``, ``ReceivableError/reversalOfReversal(_:)``,
    ///   ``ReceivableError/unknownPayment(_:)``, ``ReceivableError/emptyReason``.
    @discardableResult
    public func reversePayment(_ id: Int64, reason: String) throws -> PaymentItem {
        let reason = TextNormalization.trimmed(reason)
        guard !reason.isEmpty else { throw ReceivableError.emptyReason }
        return try context.mutate(as: actor) { m in
            guard let original = try Self.payments(m.db, where: "p.id = ?", [id]).first,
                  let contract = try? visible(original.contractNumber, for: .read, m.db) else { throw ReceivableError.unknownPayment(id) }
            try ReceivableAccess.check(.recordPayment, contract, by: actor)
            if original.reverses != nil { throw ReceivableError.reversalOfReversal(id) }
            if original.reversedBy != nil { throw ReceivableError.alreadyReversed(id) }
            let shares = try Row.fetchAll(m.db, sql: """
                SELECT instalment_id, sum(amount_fen) AS fen FROM payment_allocation WHERE payment_id = ? GROUP BY instalment_id ORDER BY instalment_id
                """, arguments: [id]).map { PaymentAllocation.Share(instalmentID: $0["instalment_id"], amount: Money(fen: $0["fen"])) }
            let reversal = try m.insert(into: .payment, [
                "contract_id": contract.id, "customer_id": contract.customerID, "amount_fen": -original.amount.fen,
                "received_on": today.description, "reference": original.reference, "reverses": id, "reason": String(reason.prefix(500)),
                "created_by": m.actor.login, "created_at": m.now.storage,
            ], action: "reverse", summary: ("reverses", "#\(id) \(original.amount)"))
            try write(PaymentAllocation.reversal(of: shares), of: reversal, m)
            return try payment(reversal, m.db)
        }
    }

    /// Records an invoice issued on the contract; the contract's invoicing task (the
    /// contract-signed trigger's task for finance) is done with it.
    ///
    /// - Throws: ``ReceivableError/overInvoiced(contract:invoiced:amount:)`` when invoices would
    ///   pass the contract's amount, ``ReceivableError/duplicateInvoiceNumber(_:)``, …
    @discardableResult
    public func addInvoice(_ number: String, amount: Money, kind: InvoiceKind, taxRate: TaxRate, invoiceNumber: String,
                           issuedOn: CalendarDay? = nil) throws -> Invoice {
        let invoiceNumber = TextNormalization.trimmed(invoiceNumber)
        guard !invoiceNumber.isEmpty, invoiceNumber.count <= 40 else { throw ReceivableError.emptyInvoiceNumber }
        guard amount.fen > 0 else { throw ReceivableError.nonPositiveAmount }
        guard amount.isWithinLimit else { throw ReceivableError.amountAboveLimit }
        return try context.mutate(as: actor) { m in
            let contract = try visible(number, for: .recordInvoice, m.db)
            guard contract.status != .cancelled else { throw ReceivableError.notSigned(contract.number) }
            if try Bool.fetchOne(m.db, sql: "SELECT EXISTS (SELECT 1 FROM invoice WHERE number = ?)", arguments: [invoiceNumber]) == true {
                throw ReceivableError.duplicateInvoiceNumber(invoiceNumber)
            }
            let invoiced = Money(fen: try Int64.fetchOne(m.db, sql: "SELECT coalesce(sum(amount_fen), 0) FROM invoice WHERE contract_id = ?",
                                                          arguments: [contract.id]) ?? 0)
            if contract.amount.fen > 0, invoiced.fen + amount.fen > contract.amount.fen {
                throw ReceivableError.overInvoiced(contract: contract.number, invoiced: invoiced + amount, amount: contract.amount)
            }
            let issued = issuedOn ?? today
            let id = try m.insert(into: .invoice, [
                "contract_id": contract.id, "number": invoiceNumber, "kind": kind.rawValue, "amount_fen": amount.fen,
                "tax_rate_bp": taxRate.basisPoints, "issued_on": issued.description, "created_by": m.actor.login, "created_at": m.now.storage,
            ], action: "invoice", summary: ("number", invoiceNumber))
            // The invoicing task of the contract trigger (seed 000: 合同签订 starts finance's invoicing).
            for task in try Int64.fetchAll(m.db, sql: """
                SELECT task.id FROM task JOIN user ON user.login = task.assignee
                WHERE task.lead_id = ? AND task.status = 'open' AND task.trigger_event = ? AND user.role = 'finance'
                """, arguments: [contract.leadID, TriggerEvent.contractSigned.description]) {
                try Tasks.setStatus(task, .done, m)
            }
            return Invoice(id: id, contractID: contract.id, number: invoiceNumber, kind: kind, amount: amount, taxRate: taxRate,
                           issuedOn: issued, recordedBy: m.actor.login)
        }
    }

    // MARK: - Helpers

    /// The contract's instalments with money still owed.
    static func open(contractID: Int64, _ db: Database) throws -> [PaymentAllocation.OpenInstalment] {
        try Row.fetchAll(db, sql: """
            SELECT id, sequence, due_on, amount_fen, paid_fen FROM instalment
            WHERE contract_id = ? AND status = 'open' AND paid_fen < amount_fen ORDER BY due_on, sequence
            """, arguments: [contractID]).compactMap { row in
            CalendarDay(row["due_on"] as String).map {
                PaymentAllocation.OpenInstalment(id: row["id"], sequence: row["sequence"], due: $0, amount: Money(fen: row["amount_fen"]),
                                                 paid: Money(fen: row["paid_fen"]))
            }
        }
    }

    /// Allocates the customer's credit (oldest payment first) to `open`.
    private func applyCredit(ofCustomer id: Int64, to open: [PaymentAllocation.OpenInstalment], _ m: Mutation) throws {
        var open = open
        for row in try Row.fetchAll(m.db, sql: "\(Self.creditPayments) ORDER BY p.id", arguments: [id]) {
            let left = Money(fen: row["left_fen"])
            guard left.fen > 0, open.contains(where: { $0.balance.fen > 0 }) else { continue }
            let outcome = try PaymentAllocation.allocate(left, to: open, allowCredit: true)
            try write(outcome.shares, of: row["id"], m)
            for share in outcome.shares {
                if let index = open.firstIndex(where: { $0.id == share.instalmentID }) { open[index].paid = open[index].paid + share.amount }
            }
        }
    }

    /// Writes `shares` of payment `paymentID` and moves each instalment's paid amount. A paid
    /// instalment needs no more reminders; one reopened by a reversal is looked at again today
    /// (the levels it already had do not fire twice).
    private func write(_ shares: [PaymentAllocation.Share], of paymentID: Int64, _ m: Mutation) throws {
        for share in shares where share.amount.fen != 0 {
            try m.insert(into: .paymentAllocation, [
                "payment_id": paymentID, "instalment_id": share.instalmentID, "amount_fen": share.amount.fen, "created_at": m.now.storage,
            ], action: "allocate", summary: ("amount", share.amount.description))
            guard let row = try Row.fetchOne(m.db, sql: "SELECT amount_fen, paid_fen, due_on FROM instalment WHERE id = ?",
                                             arguments: [share.instalmentID]) else { continue }
            let paid = (row["paid_fen"] as Int64) + share.amount.fen
            let settled = paid >= (row["amount_fen"] as Int64)
            let next: String? = settled ? nil : today.description
            try m.change(.instalment, .id(share.instalmentID), ["paid_fen": paid, "next_level_on": next], action: share.amount.fen > 0 ? "pay" : "unpay",
                         silent: ["next_level_on"])
        }
    }

    private func payment(_ id: Int64, _ db: Database) throws -> PaymentItem {
        guard let item = try Self.payments(db, where: "p.id = ?", [id]).first else { throw ReceivableError.unknownPayment(id) }
        return item
    }
}
