import ClewDomain
import ClewServices
import Foundation
import GRDB

/// ``ClewServices/DealRepository`` over the `contract` and `opportunity` tables (``Contracts``,
/// ``Conversions``).
struct SQLiteDeals: DealRepository {
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
}
