import ClewDomain
import ClewServices
import Foundation
import GRDB

/// What happens after a seeded win (issue 14): the deal's contract through the write path the
/// services use (``Contracts``), then its lines, payment plan, payments and invoices in bulk —
/// prepared statements inside the seed's batch transaction, one audit row per record.
///
/// The customers behave the way a finance lead sees them: most pay each instalment around its due
/// date, some pay late, a few pay only part or stop paying, some pay the whole contract up front,
/// and contracts signed in the last days often have no plan yet. Instalments still owed carry the
/// reminder levels' schedule as if the tick had run every day: the overdue mark once the overdue
/// level's day has passed, and the day of the next level still to come.
///
/// Each lead's receivables draw from their own random stream (from the seed and the lead's
/// index), so the leads, follow-ups and tasks a seed makes are the same with or without them.
struct SeedReceivables {
    let context: ClewContext
    let now: Date
    let today: CalendarDay
    let finance: String

    init(context: ClewContext, now: Date, finance: String) {
        self.context = context
        self.now = now
        self.today = CalendarDay.containing(now, in: context.calendar.timeZone)
        self.finance = finance
    }

    /// What one lead's receivables added.
    struct Counts {
        var contracts = 0
        var instalments = 0
        var payments = 0
        var invoices = 0
    }

    /// How a seeded customer pays.
    enum Payer: CaseIterable {
        /// Each instalment in full, around its due date.
        case punctual
        /// Each instalment in full, one to three weeks late (the latest one may still be open).
        case late
        /// About half of each instalment that has fallen due.
        case partial
        /// Half of the first instalment, then nothing (collection, escalation).
        case defaulter
        /// The whole contract a few days after signing.
        case upFront
    }

    static func random(lead index: Int, seed: UInt64) -> SeedRandom {
        SeedRandom(seed: seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(index) &* 0x9E37_79B9 &+ 14)
    }

    // MARK: - Contracts

    /// A deal in the contract stage (合同签订): its draft contract, on a customer made now.
    func draft(_ lead: Lead, enteredAt: Double, actor: ActingUser, _ db: Database) throws -> Int {
        try Contracts.open(for: lead, context: context, Mutation(db: db, actor: actor, now: Date(storage: enteredAt)))
        return 1
    }

    /// A deal lost in the contract stage: its draft, cancelled at the loss.
    func cancelled(_ lead: Lead, enteredAt: Double, closedAt: Double, actor: ActingUser, _ db: Database) throws -> Int {
        try Contracts.open(for: lead, context: context, Mutation(db: db, actor: actor, now: Date(storage: enteredAt)))
        try Contracts.cancel(leadID: lead.id, Mutation(db: db, actor: actor, now: Date(storage: closedAt)))
        return 1
    }

