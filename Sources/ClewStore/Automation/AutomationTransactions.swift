import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The transactions the automation layer runs (a port: ``ClewAutomation`` never sees the
/// database, only ``Mutation``s handed to it here).
extension ClewContext {
    /// Runs `body` in one write transaction as `actor`, with `now` as the change's time (the
    /// tick's `--as-of`).
    package func automationWrite<T>(as actor: ActingUser, at now: Date, _ body: (Mutation) throws -> T) throws -> T {
        try database.write { try body(Mutation(db: $0, actor: actor, now: now)) }
    }

    /// Runs `body` as ``automationWrite(as:at:_:)`` does, but takes the write lock only at the
    /// first write (see ``ClewDatabase/writeWhenNeeded(_:)``): a tick that finds nothing due
    /// reads from a snapshot and makes nobody wait, however long its timer queries take. If
    /// another process commits before `body`'s first write, `body` runs again in a transaction
    /// that holds the lock from its start, so it must be safe to run twice.
    package func automationWriteWhenNeeded<T>(as actor: ActingUser, at now: Date, _ body: (Mutation) throws -> T) throws -> T {
        try database.writeWhenNeeded { try body(Mutation(db: $0, actor: actor, now: now)) }
    }

    /// Runs `body` as ``automationWrite(as:at:_:)`` would, but on a private copy of the
    /// database that is discarded afterwards (a dry run holds no lock however long it takes).
    package func rehearse<T>(as actor: ActingUser, at now: Date, _ body: (Mutation) throws -> T) throws -> T {
        try database.rehearseOnCopy { try body(Mutation(db: $0, actor: actor, now: now)) }
    }

    /// The process definition applied last (the standard one when none was).
    package func appliedProcess() throws -> ProcessDefinition {
        try read { try ProcessService.current($0) }
    }
}

extension Lease {
    /// Takes lease `name` in its own transaction (see ``acquire(_:holder:process:admin:for:now:isGone:_:)``);
    /// nil when taken, else who holds it.
    package static func acquire(_ name: String, holder: String, process: ProcessIdentity?, admin: Bool, for duration: TimeInterval,
                                now: Date, in context: ClewContext) throws -> Holder? {
        try context.database.write { try acquire(name, holder: holder, process: process, admin: admin, for: duration, now: now, $0) }
    }

    /// Gives lease `name` up (if `holder` still holds it) and records `at` under `record`, in
    /// one transaction.
    package static func release(_ name: String, holder: String, recording record: String, at date: Date, in context: ClewContext) throws {
        try context.database.write {
            try release(name, holder: holder, $0)
            try self.record(record, holder: holder, at: date, $0)
        }
    }

    /// Who holds lease `name`, read in its own transaction.
    package static func holder(of name: String, in context: ClewContext) throws -> Holder? {
        try context.read { try holder(of: name, $0) }
    }

    /// Who holds lease `name`, inside the transaction of `m`.
    package static func holder(of name: String, _ m: Mutation) throws -> Holder? {
        try holder(of: name, m.db)
    }

    /// Moves the expiry of lease `name` to `until`, if `holder` holds it.
    package static func extend(_ name: String, holder: String, until: Date, _ m: Mutation) throws {
        try m.db.execute(sql: "UPDATE lease SET expires_at = ? WHERE name = ? AND holder = ?", arguments: [until.storage, name, holder])
    }
}
