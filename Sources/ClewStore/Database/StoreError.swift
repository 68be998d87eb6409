import ClewDomain
import Foundation
import GRDB

/// Errors from the store, with messages a user can act on.
public enum StoreError: UserFacingError, Equatable {
    /// There is no database file at the path.
    case databaseMissing(String)
    /// The database already exists (`clew init` twice).
    case alreadyInitialized(String)
    /// Another, newer Clew migrated the database.
    case databaseNewerThanClew(String)
    /// The file is an SQLite database of another program (Clew adds nothing to it).
    case notAClewDatabase(String)
    /// The database has no users yet.
    case notInitialized
    /// Another process held the database for longer than the busy timeout.
    case busy
    /// An edit was made against an old version of a record.
    case staleVersion(entity: String, changedBy: String, at: Date)
    /// Nothing with this key.
    case notFound(String)
    /// A request that contradicts the data (a duplicate, a user that exists…).
    case conflict(String)
    /// Any other SQLite failure.
    case sqlite(String)

    init(_ error: DatabaseError) {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        default: self = .sqlite(error.message ?? error.description)
        }
    }

    public var description: String {
        switch self {
        case let .databaseMissing(path): "no Clew database at \(path); create it with 'clew init'"
        case let .alreadyInitialized(path): "\(path) is already a Clew database"
        case let .databaseNewerThanClew(path): "\(path) was upgraded by a newer Clew; update clew"
        case let .notAClewDatabase(path): "\(path) is not a Clew database (it holds other tables); Clew leaves it alone"
        case .notInitialized: "the database has no users; run 'clew init' first"
        case .busy: "the database is busy (another user is writing); try again in a moment"
        case let .staleVersion(entity, who, at):
            "\(entity) was changed by \(who) at \(StoreError.timestamp(at)); reload and try again"
        case let .notFound(what): what
        case let .conflict(what): what
        case let .sqlite(message): "database error: \(message)"
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
