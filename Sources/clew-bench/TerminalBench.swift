import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// Rows that time the real `clew` binary on a pseudo-terminal (issue 9 §9), beside the in-process
/// rows of ``TUIBench``: the first frame from a cold process, and "another user's commit → my
/// frame" — a separate `clew lead edit` process commits, the open interface shows it.
struct TerminalBench {
    let bench: BenchDatabase
    let stopwatch: Stopwatch
    /// The `clew` executable.
    let clew: String
    /// A directory for the interface's home, config and data (its drafts), removed by the caller.
    let home: String
    /// How many leads the database holds (`--leads`): at a million the first frame's budget is 150 ms.
    var leads = 100_000

    /// "Other users' changes … redraw within a second" (the run loop polls the change feed every
    /// second while no key is pressed).
    static let commitToFrame = BenchReport.Target(name: "commit → frame", medianMs: 1_000, p99Ms: 1_500)
    /// The first frame is drawn when the key bar (the last line) has arrived.
    static let firstFrameMarker = "help"

    var environment: [String: String] {
        ["LANG": "C.UTF-8", "TERM": "xterm-256color", "LINES": String(TUIBench.size.rows), "COLUMNS": String(TUIBench.size.columns),
         "HOME": home, "XDG_CONFIG_HOME": home, "XDG_DATA_HOME": home, "PATH": "/usr/bin:/bin"]
    }

    func arguments(as login: String) -> [String] {
        ["--db", bench.context.database.path, "--as", login, "--lang", "en"]
    }

    /// Spawn → first frame, `warmups` + `runs` fresh processes per user.
    func coldFirstFrames(suffix: String = "", repOnly: Bool = false, progress: (String) -> Void) throws -> [BenchReport.Query] {
        var results: [BenchReport.Query] = []
        let users = [("rep", bench.rep.login), ("supervisor", bench.supervisor.login), ("admin", bench.admin.login)]
        for (label, login) in repOnly ? Array(users.prefix(1)) : users {
            let name = "first board frame, cold process · \(label)\(suffix)"
            progress(name)
            var timing = PairTiming()
            for run in 0..<(stopwatch.warmups + stopwatch.runs) {
                guard let terminal = PseudoTerminal(executable: clew, arguments: arguments(as: login), environment: environment),
                      let time = terminal.waitFor(Self.firstFrameMarker) else {
                    throw BenchError("\(clew) did not draw its first frame on a pseudo-terminal within 20 s")
                }
                terminal.stop()
                if run >= stopwatch.warmups { timing.service.append(time) }
            }
            timing.serviceRows = 1
            results.append(BenchReport.Query(name: name, detail: "clew spawned on a pty at 160×48: start-up, open, keymap, theme, board, ncurses draw (until the key bar arrives)",
                                             timing: timing, target: leads >= 1_000_000 ? .firstFrameAtMillion : .firstFrame))
        }
        return results
    }

    /// The CPU an open, idle interface uses while `writers` other processes write through the
    /// CLI (issue 16 §6): a rep's `clew` on a pty, no key pressed, for `seconds`; its user +
    /// system time from `/proc/PID/stat` over that window, as a share of one core, and the same
    /// with nobody writing. (The run loop polls the change feed twice a second and reloads a view
    /// only when its records changed.)
    func idleCPU(writers: Int, seconds: Double = 10, progress: (String) -> Void) throws -> String {
        progress("idle TUI CPU · rep")
        guard let terminal = PseudoTerminal(executable: clew, arguments: arguments(as: bench.rep.login), environment: environment),
              terminal.waitFor(Self.firstFrameMarker) != nil else {
            throw BenchError("\(clew) did not draw its first frame on a pseudo-terminal within 20 s")
        }
        defer { terminal.stop() }
        func cpuShare(during body: () -> Void) -> Double? {
            guard let before = terminal.cpuSeconds else { return nil }
            let start = ContinuousClock.now
            body()
            let wall = (ContinuousClock.now - start).milliseconds / 1_000
            guard let after = terminal.cpuSeconds, wall > 0 else { return nil }
            return (after - before) / wall * 100
        }
        usleep(2_000_000) // past the first frame's background reads
        let quiet = cpuShare { usleep(UInt32(seconds * 1_000_000)); terminal.discardPending() }
        progress("idle TUI CPU · rep · \(writers) writing")
        let running = RunningFlag()
        let pool = WriterPool(clew: clew, database: bench.context.database.path, directory: home)
        pool.start(writers, first: 80, while: { running.isSet })
        usleep(1_000_000)
        let busy = cpuShare { usleep(UInt32(seconds * 1_000_000)); terminal.discardPending() }
        running.clear()
        let writes = pool.wait()
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f %%", $0) } ?? "n/a" }
        return "idle TUI CPU (a rep's clew on a pty, no key pressed, \(Int(seconds)) s each): \(percent(quiet)) of a core with nobody writing, "
            + "\(percent(busy)) while \(writers) processes write through the CLI (\(writes.latencies.count) writes, \(writes.failures) failed)"
    }

