import ClewDomain
import Foundation
import GRDB

/// A named lock in the database with an expiry (the `lease` table): one holder at a time
/// across every process, and a holder that crashed loses it when it expires.
enum Lease {
    /// Who holds a lease.
    struct Holder: Sendable, Equatable {
        var holder: String
        var expiresAt: Date
    }

    /// Takes lease `name` for `holder` until `now + duration` — when it is free, expired, or
    /// already held by `holder` — and returns nil; otherwise returns who holds it.
    static func acquire(_ name: String, holder: String, for duration: TimeInterval, now: Date, _ db: Database) throws -> Holder? {
        if let row = try Row.fetchOne(db, sql: "SELECT holder, expires_at FROM lease WHERE name = ?", arguments: [name]) {
            let current = Holder(holder: row["holder"], expiresAt: Date(storage: row["expires_at"]))
            if current.holder != holder && current.expiresAt > now { return current }
        }
        try db.execute(sql: """
            INSERT INTO lease (name, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
            """, arguments: [name, holder, now.storage, now.addingTimeInterval(duration).storage])
        return nil
    }

    /// Gives lease `name` up, if `holder` still holds it.
    static func release(_ name: String, holder: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM lease WHERE name = ? AND holder = ?", arguments: [name, holder])
    }

    /// Who holds lease `name` and until when, if anyone ever took it.
    static func holder(of name: String, _ db: Database) throws -> Holder? {
        try Row.fetchOne(db, sql: "SELECT holder, expires_at FROM lease WHERE name = ?", arguments: [name])
            .map { Holder(holder: $0["holder"], expiresAt: Date(storage: $0["expires_at"])) }
    }

    /// Records an instant under `name` (the row's expiry), e.g. when the last tick finished.
    static func record(_ name: String, holder: String, at date: Date, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO lease (name, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
            """, arguments: [name, holder, date.storage, date.storage])
    }

    /// This process, as a lease holder: `pid@host`.
    static var processHolder: String {
        "\(ProcessInfo.processInfo.processIdentifier)@\(ProcessInfo.processInfo.hostName)"
    }
}
