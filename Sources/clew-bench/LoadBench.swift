import ClewBenchBaselines
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// Load (issue 12 §6): `writers` separate processes each running the real CLI
/// (`clew lead add`, one process per write) while `clew import` brings in `rows` rows, also as its
/// own process. Each writer pauses between its writes for a random time averaging `pause` (a
/// person between two saves; exponentially distributed, so writes also bunch up), or writes back
/// to back when `pause` is zero — a saturation test, where on two cores the wait is mostly the
/// queue for the processor, not for the lock. Reports the writers' latencies (spawn to exit, so process
/// start-up is included), failures with their first line, the longest wait for the write lock
/// seen by a probe taking it every 100 ms, whether every successful write is in the database, and
/// the import's rate and peak memory. Target: zero failures, p99 < 2 s.
struct LoadBench {
    let rows: Int
    let writers: Int
    /// Each writer's mean pause between two writes (0: back to back).
    let pause: TimeInterval
    /// The `clew` executable (beside `clew-bench`).
    let clew: String

    struct Result: Encodable {
        var rows: Int
        var writers: Int
        /// Each writer's mean pause between writes, in milliseconds (0: back to back).
        var pauseMs: Double
        var importSeconds: Double
        var importRowsPerSecond: Double
        var importPeakRSSMegabytes: Double
        var importStatus: Int32
        var writes: Int
        var failures: Int
        /// The first line of up to five failures.
        var failureSamples: [String]
        var p50Ms: Double
        var p99Ms: Double
        var maxMs: Double
        var longestLockWaitMs: Double
        /// The probe's waits for the write lock: median and p99.
        var probeWaitP50Ms: Double
        var probeWaitP99Ms: Double
        var probeAttempts: Int
        /// Every write transaction of the `clew` processes (`CLEW_LOCK_TRACE`), per command: how
        /// long it waited for the lock and how long it held it.
        var transactions: [LockTraceSummary]
        /// Leads the writers added, counted in the database afterwards (should equal `writes - failures`).
        var writtenLeads: Int
        var pass: Bool

        var text: String {
            String(format: """
                load: %d writer processes (clew lead add, %@) during clew import of %d rows: \
                %d writes, %d failed · latency p50 %.0f ms, p99 %.0f ms, max %.0f ms (spawn to exit) · \
                longest wait for the write lock %.0f ms (probe, %d tries) · %d leads found for %d successful writes · \
                import %.1f s, %.0f rows/s, peak RSS %.1f MB%@ · target 0 failures, p99 < 2000 ms %@
                """, writers, pauseMs == 0 ? "back to back" : String(format: "each pausing %.1f s on average", pauseMs / 1_000),
                   rows, writes, failures, p50Ms, p99Ms, maxMs, longestLockWaitMs, probeAttempts, writtenLeads,
                   writes - failures, importSeconds, importRowsPerSecond, importPeakRSSMegabytes,
                   importStatus == 0 ? "" : " (exit \(importStatus))", pass ? "ok" : "FAIL")
                + String(format: "\n  probe's waits for the lock: p50 %.0f ms, p99 %.0f ms, max %.0f ms", probeWaitP50Ms, probeWaitP99Ms,
                         longestLockWaitMs)
                + transactions.map { "\n  " + $0.text }.joined()
                + failureSamples.map { "\n  failed: \($0)" }.joined()
        }
    }

    func run(progress: @escaping @Sendable (String) -> Void) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-load-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let me = OSAccount.current() ?? (login: "bench-admin", fullName: nil)
        let path = directory.appendingPathComponent("load.db").path
        try Maintenance.initialize(path: path, admin: me.login, name: me.fullName ?? me.login).close()
        progress("load bench: writing \(rows) rows")
        let file = directory.appendingPathComponent("load.csv")
        try ImportBench.writeCSV(rows: rows, to: file)