    /// A lone `Esc` on the real terminal: ncurses waits its escape delay (25 ms) for a key that
    /// could follow, then the frame. The requirement is one such wait, not two.
    static let loneEscape = BenchReport.Target(name: "lone Esc → frame (one 25 ms wait + < 5)", medianMs: 30, p99Ms: 45)

    /// `?` opens help (untimed, settled), then a lone `Esc` byte: the time until the board's key
    /// bar (ending `? help`, where help's own bar left blank cells) is back on the pty.
    func loneEscape(progress: (String) -> Void) throws -> BenchReport.Query {
        let name = "lone Esc → frame on a pty: close help · rep"
        progress(name)
        guard let terminal = PseudoTerminal(executable: clew, arguments: arguments(as: bench.rep.login), environment: environment),
              terminal.waitFor(Self.firstFrameMarker) != nil else {
            throw BenchError("\(clew) did not draw its first frame on a pseudo-terminal within 20 s")
        }
        defer { terminal.stop() }
        var timing = PairTiming()
        for run in 0..<(stopwatch.warmups + stopwatch.runs) {
            terminal.send("?")
            usleep(300_000)
            terminal.discardPending()
            let pressed = ContinuousClock.now
            terminal.send("\u{1B}")
            guard let time = terminal.waitFor(Self.firstFrameMarker, since: pressed, timeout: 5) else {
                throw BenchError("Esc did not close help within 5 s; the terminal got: " + String(terminal.pendingText.suffix(300)).debugDescription)
            }
            if run >= stopwatch.warmups { timing.service.append(time) }
        }
        timing.serviceRows = 1
        return BenchReport.Query(name: name, detail: "clew on a pty at 160×48: one Esc byte written to the terminal until the board's bar has arrived (ncurses' escape delay, the key matcher, the frame, the cells sent)",
                                 timing: timing, target: Self.loneEscape)
    }

    /// Another process (`clew lead edit` as the admin) renames the rep's focused lead; the time
    /// from that process's exit (its commit) until the new name is on the rep's terminal.
    func commitToFrame(progress: (String) -> Void) throws -> BenchReport.Query {
        let name = "another user's commit → my frame · rep"
        progress(name)
        let probe = try TUIBench.Frame(bench: bench, actor: bench.rep)
        try probe.start()
        guard let number = probe.app.board.focusedCard?.lead.number.description else {
            throw BenchError("the rep's board has no focused card to edit")
        }
        guard let terminal = PseudoTerminal(executable: clew, arguments: arguments(as: bench.rep.login), environment: environment),
              terminal.waitFor(Self.firstFrameMarker) != nil else {
            throw BenchError("\(clew) did not draw its first frame on a pseudo-terminal within 20 s")
        }
        defer { terminal.stop() }
        var timing = PairTiming()
        let errors = home + "/commit.err"
        for run in 0..<(stopwatch.warmups + stopwatch.runs) {
            // ncurses writes only the cells that changed: consecutive names share no character
            // at any position, so the whole new name is written as one run.
            let alphabet = Array(run.isMultiple(of: 2) ? "ABCDEFGHJK" : "MNPQRSTUVW")
            let marker = String((0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
            let edit = ChildProcess.run(clew, ["--db", bench.context.database.path, "lead", "edit", number, "--customer", marker],
                                        stderrPath: errors)
            guard edit.succeeded else { throw BenchError("clew lead edit \(number) failed: \(edit.errorLine)") }
            guard let time = terminal.waitFor(marker, since: ContinuousClock.now, timeout: 10) else {
                throw BenchError("the rep's interface did not show \(number)'s new name within 10 s; it wrote: "
                    + String(terminal.pendingText.suffix(300)).debugDescription)
            }
            if run >= stopwatch.warmups { timing.service.append(time) }
        }
        timing.serviceRows = 1
        return BenchReport.Query(name: name, detail: "clew lead edit (the admin) renames the rep's focused lead; from its exit until the name arrives on the rep's pty (feed polled every half second when idle)",
                                 timing: timing, target: Self.commitToFrame)
    }
}
