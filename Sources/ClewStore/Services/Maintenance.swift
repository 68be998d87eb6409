import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Creating, backing up and checking the database.
public enum Maintenance {
    /// Creates the database at `path` and makes `login` its first admin (`clew init`).
    ///
    /// - Throws: ``StoreError/alreadyInitialized(_:)`` when the database already has users.
    @discardableResult
    public static func initialize(path: String, admin login: String, name: String, clock: any WallClock = SystemWallClock(),
                                  fileMode: mode_t = ClewDatabase.personalFileMode) throws -> ClewDatabase {
        let database = try ClewDatabase(path: path, create: true, fileMode: fileMode)
        let admin = UserProfile(login: login, name: name, role: .admin, capacity: 0)
        let actor = ActingUser(profile: admin)
        let now = clock.now()
        try database.write { db in
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM user") ?? 0 > 0 { throw StoreError.alreadyInitialized(path) }
            try UserDirectory.insert(admin, Mutation(db: db, actor: actor, now: now))
        }
        return database
    }

    /// Copies the live database to `destination` with SQLite's online backup API: consistent even
    /// while others write. Refuses to overwrite an existing file.
    public static func backup(_ database: ClewDatabase, to destination: String, actor: ActingUser) throws {
        try AccessPolicy.check(.administer, actor)
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw StoreError.fileExists(destination)
        }
        // A copy of everything: readable by its owner only, never through a planted symlink.
        // A path the user named: opened with the user's own group only (a team install).
        let target = try Privilege.asUser {
            try ClewDatabase.createEmptyFile(destination, mode: ClewDatabase.personalFileMode)
            return try DatabaseQueue(path: destination)
        }
        do {
            try database.pool.backup(to: target)
            try target.close()
        } catch let error as DatabaseError {
            throw StoreError(error)
        }
    }

    /// One finding of ``doctor(_:)``.
    public struct Finding: Hashable, Sendable, Codable {
        /// `ok`, `warning` or `error`.
        public var level: String
        public var check: String
        public var detail: String

        public init(level: String, check: String, detail: String) {
            self.level = level
            self.check = check
            self.detail = detail
        }
    }

    /// Checks integrity, foreign keys, migrations, orphans and the search index.
    public static func doctor(_ database: ClewDatabase) throws -> [Finding] {
        try database.read { db in
            var findings: [Finding] = []
            func add(_ level: String, _ check: String, _ detail: String) { findings.append(Finding(level: level, check: check, detail: detail)) }
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            integrity == ["ok"] ? add("ok", "integrity", "SQLite integrity check passed")
                : add("error", "integrity", integrity.prefix(5).joined(separator: "; "))
            let fkProblems = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            fkProblems.isEmpty ? add("ok", "foreign keys", "no dangling references")
                : add("error", "foreign keys", "\(fkProblems.count) dangling references")
            let applied = try ClewMigrations.migrator.appliedIdentifiers(db)
            let missing = ClewMigrations.identifiers.filter { !applied.contains($0) }
            missing.isEmpty ? add("ok", "migrations", "\(applied.count) applied: \(ClewMigrations.identifiers.joined(separator: ", "))")
                : add("error", "migrations", "not applied: \(missing.joined(separator: ", "))")
            let journal = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?"
            journal == "wal" ? add("ok", "journal", "WAL") : add("warning", "journal", "journal mode is \(journal), expected wal")
            let orphanChecks: [(String, String)] = [
                ("leads with an unknown owner", "SELECT count(*) FROM lead WHERE owner IS NOT NULL AND owner NOT IN (SELECT login FROM user)"),
                ("open leads owned by deactivated users", "SELECT count(*) FROM lead JOIN user ON user.login = lead.owner WHERE user.active = 0 AND lead.status IN ('assigned','active')"),
                ("open tasks of deactivated users", "SELECT count(*) FROM task JOIN user ON user.login = task.assignee WHERE user.active = 0 AND task.status = 'open'"),
                ("assigned or active leads without an owner", "SELECT count(*) FROM lead WHERE owner IS NULL AND status IN ('assigned','active')"),
                ("active leads without a stage", "SELECT count(*) FROM lead WHERE status = 'active' AND stage IS NULL"),
                ("merged leads without a target", "SELECT count(*) FROM lead WHERE status = 'merged' AND merged_into IS NULL"),
                ("follow-ups of missing leads", "SELECT count(*) FROM follow_up WHERE lead_id NOT IN (SELECT id FROM lead)"),
            ]
            for (label, sql) in orphanChecks {
                let count = try Int.fetchOne(db, sql: sql) ?? 0
                count == 0 ? add("ok", label, "none") : add("warning", label, "\(count) found")
            }
            // The search tables are contentless (v3): count(*) counts the rows indexed.
            let leads = try Int.fetchOne(db, sql: "SELECT count(*) FROM lead") ?? 0
            let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM lead_search") ?? 0
            indexed == leads ? add("ok", "search index", "\(indexed) leads indexed")
                : add("error", "search index", "\(indexed) indexed for \(leads) leads")
            let followUps = try Int.fetchOne(db, sql: "SELECT count(*) FROM follow_up") ?? 0
            let notesIndexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM follow_up_search") ?? 0
            notesIndexed == followUps ? add("ok", "follow-up search index", "\(notesIndexed) follow-ups indexed")
                : add("error", "follow-up search index", "\(notesIndexed) indexed for \(followUps) follow-ups")
            return findings
        }
    }
}