        // Every write of the children says how long it waited for the lock and held it.
        let tracePath = directory.appendingPathComponent("locks.trace").path
        setenv("CLEW_LOCK_TRACE", tracePath, 1)
        defer { unsetenv("CLEW_LOCK_TRACE") }
        let probe = try WriteLockProbe(path: path)
        let state = LoadState()
        probe.start()
        let importer = Thread { [clew] in
            let outcome = ChildProcess.run(clew, ["--db", path, "import", file.path, "--no-progress"],
                                           stderrPath: directory.appendingPathComponent("import.err").path)
            state.finishImport(outcome)
        }
        importer.start()
        let pool = WriterPool(clew: clew, database: path, directory: directory.path)
        pool.start(writers, pause: pause, while: { state.importRunning })
        while state.importRunning {
            Thread.sleep(forTimeInterval: 1)
            progress("load bench: \(pool.snapshot.latencies.count) writes so far, import running")
        }
        let writes = pool.wait()
        let (waits, probeFailures) = probe.stop()
        let written = try probe.leads(withPhoneKeyPrefix: "+86159")
        let result = state.result
        let samples = writes.latencies.sorted()
        func quantile(_ q: Double) -> Double { Self.quantile(q, of: samples) }
        let probeWaits = waits.sorted()
        let failures = writes.failures + probeFailures.count + (result.importOutcome?.succeeded == true ? 0 : 1)
        let importOutcome = result.importOutcome
        let seconds = importOutcome?.duration.seconds ?? 0
        let p99 = quantile(0.99)
        return Result(
            rows: rows, writers: writers, pauseMs: pause * 1_000, importSeconds: (seconds * 100).rounded() / 100,
            importRowsPerSecond: (Double(rows) / max(seconds, 1e-9)).rounded(),
            importPeakRSSMegabytes: BenchReport.megabytes(importOutcome?.peakResidentBytes ?? 0),
            importStatus: importOutcome?.status ?? -1, writes: samples.count, failures: failures,
            failureSamples: Array((result.failureLines + writes.failureLines + probeFailures).prefix(5)),
            p50Ms: quantile(0.5).rounded(), p99Ms: p99.rounded(), maxMs: (samples.last ?? 0).rounded(),
            longestLockWaitMs: (waits.max() ?? 0).rounded(), probeWaitP50Ms: Self.quantile(0.5, of: probeWaits).rounded(),
            probeWaitP99Ms: Self.quantile(0.99, of: probeWaits).rounded(), probeAttempts: waits.count + probeFailures.count,
            transactions: LockTraceSummary.read(tracePath),
            writtenLeads: written,
            pass: failures == 0 && p99 < 2_000 && written == samples.count - writes.failures)
    }
}

extension LoadBench {
    /// The nearest-rank quantile `q` of `sorted` (0 when empty).
    static func quantile(_ q: Double, of sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
    }
}

/// The write transactions of one command (`import`, `lead-add`, …) read from a
/// `CLEW_LOCK_TRACE` file: how many, how long they waited for the lock, how long they held it.
struct LockTraceSummary: Encodable {
    var command: String
    var transactions: Int
    var waitP50Ms: Double
    var waitP99Ms: Double
    var waitMaxMs: Double
    var holdP50Ms: Double
    var holdP99Ms: Double
    var holdMaxMs: Double
    /// Transactions that held the lock longer than 250 ms.
    var holdsOver250Ms: Int

    var text: String {
        String(format: "%@: %d transactions · waited for the lock p50 %.1f ms, p99 %.0f ms, max %.0f ms · held it p50 %.1f ms, "
               + "p99 %.0f ms, max %.0f ms, %d over 250 ms",
               command, transactions, waitP50Ms, waitP99Ms, waitMaxMs, holdP50Ms, holdP99Ms, holdMaxMs, holdsOver250Ms)
    }

