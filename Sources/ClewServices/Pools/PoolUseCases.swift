import ClewDomain
import Foundation

/// The lead pools (公海) the actor may see, their leads, and the leads the actor claimed.
public protocol PoolUseCases: Sendable {
    /// Every pool the actor may see, with its count and the actor's claims left today.
    func pools() throws -> [PoolSummary]
    /// A page of the leads in `pool`.
    func leads(in pool: String, offset: Int, limit: Int) throws -> [Lead]
    /// A page of the open leads the actor claimed from a pool.
    func claimedLeads(offset: Int, limit: Int) throws -> [Lead]
    /// How many open leads the actor claimed from a pool.
    func claimedCount() throws -> Int
}
