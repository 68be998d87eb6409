import ClewDomain
import ClewServices
@_spi(Bench) import ClewStore
import Foundation

/// Issue 14's budgets: the finance screen's first frame from a cold `clew` on a pseudo-terminal
/// (finance opens on it; < 100 ms), and the tick's receivable reminder timers caught up (< 200 ms)
/// — beside the next days' ticks, which fire the levels whose day comes (one run each).
struct FinanceBench {
    let bench: BenchDatabase
    let stopwatch: Stopwatch
    let terminal: TerminalBench

    static let financeFirstFrame = BenchReport.Target(name: "finance screen first frame", medianMs: 100, p99Ms: nil)
    static let receivableTick = BenchReport.Target(name: "receivable timers", medianMs: 200, p99Ms: nil)
    /// What only the finance screen draws (its first panel's heading, in English).
    static let screenMarker = "Due this week"
    /// The seeded finance user (``SeedGenerator``'s `huang.li`).
    static let financeLogin = "huang.li"

    /// Contracts, instalments and payments in the database, for the rows' details.
    func sizes() throws -> (contracts: Int, instalments: Int, payments: Int) {
        let database = bench.context.database
        return (try BenchAccess.count(database, .contract), try BenchAccess.count(database, .instalment), try BenchAccess.count(database, .payment))
    }

    /// What the seed wrote after the win, and the part of its time that took.
    var seedNote: String {
        guard let seed = bench.seed else { return "seed receivables: (database opened, not seeded)" }
        return String(format: "seed receivables: %d contracts, %d instalments, %d payments, %d invoices in %.2f s of the seed's %.2f s",
                      seed.contracts, seed.instalments, seed.payments, seed.invoices, seed.receivableSeconds, seed.seconds)
    }

    /// Spawn → the finance screen's key bar, `warmups` + `runs` fresh processes as finance.
    func firstFrame(progress: (String) -> Void) throws -> BenchReport.Query {
        let (contracts, instalments, _) = try sizes()
        let name = "finance screen first frame, cold process · finance"
        progress(name)
        var timing = PairTiming()
        for run in 0..<(stopwatch.warmups + stopwatch.runs) {
            guard let pty = PseudoTerminal(executable: terminal.clew, arguments: terminal.arguments(as: Self.financeLogin),
                                           environment: terminal.environment) else {
                throw BenchError("could not start \(terminal.clew) on a pseudo-terminal")
            }
            // The finance screen's first panel heading, then the key bar below it (timed from the spawn).
            guard pty.waitFor(Self.screenMarker) != nil, let time = pty.waitFor(TerminalBench.firstFrameMarker) else {
                let text = pty.pendingText
                pty.stop()
                throw BenchError("finance's first frame did not show the finance screen within 20 s: " + String(text.suffix(300)).debugDescription)
            }
            pty.stop()
            if run >= stopwatch.warmups { timing.service.append(time) }
        }
        timing.serviceRows = 1
        return BenchReport.Query(name: name, detail: "clew as finance on a pty at 160×48 (\(contracts) contracts, \(instalments) instalments): start-up, inbox (the board waits until shown), "
                                 + "the receivables report (aged, due this week, contracts to collect, per customer and rep), ncurses draw",
                                 timing: timing, target: Self.financeFirstFrame)
    }

    /// The receivable timers alone, as the tick runs them, caught up (nothing new to fire), then
    /// one run as of each of the next `days` days (what fires then: tasks, emails, overdue marks).
    func tick(days: Int = 5, progress: (String) -> Void) throws -> (query: BenchReport.Query, days: String) {
        let (_, instalments, _) = try sizes()
        let now = bench.context.clock.now()
        func run(at time: Date) throws -> (considered: Int, fired: Int) {
            try bench.context.automationWrite(as: bench.admin, at: time) { m in
                var reminders = ReceivableReminders(context: bench.context, m: m)
                let outcome = try reminders.run(limit: nil)
                return (outcome.considered, outcome.firings.count)
            }
        }
        progress("receivable timers: catching up")
        _ = try run(at: now)
        progress("receivable timers: caught up")
        let steady = try stopwatch.measure(service: { try run(at: now).considered }, baseline: nil)
        let query = BenchReport.Query(name: "tick · receivable timers, caught up · \(instalments) instalments",
                                      detail: "instalments whose next level's day has come (an index range), nothing new to fire",
                                      timing: steady, target: Self.receivableTick)
        var lines: [String] = []
        for day in 1...days {
            progress("receivable timers: day +\(day)")
            let at = now.addingTimeInterval(Double(day) * 86_400)
            let (outcome, time) = try Stopwatch.time { try run(at: at) }
            lines.append(String(format: "+%d d: %d instalments, %d levels fired in %.0f ms", day, outcome.considered, outcome.fired, time.milliseconds))
        }
        return (query, "receivable timers on each of the next \(days) days (one run each): " + lines.joined(separator: "; "))
    }
}
