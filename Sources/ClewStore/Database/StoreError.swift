import ClewDomain
import ClewServices
import Foundation
import GRDB

extension StoreError {
    init(_ error: DatabaseError) {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH: self = .readOnly
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .corrupt
        case .SQLITE_CANTOPEN: self = .cannotOpen(error.message ?? "cannot open the file")
        case .SQLITE_FULL: self = .storageFailed("the disk is full")
        case .SQLITE_IOERR, .SQLITE_NOLFS, .SQLITE_PROTOCOL: self = .storageFailed(error.message ?? "an I/O error")
        default: self = .sqlite(error.message ?? "\(error.resultCode)")
        }
    }

    /// `error` as a ``StoreError`` when it is one or a SQLite error (so no raw SQLite message
    /// ever reaches the user), else nil.
    public static func mapping(_ error: any Error) -> StoreError? {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError { return StoreError(error) }
        return nil
    }
}
