import ClewDomain
import ClewServices
import Foundation
import GRDB

extension LeadService {
    /// An admin corrects the amount a lead was won for (a typo at the win, a renegotiated
    /// contract): the lead and its opportunity change together, audited with the reason.
    ///
    /// - Throws: ``PermissionError`` for anyone but an admin; ``ConversionError`` for an amount
    ///   that is not above zero or above ``ClewDomain/Money/limit``; ``ClewDomain/LeadError/notWon(number:status:)``
    ///   for a lead that is not won.
    @discardableResult
    public func correctWonAmount(_ number: String, to amount: Money, reason: String) throws -> Lead {
        try AccessPolicy.check(.administer, actor)
        let reason = try Self.requireReason(reason, for: .correctingAmount)
        guard amount.fen > 0 else { throw ConversionError.nonPositiveAmount }
        guard amount.isWithinLimit else { throw ConversionError.amountAboveLimit(amount) }
        return try context.mutate(as: actor) { m in
            let lead = try LeadLookup.require(m, number, for: .edit)
            guard lead.status == .won else {
                throw LeadError.notWon(number: lead.number.description, status: lead.status)
            }
            var corrected = lead
            corrected.amount = amount
            let stored = try m.update(lead, to: corrected, action: .correctAmount)
            if let opportunity = try Int64.fetchOne(m.db, sql: "SELECT id FROM opportunity WHERE lead_id = ?", arguments: [lead.id]) {
                try m.change(.opportunity, .id(opportunity), ["amount_fen": amount.fen], action: "correct-amount")
            }
            try m.audit("correct-amount-reason", entity: "lead", id: lead.id, field: "amount_reason", new: reason, version: stored.version)
            return stored
        }
    }
}
