import ClewDomain
import ClewServices
import Foundation
import GRDB

/// A named lock in the database with an expiry (the `lease` table): one holder at a time
/// across every process. A lease cannot be held hostage: it names the process holding it (host,
/// pid, start time), so when that process is gone — a `kill -9`, a closed terminal — the next
/// claimant takes it over at once instead of waiting for the expiry; and an admin's claim
/// preempts a lease held by a non-admin (a rep's background tick never keeps an admin's
/// `clew tick` waiting).
package enum Lease {
    /// Who holds a lease.
    package struct Holder: Sendable, Equatable {
        package var holder: String
        package var expiresAt: Date
        /// The process holding it, when it named itself.
        var process: ProcessIdentity? = nil
        /// Whether it was taken by an admin.
        var admin = false
    }

    /// Whether `claimant` may take a lease `current` holds at `now`: it is its own, it
    /// expired, its process is gone, or an admin claims what a non-admin holds.
    static func mayTake(_ current: Holder, claimant: String, admin: Bool, now: Date,
                        isGone: (ProcessIdentity) -> Bool = ProcessIdentity.isGone) -> Bool {
        if current.holder == claimant || current.expiresAt <= now { return true }
        if let process = current.process, isGone(process) { return true }
        return admin && !current.admin
    }

    /// Takes lease `name` for `holder` until `now + duration` — when ``mayTake(_:claimant:admin:now:isGone:)``
    /// allows it — and returns nil; otherwise returns who holds it.
    static func acquire(_ name: String, holder: String, process: ProcessIdentity? = nil, admin: Bool = false,
                        for duration: TimeInterval, now: Date,
                        isGone: (ProcessIdentity) -> Bool = ProcessIdentity.isGone, _ db: Database) throws -> Holder? {
        if let current = try self.holder(of: name, db),
           !mayTake(current, claimant: holder, admin: admin, now: now, isGone: isGone) {
            return current
        }
        try db.execute(sql: """
            INSERT INTO lease (name, holder, acquired_at, expires_at, host, pid, process_start, admin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at,
              host = excluded.host, pid = excluded.pid, process_start = excluded.process_start, admin = excluded.admin
            """, arguments: [name, holder, now.storage, now.addingTimeInterval(duration).storage,
                             process?.host, process.map { Int64($0.pid) }, process?.started, admin])
        return nil
    }

    /// Gives lease `name` up, if `holder` still holds it.
    static func release(_ name: String, holder: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM lease WHERE name = ? AND holder = ?", arguments: [name, holder])
    }

    /// Who holds lease `name` and until when, if anyone ever took it.
    static func holder(of name: String, _ db: Database) throws -> Holder? {
        try Row.fetchOne(db, sql: "SELECT holder, expires_at, host, pid, process_start, admin FROM lease WHERE name = ?", arguments: [name])
            .map { row in
                var process: ProcessIdentity?
                if let host = row["host"] as String?, let pid = row["pid"] as Int64?, let pid32 = Int32(exactly: pid) {
                    process = ProcessIdentity(host: host, pid: pid32, started: row["process_start"] ?? 0)
                }
                return Holder(holder: row["holder"], expiresAt: Date(storage: row["expires_at"]), process: process, admin: row["admin"] ?? false)
            }
    }

    /// Records an instant under `name` (the row's expiry), e.g. when the last tick finished.
    static func record(_ name: String, holder: String, at date: Date, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO lease (name, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
            """, arguments: [name, holder, date.storage, date.storage])
    }

    /// This process, as a lease holder: `pid@host`.
    package static var processHolder: String { ProcessIdentity.current.description }
}
