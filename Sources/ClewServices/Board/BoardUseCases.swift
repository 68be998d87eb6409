import ClewDomain
import Foundation

/// The kanban board: each column's count and amount, and pages of its cards, read only for
/// what is visible.
public protocol BoardUseCases: Sendable {
    /// Every column, in board order, with its count and amount for `scope` and `filter`.
    func columns(scope: BoardScope, filter: BoardFilter) throws -> [BoardColumn]
    /// One page of the column `key`'s cards.
    func cards(in key: String, scope: BoardScope, filter: BoardFilter, offset: Int, limit: Int) throws -> [BoardCard]
}
