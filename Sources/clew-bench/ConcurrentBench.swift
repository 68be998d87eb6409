import ClewBenchBaselines
import ClewDomain
import ClewServices
import ClewStore
import ClewViewModel
import Foundation

/// One run with other processes writing at the same time (issue 9 §9): `writers` processes run
/// `clew lead add` back to back on the bench database while a few rows are measured again — a
/// list page, the screening screen, a key on the board, a cold first frame — so the table shows
/// what readers pay while others write (WAL readers never wait for the lock, but share the disk
/// and the cores). The writers' own latencies are reported too.
struct ConcurrentBench {
    let bench: BenchDatabase
    let stopwatch: Stopwatch
    let terminal: TerminalBench
    let writers: Int

    func run(progress: (String) -> Void) throws -> (queries: [BenchReport.Query], writes: String) {
        let running = RunningFlag()
        let pool = WriterPool(clew: terminal.clew, database: bench.context.database.path, directory: terminal.home)
        pool.start(writers, first: 60, while: { running.isSet })
        defer { running.clear() }
        let suffix = " · \(writers) writing"
        var results: [BenchReport.Query] = []
        let baseline = BaselineQueries(database: bench.context.database)
        let leads = LeadService(context: bench.context, actor: bench.admin)
        progress("lead list p1 · admin\(suffix)")
        results.append(BenchReport.Query(name: "lead list p1 · admin\(suffix)", detail: nil,
                                         timing: try stopwatch.measure(service: { try leads.list(LeadQuery(limit: BenchSuite.pageSize)).count },
                                                                       baseline: { try baseline.leadListFirstPage(visibleTo: bench.admin) }),
                                         target: .keyToFrame))
        let screening = ScreeningModel(services: LiveServices(context: bench.context, actor: bench.supervisor))
        progress("screening screen\(suffix)")
        results.append(BenchReport.Query(name: "screening screen p1 (\(ScreeningModel.pageSize)) · supervisor\(suffix)", detail: nil,
                                         timing: try stopwatch.measure(service: { try screening.reload(); return screening.items.count },
                                                                       baseline: { try baseline.screeningFirstPage(visibleTo: bench.supervisor, limit: ScreeningModel.pageSize) }),
                                         target: .firstFrame))
        let rep = try TUIBench.Frame(bench: bench, actor: bench.rep)
        try rep.start()
        var down = true
        progress("key → frame\(suffix)")
        results.append(BenchReport.Query(name: "key → frame: j/k on the board · rep\(suffix)", detail: nil,
                                         timing: try stopwatch.measure(service: { rep.press(down ? "j" : "k"); down.toggle(); return 1 }, baseline: nil),
                                         target: .keyToFrame))
        results += try terminal.coldFirstFrames(suffix: suffix, repOnly: true, progress: progress)
        running.clear()
        let writes = pool.wait()
        let sorted = writes.latencies.sorted()
        func quantile(_ q: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
        }
        let line = String(format: "meanwhile %d writer processes (clew lead add): %d writes, %d failed, p50 %.0f ms, p99 %.0f ms (spawn to exit)",
                          writers, sorted.count, writes.failures, quantile(0.5), quantile(0.99))
            + writes.failureLines.map { "\n  failed: \($0)" }.joined()
        return (results, line)
    }
}

/// A flag threads read.
final class RunningFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = true
    var isSet: Bool { lock.withLock { value } }
    func clear() { lock.withLock { value = false } }
}
