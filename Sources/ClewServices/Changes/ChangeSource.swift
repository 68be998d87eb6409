import ClewDomain
import Foundation

/// Tells a session when the data changed, whoever changed it, and what changed: a cheap poll
/// first, then the records touched since a ``ChangeMark``. The SQLite store's is its
/// `ChangeFeed` (`PRAGMA data_version` and the audit trail); a PostgreSQL store would use
/// `LISTEN`/`NOTIFY` (docs/STORAGE.md).
public protocol ChangeSource: AnyObject, Sendable {
    /// True when something was committed since the previous call.
    func poll() throws -> Bool
    /// Where the data stands now for `login` (take it before reloading what is shown).
    func mark(for login: String) throws -> ChangeMark
    /// What was committed after `mark`, for `login`, and the mark to use next.
    func changes(since mark: ChangeMark, for login: String) throws -> (ChangeSet, ChangeMark)
}
