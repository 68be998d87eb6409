import ClewDomain
import ClewServices
import Foundation
import GRDB

/// ``ClewServices/DealRepository`` over the `contract` and `opportunity` tables (``Contracts``,
/// ``Conversions``).
struct SQLiteDeals: DealRepository {
    let db: Database
    let mutation: Mutation?
    let context: ClewContext

    func openContract(for lead: Lead) throws -> Int64 {
        try Contracts.open(for: lead, context: context, SQLiteTransaction.writing(mutation))
    }

    func cancelDraftContract(ofLead id: Int64) throws {
        try Contracts.cancel(leadID: id, SQLiteTransaction.writing(mutation))
    }

    func closeOpportunityLost(ofLead id: Int64) throws {
        try Conversions.closeLost(leadID: id, SQLiteTransaction.writing(mutation))
    }

    func recordWin(_ conversion: LeadConversion, of lead: Lead) throws {
        try Conversions.record(conversion, lead: lead, SQLiteTransaction.writing(mutation))
    }

    func conversion(ofLead id: Int64) throws -> LeadConversionSummary? {
        try LeadConversionSummary.fetch(leadID: id, db)
    }

    func recordConversion(_ plan: IntentConversion, of lead: Lead) throws -> (customerID: Int64, opportunityID: Int64?) {
        try Conversions.record(plan, lead: lead, SQLiteTransaction.writing(mutation))
    }

    func correctWonAmount(ofLead id: Int64, to amount: Money) throws {
        let m = SQLiteTransaction.writing(mutation)
        if let opportunity = try Int64.fetchOne(m.db, sql: "SELECT id FROM opportunity WHERE lead_id = ?", arguments: [id]) {
            try m.change(.opportunity, .id(opportunity), ["amount_fen": amount.fen], action: LeadChange.correctAmount.rawValue)
        }
    }

    func signContract(for lead: Lead, amount: Money) throws {
        try Contracts.sign(for: lead, amount: amount, context: context, SQLiteTransaction.writing(mutation))
    }
}
