import ClewDomain
import Foundation

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
    /// The database file, or its directory, cannot be written by this user.
    case readOnly
    /// The file is not a database, or its pages are damaged.
    case corrupt
    /// The file cannot be opened at all (missing directory, no permission, too many files).
    case cannotOpen(String)
    /// The disk is full, or an I/O error stopped SQLite.
    case storageFailed(String)
    /// An edit was made against an old version of a record.
    case staleVersion(entity: String, changedBy: String, at: Date)
    /// Nothing with this key.
    case notFound(String)
    /// A file or directory could not be created or given its mode.
    case cannotCreate(path: String, reason: String)
    /// The destination file exists; Clew never overwrites one.
    case fileExists(String)
    /// Any other SQLite failure.
    case sqlite(String)

    public var description: String {
        switch self {
        case let .databaseMissing(path): "no Clew database at \(path); create it with 'clew init'"
        case let .alreadyInitialized(path): "\(path) is already a Clew database"
        case let .databaseNewerThanClew(path): "\(path) was upgraded by a newer Clew; update clew"
        case let .notAClewDatabase(path): "\(path) is not a Clew database (it holds other tables); Clew leaves it alone"
        case .notInitialized: "the database has no users; run 'clew init' first"
        case .busy:
            "the database is busy (another user is writing); try again in a moment — if it stays busy, see 'clew doctor' (数据库正忙，请稍后重试)"
        case .readOnly:
            "the database is read-only for you: ask an admin to give your group write access to the database file and its directory (数据库只读，请联系管理员开放写权限)"
        case .corrupt:
            "the database file is damaged or is not a Clew database: stop using it, run 'clew doctor', and restore the latest 'clew backup' (数据库已损坏，请用备份恢复)"
        case let .cannotOpen(reason):
            "cannot open the database (\(reason)): check the path (--db or $CLEW_DB) and that you may read its directory (无法打开数据库，请检查路径和权限)"
        case let .storageFailed(reason):
            "the database could not be written (\(reason)): free disk space or check the disk, then try again (磁盘已满或读写错误)"
        case let .staleVersion(entity, who, at):
            "\(entity) was changed by \(who) at \(StoreError.timestamp(at)); reload and try again"
        case let .notFound(what): what
        case let .cannotCreate(path, reason): "cannot create \(path): \(reason) (无法创建文件)"
        case let .fileExists(path): "\(path) exists; choose a new file name (文件已存在，请换一个文件名)"
        case let .sqlite(message): "database error: \(message)"
        }
    }

    package static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