    /// One summary per command of the trace at `path` (`pid command wait_ms hold_ms` lines), most transactions first.
    static func read(_ path: String) -> [LockTraceSummary] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var byCommand: [String: (waits: [Double], holds: [Double])] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 4, let wait = Double(fields[2]), let hold = Double(fields[3]) else { continue }
            byCommand[String(fields[1]), default: ([], [])].waits.append(wait)
            byCommand[String(fields[1]), default: ([], [])].holds.append(hold)
        }
        return byCommand.map { command, samples in
            let waits = samples.waits.sorted()
            let holds = samples.holds.sorted()
            func ms(_ value: Double) -> Double { (value * 10).rounded() / 10 }
            return LockTraceSummary(
                command: command, transactions: waits.count, waitP50Ms: ms(LoadBench.quantile(0.5, of: waits)),
                waitP99Ms: ms(LoadBench.quantile(0.99, of: waits)), waitMaxMs: ms(waits.last ?? 0),
                holdP50Ms: ms(LoadBench.quantile(0.5, of: holds)), holdP99Ms: ms(LoadBench.quantile(0.99, of: holds)),
                holdMaxMs: ms(holds.last ?? 0), holdsOver250Ms: holds.filter { $0 > 250 }.count)
        }.sorted { ($0.transactions, $0.command) > ($1.transactions, $1.command) }
    }
}

/// The import's outcome, shared between its thread and the main one.
private final class LoadState: @unchecked Sendable {
    private let lock = NSLock()
    private var running = true
    private var importOutcome: ChildProcess?
    private var failureLines: [String] = []

    var importRunning: Bool { lock.withLock { running } }

    func finishImport(_ outcome: ChildProcess) {
        lock.withLock {
            importOutcome = outcome
            running = false
            if !outcome.succeeded { failureLines.append("import exit \(outcome.status): \(outcome.errorLine)") }
        }
    }

    var result: (failureLines: [String], importOutcome: ChildProcess?) { lock.withLock { (failureLines, importOutcome) } }
}

/// Writer processes: each of `count` threads runs `clew lead add` (a new lead with a phone
/// `159WWKKKKKK`, W the writer, K its count), one process per write, while `condition` holds (at
/// least once each), back to back or with random pauses between. Latency is spawn to exit.
final class WriterPool: @unchecked Sendable {
    let clew: String
    let database: String
    let directory: String
    private let lock = NSLock()
    private let group = DispatchGroup()
    private var latencies: [Double] = []
    private var failures = 0
    private var failureLines: [String] = []

    init(clew: String, database: String, directory: String) {
        self.clew = clew
        self.database = database
        self.directory = directory
    }

    struct Snapshot {
        var latencies: [Double]
        var failures: Int
        var failureLines: [String]
    }

    var snapshot: Snapshot { lock.withLock { Snapshot(latencies: latencies, failures: failures, failureLines: failureLines) } }

    /// Starts `count` writers, numbered from `first` (so two pools on one database write different
    /// phones), each pausing between its writes for an exponentially distributed time averaging
    /// `pause` (0: back to back); the first write of each comes after one such pause too, so the
    /// writers do not start in step.
    func start(_ count: Int, first: Int = 0, pause: TimeInterval = 0, while condition: @escaping @Sendable () -> Bool) {
        for writer in first..<(first + count) {
            group.enter()
            Thread.detachNewThread { [self] in
                defer { group.leave() }
                let errors = "\(directory)/writer-\(writer).err"
                var k = 0
                func rest() {
                    guard pause > 0 else { return }
                    let u = Double.random(in: Double.ulpOfOne..<1)
                    Thread.sleep(forTimeInterval: min(-pause * log(u), pause * 10))
                }
                rest()
                while k == 0 || condition() {
                    let outcome = ChildProcess.run(clew, [
                        "--db", database, "lead", "add", "--customer", "负载测试\(writer)号公司\(k)", "--contact", "测试\(writer)",
                        // The bench's pid in the number: a second run on a kept database writes new phones.
                        "--phone", String(format: "159%02d%02d%04d", writer % 100, Int(getpid()) % 100, k % 10_000), "--industry", "制造业", "--need", "压力测试",
                        "--source", "电话",
                    ], stderrPath: errors)
                    lock.withLock {
                        latencies.append(outcome.duration.milliseconds)
                        if !outcome.succeeded {
                            failures += 1
                            if failureLines.count < 5 { failureLines.append("exit \(outcome.status): \(outcome.errorLine)") }
                        }
                    }
                    k += 1
                    rest()
                }
            }
        }
    }

    /// Waits for every writer to stop.
    func wait() -> Snapshot {
        group.wait()
        return snapshot
    }
}