    /// A won deal: the contract signed at the win (its lines, expected delivery), then — unless
    /// it was signed so lately that finance has not planned it — its plan, the payments the
    /// customer made by today and the invoices finance issued.
    func signed(_ lead: Lead, amount: Money, closedAt: Double, actor: ActingUser, _ r: inout SeedRandom, _ db: Database) throws -> Counts {
        var counts = Counts(contracts: 1)
        let signedAt = Date(storage: closedAt)
        try Contracts.sign(for: lead, amount: amount, context: context, Mutation(db: db, actor: actor, now: signedAt))
        guard let contractID = try Int64.fetchOne(db, sql: "SELECT id FROM contract WHERE lead_id = ?", arguments: [lead.id]),
              let customerID = try Int64.fetchOne(db, sql: "SELECT customer_id FROM contract WHERE id = ?", arguments: [contractID])
        else { return counts }
        let signed = CalendarDay.containing(signedAt, in: context.calendar.timeZone)
        let number = Contract.number(forLead: lead.number.description)
        try writeLines(contractID, amount: amount, at: closedAt, &r, db)
        try db.cachedStatement(sql: "UPDATE contract SET delivery_on = ? WHERE id = ?")
            .execute(arguments: [signed.adding(days: r.pick([15, 30, 45, 60, 90])).description, contractID])
        try audit(at: closedAt, by: lead.owner, entity: .contract, id: contractID, field: "delivery_on", new: "set", db)

        // Signed in the last fortnight: often not planned yet (finance's to-do).
        if signed >= today.adding(days: -14) ? r.chance(0.5) : r.chance(0.03) { return counts }
        let period: CalendarSpan = r.chance(0.8) ? .days(30) : .months(1)
        let count = r.pick([1, 2, 2, 3, 3, 3, 3, 4, 6])
        let plannedAt = closedAt + Double(r.int(1...3)) * 86_400
        let first = period.day(after: signed, on: context.calendar)
        let plan = try PaymentPlan.evenly(amount, count: count, every: period, first: first, calendar: context.calendar)
        var instalments: [(id: Int64, due: CalendarDay, amount: Int64, paid: Int64)] = []
        for instalment in plan {
            try db.cachedStatement(sql: """
                INSERT INTO instalment (contract_id, sequence, due_on, amount_fen, created_at) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [contractID, instalment.sequence, instalment.due.description, instalment.amount.fen, plannedAt])
            let id = db.lastInsertedRowID
            try audit(at: plannedAt, action: "plan", entity: .instalment, id: id, field: "amount", new: "\(instalment.due) \(instalment.amount)", version: 1, db)
            instalments.append((id, instalment.due, instalment.amount.fen, 0))
        }
        counts.instalments = plan.count

        // The payments made by today: (day, amount), each allocated oldest instalment first.
        let payer = r.pick([Payer.punctual, .punctual, .punctual, .punctual, .punctual, .punctual, .late, .late, .partial, .defaulter, .upFront])
        var payments: [(day: CalendarDay, fen: Int64)] = []
        let fallenDue = instalments.filter { $0.due <= today }
        switch payer {
        case .punctual:
            payments = fallenDue.map { ($0.due.adding(days: -r.int(0...4)), $0.amount) }
        case .late:
            payments = fallenDue.map { ($0.due.adding(days: r.int(5...25)), $0.amount) }
        case .partial:
            payments = fallenDue.map { ($0.due.adding(days: r.int(0...6)), ($0.amount / 2 / 100) * 100) }
        case .defaulter:
            payments = fallenDue.prefix(1).map { ($0.due.adding(days: r.int(3...15)), ($0.amount / 2 / 100) * 100) }
        case .upFront:
            payments = [(signed.adding(days: r.int(2...10)), amount.fen)]
        }
        var reference = 0
        for payment in payments where payment.fen > 0 {
            let day = max(signed, payment.day)
            guard day <= today else { continue }
            reference += 1
            let at = max(plannedAt, day.date(in: context.calendar.timeZone).storage + 3_600 * Double(r.int(9...17)))
            try db.cachedStatement(sql: """
                INSERT INTO payment (contract_id, customer_id, amount_fen, received_on, reference, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [contractID, customerID, payment.fen, day.description,
                                         "BANK-\(day.description.replacingOccurrences(of: "-", with: ""))-\(lead.id)-\(reference)",
                                         finance, at])
            let paymentID = db.lastInsertedRowID
            try audit(at: at, action: "receive", entity: .payment, id: paymentID, field: "amount", new: Money(fen: payment.fen).description, db)
            counts.payments += 1
            var left = payment.fen
            for index in instalments.indices where left > 0 && instalments[index].paid < instalments[index].amount {
                let share = min(left, instalments[index].amount - instalments[index].paid)
                left -= share
                instalments[index].paid += share
                try db.cachedStatement(sql: "INSERT INTO payment_allocation (payment_id, instalment_id, amount_fen, created_at) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [paymentID, instalments[index].id, share, at])
                try audit(at: at, action: "allocate", entity: .paymentAllocation, id: db.lastInsertedRowID, field: "amount",
                          new: Money(fen: share).description, db)
            }
        }

        // What is still owed carries the reminder levels as if every day's tick had run.
        let levels = context.process.receivableLevels
        for instalment in instalments {
            let balance = instalment.amount - instalment.paid
            var next: CalendarDay?
            var overdueOn: CalendarDay?
            if balance > 0 {
                let days = levels.map { (level: $0, day: $0.day(forDue: instalment.due, on: context.calendar)) }
                next = days.map(\.day).filter { $0 > today }.min()
                overdueOn = days.filter { $0.level.actions.contains(.markOverdue) && $0.day <= today }.map(\.day).min()
            }
            try db.cachedStatement(sql: "UPDATE instalment SET paid_fen = ?, next_level_on = ?, overdue_at = ?, version = ? WHERE id = ?")
                .execute(arguments: [instalment.paid, next?.description,
                                     overdueOn.map { $0.date(in: context.calendar.timeZone).storage + 9 * 3_600 },
                                     instalment.paid > 0 || overdueOn != nil ? 2 : 1, instalment.id])
        }

        // Invoices (先票后款): one per instalment fallen due or due within a fortnight — on every
        // contract signed more than a fortnight ago, on half of the newer ones — 专票 13% for
        // most, 普票 6% for some.
        if signed < today.adding(days: -14) || r.chance(0.5) {
            let special = r.chance(0.8)
            for instalment in instalments where instalment.due <= today.adding(days: 14) {
                let issued = max(signed, instalment.due.adding(days: -r.int(3...10)))
                guard issued <= today else { continue }
                let at = issued.date(in: context.calendar.timeZone).storage + 3_600 * 10
                let invoiceNumber = "FP\(number.filter(\.isNumber))-\(counts.invoices + 1)"
                try db.cachedStatement(sql: """
                    INSERT INTO invoice (contract_id, number, kind, amount_fen, tax_rate_bp, issued_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [contractID, invoiceNumber,
                                             special ? InvoiceKind.special.rawValue : InvoiceKind.normal.rawValue,
                                             instalment.amount, special ? 1_300 : 600, issued.description, finance, at])
                try audit(at: at, action: "invoice", entity: .invoice, id: db.lastInsertedRowID, field: "number", new: invoiceNumber, db)
                counts.invoices += 1
            }
            if counts.invoices > 0 {
                // The invoicing task the win gave finance is done with the first invoice.
                try db.cachedStatement(sql: "UPDATE task SET status = 'done', done_at = ?, done_by = ? WHERE lead_id = ? AND kind = 'invoice' AND status = 'open'")
                    .execute(arguments: [min(now.storage, closedAt + 3 * 86_400), finance, lead.id])
            }
        }
        return counts
    }

    // MARK: - Helpers

    /// One line for a product, or a product and its implementation service, totalling `amount`.
    private func writeLines(_ contractID: Int64, amount: Money, at: Double, _ r: inout SeedRandom, _ db: Database) throws {
        guard r.chance(0.7) else { return }
        let product = r.pick(SeedVocabulary.contractProducts)
        var lines: [(String, Int, Int64)] = []
        if r.chance(0.5), amount.fen >= 2_000_000 {
            let service = (amount.fen / 5 / 10_000) * 10_000
            lines = [(product, 1, amount.fen - service), ("实施与培训服务", 1, service)]
        } else {
            let quantity = r.pick([1, 2, 4, 5, 10])
            lines = amount.fen % Int64(quantity) == 0 ? [(product, quantity, amount.fen / Int64(quantity))] : [(product, 1, amount.fen)]
        }
        for (position, line) in lines.enumerated() {
            try db.cachedStatement(sql: """
                INSERT INTO contract_line (contract_id, position, item, quantity, unit_price_fen, total_fen) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [contractID, position + 1, line.0, line.1, line.2, Int64(line.1) * line.2])
            try audit(at: at, action: "create", entity: .contractLine, id: db.lastInsertedRowID, field: "item", new: line.0, version: 1, db)
        }
    }

    /// One audit row, by finance unless `by` names someone else, marked as made by the seed (`via`).
    private func audit(at: Double, by actor: String? = nil, action: String = "edit", entity table: StoredTable, id: Int64, field: String,
                       new: String? = nil, version: Int? = nil, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO audit (at, actor, via, action, entity, entity_id, field, new, version) VALUES (?, ?, 'seed', ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [at, actor ?? finance, action, table.entity, id, field, new, version])
    }
}
