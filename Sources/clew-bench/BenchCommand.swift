import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew-bench`: seeds a throwaway database and measures the queries behind Clew's screens
/// against the budgets of DESIGN.md §10, each beside a raw-SQL baseline run in the same process.
///
/// ```
/// swift run -c release clew-bench [--leads 100000] [--runs 25] [--json]
/// ```
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clew-bench",
        abstract: "Measure Clew's list, screening and search queries on a freshly seeded database.",
        discussion: """
            Builds a temporary database of --leads leads with `clew seed`'s generator (removed at the end), \
            then times each query as medians (and p99) over --runs runs after --warmups warm-ups, beside the \
            same query in raw SQL. Progress goes to stderr; the table (or JSON) to stdout.
            """)

    @Option(help: "How many leads to seed.") var leads = 100_000
    @Option(help: "Recorded runs per query.") var runs = 25
    @Option(help: "Unrecorded warm-up runs per query.") var warmups = 3
    @Option(help: "Random seed for the generated data.") var seed: UInt64 = 1
    @Flag(help: "Print JSON instead of the table.") var json = false
    @Flag(help: "Keep the database and print its path (for EXPLAIN QUERY PLAN).") var keepDatabase = false
    @Option(help: "Measure the queries on this database (the file, or the directory an earlier --keep-database run printed) instead of seeding one.")
    var database: String?
    @Flag(help: .hidden) var tuiProbe = false
    @Option(help: "Rows in the import benchmark's CSV file (default: --leads).") var importRows: Int?
    @Flag(help: "Run only the import benchmark: into an empty database and one holding --leads leads.") var importOnly = false
    @Flag(help: "Run only the load benchmark: --writers processes writing through the CLI during an import of --import-rows rows.")
    var load = false
    @Option(help: "Writer processes in the load benchmark (and 8 in the main run's concurrent rows).") var writers = 50
    @Option(help: "Each load-benchmark writer's mean pause between its writes, in milliseconds (exponentially distributed; 0: back to back).")
    var writerPause = 2_000
    @Flag(help: "Run only the report and dashboard rows.") var reportsOnly = false
    @Flag(help: "Run only the intake benchmark: clew-serve (built beside this bench) under wrk, /healthz then /v1/leads.")
    var intake = false
    @Option(help: "Seconds of each wrk run in the intake benchmark.") var intakeSeconds = 10
    @Option(help: "wrk connections in the intake benchmark.") var intakeConnections = 16
    @Flag(help: "Run the intake benchmark's server with --durable (every commit synced to the disk).") var intakeDurable = false
    @Flag(help: "Run only the interface's key → frame rows (in process, and a lone Esc on a pty).") var keysOnly = false
    @Flag(help: "Run only the rows of the real binary on a pty: cold first frames per role, another user's commit → my frame, idle CPU while 10 others write.")
    var terminalOnly = false
    @Flag(help: "Run only the finance rows (issue 14): the finance screen's cold first frame on a pty, and the tick's receivable timers.")
    var financeOnly = false

    func validate() throws {
        guard leads >= 1, leads <= 5_000_000 else { throw ValidationError("--leads must be between 1 and 5000000") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard warmups >= 0 else { throw ValidationError("--warmups cannot be negative") }
        if let importRows, !(1...5_000_000).contains(importRows) { throw ValidationError("--import-rows must be between 1 and 5000000") }
        guard (1...99).contains(writers) else { throw ValidationError("--writers must be between 1 and 99") }
        guard (0...600_000).contains(writerPause) else { throw ValidationError("--writer-pause must be between 0 and 600000 ms") }
        guard (1...300).contains(intakeSeconds) else { throw ValidationError("--intake-seconds must be between 1 and 300") }
        guard (1...1_000).contains(intakeConnections) else { throw ValidationError("--intake-connections must be between 1 and 1000") }
    }

    func run() throws {
        if tuiProbe, let database {
            print(try TUIBench.probe(database: database, osLogin: OSAccount.current()?.login ?? "bench-admin"))
            return
        }
        let status = StatusLine()
        if load {
            let result = try LoadBench(rows: importRows ?? 1_000_000, writers: writers, pause: Double(writerPause) / 1_000,
                                       clew: Self.clewExecutable).run { status.show($0) }
            status.clear()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(json ? String(decoding: try encoder.encode(result), as: UTF8.self) : result.text)
            return
        }
        if intake {
            let bench = IntakeBench(server: Self.sibling("clew-serve"), wrk: "/usr/bin/wrk", seconds: intakeSeconds, connections: intakeConnections,
                                     durable: intakeDurable)
            let result = try bench.run { status.show($0) }
            status.clear()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(json ? String(decoding: try encoder.encode(result), as: UTF8.self) : result.text)
            return
        }
        if importOnly {
            let imports = try ImportBench(rows: importRows ?? leads, baseLeads: leads).run { status.show($0) }
            status.clear()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(json ? String(decoding: try encoder.encode(imports), as: UTF8.self) : imports.text)
            return
        }
        let bench: BenchDatabase
        if let database {
            bench = try BenchDatabase.open(path: database)
        } else {
            status.show("seeding \(leads) leads …")
            bench = try BenchDatabase.create(leads: leads, seed: seed) { done in
                status.show("seeding: \(done)/\(leads) leads")
            }
        }
        defer {
            if database != nil {
                try? bench.context.database.close()
            } else if keepDatabase {
                status.note("database kept in \(bench.directory.path)")
            } else {
                bench.remove()
            }
        }
        let stopwatch = Stopwatch(warmups: warmups, runs: runs)
        if reportsOnly {
            let reports = try ReportBench(bench: bench, stopwatch: stopwatch).run { name in status.show("measuring \(name)") }
            status.clear()
            print(makeReport(bench, queries: reports).table())
            return
        }
        let home = bench.directory.appendingPathComponent("tui-home").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        var terminal = TerminalBench(bench: bench, stopwatch: stopwatch, clew: Self.clewExecutable, home: home)
        terminal.leads = leads
        if terminalOnly {
            var rows = try terminal.coldFirstFrames { status.show("measuring \($0)") }
            rows.append(try terminal.commitToFrame { status.show("measuring \($0)") })
            let idle = try terminal.idleCPU(writers: 10) { status.show("measuring \($0)") }
            status.clear()
            print([makeReport(bench, queries: rows).table(), idle].joined(separator: "\n"))
            return
        }
        if financeOnly {
            let finance = FinanceBench(bench: bench, stopwatch: stopwatch, terminal: terminal)
            // The rep's cold board frame beside it, as a yardstick measured in the same conditions.
            let board = try terminal.coldFirstFrames(repOnly: true) { status.show("measuring \($0)") }
            let frame = try finance.firstFrame { status.show("measuring \($0)") }
            let tick = try finance.tick { status.show($0) }
            status.clear()
            print([makeReport(bench, queries: board + [frame, tick.query]).table(), finance.seedNote, tick.days].joined(separator: "\n"))
            return
        }
        if keysOnly {
            var keys = try TUIBench(bench: bench, stopwatch: stopwatch).run { name in status.show("measuring \(name)") }
                .filter { $0.name.hasPrefix("key → frame") }
            keys.append(try terminal.loneEscape { status.show("measuring \($0)") })
            status.clear()
            print(makeReport(bench, queries: keys).table())
            return
        }
        var queries = try BenchSuite(bench: bench, stopwatch: stopwatch).run { name in status.show("measuring \(name)") }
        queries += try TUIBench(bench: bench, stopwatch: stopwatch).run { name in status.show("measuring \(name)") }
        queries += try ReportBench(bench: bench, stopwatch: stopwatch).run { name in status.show("measuring \(name)") }
        let automation = try AutomationBench(bench: bench, stopwatch: stopwatch).run { status.show($0) }
        queries += automation.queries
        // The real binary on a pseudo-terminal, then a few rows again while other processes write.
        queries += try terminal.coldFirstFrames { status.show("measuring \($0)") }
        queries += [try terminal.commitToFrame { status.show("measuring \($0)") }, try terminal.loneEscape { status.show("measuring \($0)") }]
        let finance = FinanceBench(bench: bench, stopwatch: stopwatch, terminal: terminal)
        queries.append(try finance.firstFrame { status.show("measuring \($0)") })
        let concurrent = try ConcurrentBench(bench: bench, stopwatch: stopwatch, terminal: terminal, writers: min(writers, 8))
            .run { status.show("measuring \($0)") }
        let idle = try terminal.idleCPU(writers: 10) { status.show("measuring \($0)") }
        queries += concurrent.queries
        // Last: the next days' ticks fire reminder levels (tasks, emails) into the database.
        let receivableTick = try finance.tick { status.show($0) }
        queries.append(receivableTick.query)
        status.show("measuring the TUI's memory in a child process")
        if let problem = bench.context.database.checkpoint() { status.note("WAL checkpoint before the memory probe failed: \(problem)") }
        let tuiMemory = Self.probeTUIMemory(database: bench.context.database.path)
        let imports = try ImportBench(rows: importRows ?? leads, baseLeads: leads).run { status.show($0) }
        status.clear()
        var report = makeReport(bench, queries: queries)
        report.memory.tuiPeakRSSMegabytes = tuiMemory
        if let tuiMemory { report.memory.pass = tuiMemory < report.memory.targetMegabytes }
        if json {
            print(try ImportBench.json(report.json(), adding: imports, catchUp: automation.catchUp))
        } else {
            print([report.table(), automation.catchUp.text, finance.seedNote, receivableTick.days, concurrent.writes, idle, imports.text]
                .joined(separator: "\n"))
        }
    }

    /// The `clew` executable built beside this one.
    static var clewExecutable: String { sibling("clew") }

    /// The executable `name` built beside this one.
    static func sibling(_ name: String) -> String {
        URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Runs this executable again with `--tui-probe` and reads the child's peak RSS.
    private static func probeTUIMemory(database: String) -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        process.arguments = ["--database", database, "--tui-probe"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private func makeReport(_ bench: BenchDatabase, queries: [BenchReport.Query]) -> BenchReport {
        let s = (users: bench.seed?.users ?? 0, leads: bench.seed?.leads ?? 0,
                 followUps: bench.seed?.followUps ?? 0, tasks: bench.seed?.tasks ?? 0)
        let seconds = bench.seedDuration.seconds
        let current = ProcessMemory.currentResidentBytes().map(BenchReport.megabytes)
        let peak = BenchReport.megabytes(ProcessMemory.peakResidentBytes())
        let target = 50.0
        return BenchReport(
            leads: leads, runs: runs, warmups: warmups,
            seed: .init(users: s.users, leads: s.leads, followUps: s.followUps, tasks: s.tasks,
                        seconds: (seconds * 1_000).rounded() / 1_000,
                        leadsPerSecond: (Double(s.leads) / max(seconds, 1e-9)).rounded(),
                        followUpsPerSecond: (Double(s.followUps) / max(seconds, 1e-9)).rounded(),
                        databaseMegabytes: BenchReport.megabytes(bench.fileBytes)),
            queries: queries,
            memory: .init(peakRSSMegabytes: peak, currentRSSMegabytes: current,
                          targetMegabytes: target, pass: peak < target))
    }
}

/// A one-line progress display on stderr, shown only when stderr is a terminal.
struct StatusLine {
    private let enabled = isatty(STDERR_FILENO) == 1

    func show(_ text: String) {
        guard enabled else { return }
        write("\r\u{1B}[K" + text)
    }

    func clear() {
        guard enabled else { return }
        write("\r\u{1B}[K")
    }

    /// A line on stderr, whether or not it is a terminal.
    func note(_ text: String) {
        clear()
        write(text + "\n")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
