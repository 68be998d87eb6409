import ClewDomain
import Foundation

/// The leads of a transaction. Lists take a ``ClewDomain/LeadCriteria`` — the one description
/// of "which leads", whose ``ClewDomain/LeadCriteria/matches(_:facts:)`` is the decision (with
/// the lead's open tasks and escalations as its facts, for the work flags) and which each store
/// translates into its query — and read only the page they are asked for.
public protocol LeadRepository {
    /// The lead numbered `number`, whoever may see it (the use case decides that).
    func lead(number: LeadNumber) throws -> Lead?
    /// Lead `id`.
    func lead(id: Int64) throws -> Lead?
    /// The leads assigned to `owner` and not yet confirmed, longest waiting first, at most `limit`.
    func awaitingConfirmation(owner: String, limit: Int) throws -> [Lead]

    /// How many leads `criteria` selects (a store may answer from its maintained tallies).
    func count(_ criteria: LeadCriteria) throws -> Int
    /// How many leads each of `criteria` selects, with their amounts, in one read (a store may
    /// answer from its maintained tallies when no filter narrows them).
    func totals(_ criteria: [LeadCriteria]) throws -> [LeadTotals]
    /// The leads `criteria` selects in `order`, from `offset`, at most `limit`.
    func page(_ criteria: LeadCriteria, order: LeadOrder, offset: Int, limit: Int) throws -> [Lead]
    /// The leads `criteria` selects, longest in their status first, as a few columns each
    /// (number, customer, grade, region, industry), for planning over a whole queue.
    func queueEntries(_ criteria: LeadCriteria, limit: Int) throws -> [ScreeningEntry]
    /// The score breakdowns stored with leads `ids` (what each rule added when last scored),
    /// for those that have one.
    func storedScoreParts(of ids: [Int64]) throws -> [Int64: String]

    /// How many pooled leads `criteria` selects in each pool (a lead with no pool counts in
    /// ``ClewDomain/PoolDefinition/general``); pools with none are left out.
    func pooledCounts(_ criteria: LeadCriteria) throws -> [String: Int]
    /// The pooled leads in `pool` that `criteria` selects, the most recently pooled first (then
    /// by id, descending), from `offset`, at most `limit`.
    func pooled(in pool: String, _ criteria: LeadCriteria, offset: Int, limit: Int) throws -> [Lead]
    /// `owner`'s open leads (assigned or active) that came from a pool — claimed, or routed to
    /// them from one —, the most recently assigned first, from `offset`, at most `limit`.
    func fromPools(owner: String, offset: Int, limit: Int) throws -> [Lead]
    /// How many leads ``fromPools(owner:offset:limit:)`` has in all.
    func fromPoolsCount(owner: String) throws -> Int
}
