import ClewDomain
import Foundation

/// The leads of a transaction, as the use cases over ports need them so far (tasks, the inbox);
/// the other lead use cases move onto it next (issue 9).
public protocol LeadRepository {
    /// The lead numbered `number`, whoever may see it (the use case decides that).
    func lead(number: LeadNumber) throws -> Lead?
    /// Lead `id`.
    func lead(id: Int64) throws -> Lead?
    /// The leads assigned to `owner` and not yet confirmed, longest waiting first, at most `limit`.
    func awaitingConfirmation(owner: String, limit: Int) throws -> [Lead]
}
