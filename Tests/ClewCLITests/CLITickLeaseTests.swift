import ClewServices
import ClewStore
import Foundation
import GRDB
import Testing

/// `clew tick` and the lease (issue 12 §4): `--strict` fails when another tick held it, and a
/// lease whose process is gone does not hold anyone up.
@Suite("CLI: tick lease", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLITickLeaseTests {
    static func hold(_ sandbox: CLISandbox, pid: Int32, started: Int64) throws {
        let queue = try DatabaseQueue(path: sandbox.db)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO lease (name, holder, acquired_at, expires_at, host, pid, process_start, admin)
                VALUES ('tick', ?, 0, 9e12, ?, ?, ?, 1)
                ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, process_start = excluded.process_start
                """, arguments: ["\(pid)@\(ProcessIdentity.current.host)", ProcessIdentity.current.host, Int64(pid), started])
        }
        try queue.close()
    }

    @Test func strictFailsWhileALiveTickHoldsTheLeaseAndAGoneOneHoldsNobody() throws {
        let s = try CLISandbox()
        try s.ok("init", "--name", "Root Admin")
        let me = ProcessIdentity.current
        try Self.hold(s, pid: me.pid, started: me.started)
        #expect(try s.ok("tick").contains("nothing done"))
        expectUserError(try s.clew("tick", "--strict"), containing: ["another tick is running", "nothing done"])

        // The holder was kill -9ed: its pid is gone, so the lease is taken over at once.
        try Self.hold(s, pid: 999_999, started: 1)
        let run = try s.clew("tick", "--strict")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("Tick as of"))
    }
}
