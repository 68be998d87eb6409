import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// The database file itself: who may read it, and which files Clew agrees to open.
@Suite("Database files", .serialized)
struct DatabaseFileTests {
    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clew-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Runs `body` with the process umask set to `mask`.
    static func withUmask<T>(_ mask: mode_t, _ body: () throws -> T) rethrows -> T {
        let old = umask(mask)
        defer { umask(old) }
        return try body()
    }

    @Test func aPersonalDatabaseAndItsSidecarsAreOwnerOnlyWhateverTheUmask() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/new/clew.db"
        let database = try Self.withUmask(0o022) {
            try Maintenance.initialize(path: path, admin: "admin", name: "Ada")
        }
        defer { try? database.close() }
        #expect(try Self.mode(path) == 0o600)
        #expect(try Self.mode(directory + "/new") == 0o700)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            #expect(try Self.mode(path + suffix) == 0o600, "\(suffix)")
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aTeamDatabaseIsGroupReadableAndWritableEvenUnderUmask077() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/clew.db"
        let database = try Self.withUmask(0o077) {
            try ClewDatabase(path: path, create: true, fileMode: ClewDatabase.sharedFileMode)
        }
        defer { try? database.close() }
        #expect(try Self.mode(path) == 0o660)
    }

    @Test func aBackupIsOwnerOnly() throws {
        let db = try TemporaryDatabase(withTeam: false)
        let destination = db.directory.appendingPathComponent("copy.db").path
        try Self.withUmask(0o022) {
            try Maintenance.backup(db.database, to: destination, actor: try db.actor("admin"))
        }
        #expect(try Self.mode(destination) == 0o600)
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftAlone() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/other.db"
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { try $0.execute(sql: "CREATE TABLE invoice (id INTEGER PRIMARY KEY, total INTEGER); INSERT INTO invoice VALUES (1, 99)") }
            try queue.close()
        }
        #expect(throws: StoreError.notAClewDatabase(path)) { try ClewDatabase(path: path) }
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        let tables = try queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(tables == ["invoice"])
        // An empty SQLite file is fine: it becomes a Clew database.
        let empty = directory + "/empty.db"
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        let created = try ClewDatabase(path: empty)
        try created.close()
    }
}
