import Foundation
import GRDB
import Testing

/// No raw SQLite errors (issue 12 §5): start-up under another process's write lock, and damaged
/// or unreadable files, end in one clear line — or, for reads, simply work.
@Suite("CLI database conditions", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLIDatabaseErrorTests {
    @Test func readsDoNotWaitForAWriteLockHeldAtStartUp() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.addLead(phone: "13800138000")
        // Another connection empties the WAL, then holds the write lock (as a long import would).
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: s.db, configuration: configuration)
        try other.writeWithoutTransaction { db in
            _ = try db.checkpoint(.truncate)
            try db.execute(sql: "BEGIN IMMEDIATE")
        }
        defer { try? other.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") } }
        let started = Date()
        let list = try s.clew("lead", "list")
        #expect(list.status == 0, "\(list)")
        #expect(list.stdout.contains(number))
        #expect(try s.clew("lead", "show", number).status == 0)
        #expect(Date().timeIntervalSince(started) < 10, "reads answer at once, not after the 15 s busy timeout")
    }

    @Test func aDamagedDatabaseFileIsOneClearLine() throws {
        let s = try CLISandbox()
        try Data(repeating: 0x5A, count: 8_192).write(to: URL(fileURLWithPath: s.db))
        expectUserError(try s.clew("lead", "list"), containing: ["damaged or is not a Clew database", "clew backup", "数据库已损坏"])
        #expect(try s.clew("lead", "list").stderr.contains("SQLite error") == false)
    }
}
