import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// ``ClewDatabase/writeWhenNeeded(_:)`` (issue 12 §1): a transaction that takes the write lock
/// only at its first write, and runs again holding it from the start when another process
/// committed between its snapshot and that write.
@Suite("Writes that lock only when they write")
struct WriteWhenNeededTests {
    /// `lease` is a plain table (no triggers, no audit) the tests can write directly.
    static func leases(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM lease ORDER BY name")
    }

    static func insertLease(_ name: String, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO lease (name, holder, acquired_at, expires_at) VALUES (?, 'test', 0, 0)", arguments: [name])
    }

    @Test func aReadOnlyBodyCommitsWhileAnotherProcessHoldsTheWriteLock() throws {
        let db = try TemporaryDatabase()
        var configuration = Configuration()
        configuration.busyMode = .immediateError
        let other = try DatabaseQueue(path: db.path, configuration: configuration)
        try other.writeWithoutTransaction { raw in
            try raw.execute(sql: "BEGIN IMMEDIATE")
            defer { try? raw.execute(sql: "ROLLBACK") }
            let started = Date()
            let names = try db.database.writeWhenNeeded { try Self.leases($0) }
            #expect(names.isEmpty)
            #expect(Date().timeIntervalSince(started) < 5, "it did not wait for the lock")
        }
    }

    @Test func aCommitAfterTheSnapshotMakesTheBodyRunAgainOnTheNewData() throws {
        let db = try TemporaryDatabase()
        let other = try DatabaseQueue(path: db.path)
        var runs: [[String]] = []
        let written = try db.database.writeWhenNeeded { database -> [String] in
            let seen = try Self.leases(database)
            runs.append(seen)
            if runs.count == 1 {
                // Another process commits after this transaction's snapshot was taken.
                try other.write { try Self.insertLease("theirs", $0) }
            }
            try Self.insertLease("mine", database)
            return try Self.leases(database)
        }
        #expect(runs == [[], ["theirs"]], "the second run read what the other process committed")
        #expect(written == ["mine", "theirs"])
        #expect(try db.database.read { try Self.leases($0) } == ["mine", "theirs"])
    }

    @Test func aBodyThatWritesWithoutInterferenceRunsOnce() throws {
        let db = try TemporaryDatabase()
        var runs = 0
        try db.database.writeWhenNeeded { database in
            runs += 1
            try Self.insertLease("mine", database)
        }
        #expect(runs == 1)
        #expect(try db.database.read { try Self.leases($0) } == ["mine"])
    }
}

/// ``ClewDatabase/restartLogIfLarge(over:)``: a long job's log starts over once it is large,
/// unless a reader still uses it, and then it gives up within its short wait.
@Suite("Restarting a large write-ahead log")
struct LogRestartTests {
    /// The frames in the log now (a passive checkpoint reports them and changes nothing a writer sees).
    static func logFrames(_ queue: DatabaseQueue) throws -> Int {
        try queue.writeWithoutTransaction { try Row.fetchOne($0, sql: "PRAGMA wal_checkpoint(PASSIVE)")?[1] as Int? ?? -1 }
    }

    @Test func aLargeLogStartsOverAndTheNextWriteGoesToItsBeginning() throws {
        let db = try TemporaryDatabase()
        let raw = try DatabaseQueue(path: db.path)
        for n in 0..<20 { try raw.write { try WriteWhenNeededTests.insertLease("l\(n)", $0) } }
        #expect(try Self.logFrames(raw) >= 20)
        #expect(db.database.restartLogIfLarge(over: ClewDatabase.logRestartBytes) == false, "a small log is left alone")
        #expect(db.database.restartLogIfLarge(over: 0))
        try raw.write { try WriteWhenNeededTests.insertLease("after", $0) }
        #expect(try Self.logFrames(raw) < 20, "the write after the restart began the log again")
        #expect(try db.database.read { try WriteWhenNeededTests.leases($0).count } == 21)
    }

    @Test func aReaderOnTheLogMakesItGiveUpQuickly() throws {
        let db = try TemporaryDatabase()
        let raw = try DatabaseQueue(path: db.path)
        try raw.write { try WriteWhenNeededTests.insertLease("first", $0) }
        let reader = try DatabaseQueue(path: db.path)
        try reader.writeWithoutTransaction { database in
            try database.execute(sql: "BEGIN DEFERRED")
            defer { try? database.execute(sql: "COMMIT") }
            _ = try WriteWhenNeededTests.leases(database)   // holds a snapshot that reads from the log
            try raw.write { try WriteWhenNeededTests.insertLease("second", $0) }
            let started = Date()
            #expect(db.database.restartLogIfLarge(over: 0) == false)
            #expect(Date().timeIntervalSince(started) < 3)
        }
        #expect(db.database.restartLogIfLarge(over: 0), "once the reader is done it restarts")
    }
}
