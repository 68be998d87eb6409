import ClewDomain
import Foundation

/// Everything one bench run measured, printed as an aligned table or as JSON (`--json`).
/// Times are milliseconds, sizes megabytes (2^20 bytes).
struct BenchReport: Encodable {
    var leads: Int
    var runs: Int
    var warmups: Int
    var seed: Seed
    var queries: [Query]
    var memory: Memory

    /// The whole seed, timed once.
    struct Seed: Encodable {
        var users: Int
        var leads: Int
        var followUps: Int
        var tasks: Int
        var seconds: Double
        var leadsPerSecond: Double
        var followUpsPerSecond: Double
        var databaseMegabytes: Double
    }

    /// A budget from DESIGN.md §10.
    struct Target: Encodable {
        var name: String
        var medianMs: Double
        var p99Ms: Double?

        /// Key-to-frame: what one key press may cost, so what the query behind a page may cost.
        static let keyToFrame = Target(name: "key-to-frame", medianMs: 5, p99Ms: 16)
        static let search = Target(name: "search", medianMs: 20, p99Ms: nil)
        static let firstFrame = Target(name: "first frame", medianMs: 100, p99Ms: nil)
        /// A cold first frame at 1 000 000 leads (issue 16 §6).
        static let firstFrameAtMillion = Target(name: "first frame at 1M leads", medianMs: 150, p99Ms: nil)
        /// The automation tick over every open lead (issue 4).
        static let tick = Target(name: "tick", medianMs: 500, p99Ms: nil)
        /// A batch of 20 assignment suggestions: at least 200 a second.
        static let suggestions = Target(name: "suggestions", medianMs: 100, p99Ms: nil)

        private static func whole(_ ms: Double) -> String { String(format: "%g", ms) }

        func passes(_ timing: Timing) -> Bool {
            timing.medianMs < medianMs && (p99Ms.map { timing.p99Ms < $0 } ?? true)
        }

        var label: String {
            "< \(Self.whole(medianMs))" + (p99Ms.map { " (p99 < \(Self.whole($0)))" } ?? "")
        }
    }

    /// Median, 99th percentile (nearest rank) and fastest of the recorded runs.
    struct Timing: Encodable {
        var medianMs: Double
        var p99Ms: Double
        var minMs: Double

        init(_ samples: Samples) {
            medianMs = BenchReport.rounded(samples.median)
            p99Ms = BenchReport.rounded(samples.p99)
            minMs = BenchReport.rounded(samples.fastest)
        }
    }

    /// One service call beside its raw-SQL baseline.
    struct Query: Encodable {
        var name: String
        /// The FTS5 expression searched, or a note on what the service does beyond the baseline.
        var detail: String?
        var rows: Int
        var baselineRows: Int?
        var service: Timing
        var baseline: Timing?
        /// Service median over baseline median.
        var ratio: Double?
        var target: Target
        var pass: Bool

        init(name: String, detail: String?, timing: PairTiming, target: Target) {
            self.name = name
            self.detail = detail
            rows = timing.serviceRows
            baselineRows = timing.baselineRows
            service = Timing(timing.service)
            baseline = timing.baseline.map(Timing.init)
            if let base = timing.baseline, base.median > 0 {
                ratio = (timing.service.median / base.median * 100).rounded() / 100
            }
            self.target = target
            pass = target.passes(service)
        }
    }

    /// Resident memory of the bench process (which also built and seeded the database).
    struct Memory: Encodable {
        /// `getrusage` peak over the whole process, seeding included.
        var peakRSSMegabytes: Double
        /// Resident now, after the queries.
        var currentRSSMegabytes: Double?
        /// Peak of a child process that only opens the database and drives the TUI's key handling
        /// and drawing for 200 keys while a full tick runs in the background, as the TUI's ticker
        /// does (`--tui-probe`), when it could be measured.
        var tuiPeakRSSMegabytes: Double?
        /// The TUI budget (DESIGN.md §10), held against the TUI probe (else this process).
        var targetMegabytes: Double
        var pass: Bool
    }

    /// Ratios above this are flagged: the service does much more than SQLite needs.
    static let slowRatio = 3.0

    // MARK: - Formatting

    static func rounded(_ ms: Double) -> Double { (ms * 1_000).rounded() / 1_000 }

    /// Milliseconds with three decimals below 10 ms, two below 100 ms, one above.
    static func milliseconds(_ ms: Double) -> String {
        switch ms {
        case ..<10: String(format: "%.3f", ms)
        case ..<100: String(format: "%.2f", ms)
        default: String(format: "%.1f", ms)
        }
    }

    static func megabytes(_ bytes: Int) -> Double { (Double(bytes) / 1_048_576 * 10).rounded() / 10 }

    /// The JSON form, keys sorted.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The human form: a seed summary, the query table and memory.
    func table() -> String {
        var lines: [String] = []
        let s = seed
        lines.append("clew-bench: \(s.leads) leads, \(s.followUps) follow-ups, \(s.tasks) tasks, \(s.users) users; "
            + "medians of \(runs) runs after \(warmups) warm-ups")
        lines.append("")
        lines.append("Seed: \(String(format: "%.2f", s.seconds)) s total · \(Self.rate(s.leadsPerSecond)) leads/s · "
            + "\(Self.rate(s.followUpsPerSecond)) follow-ups/s · database \(String(format: "%.1f", s.databaseMegabytes)) MB")
        lines.append("")

        let header = ["query", "rows", "median ms", "p99 ms", "baseline ms", "base p99", "ratio", "target ms", ""]
        var rows: [[String]] = [header]
        for q in queries {
            let ratio = q.ratio.map { String(format: "%.2fx", $0) + ($0 > Self.slowRatio ? "!" : "") } ?? "—"
            rows.append([
                q.name, String(q.rows), Self.milliseconds(q.service.medianMs), Self.milliseconds(q.service.p99Ms),
                q.baseline.map { Self.milliseconds($0.medianMs) } ?? "—", q.baseline.map { Self.milliseconds($0.p99Ms) } ?? "—",
                ratio, q.target.label, q.pass ? "pass" : "OVER",
            ])
        }
        lines += Self.align(rows, rightAligned: [1, 2, 3, 4, 5, 6])
        lines.append("")
        let m = memory
        let current = m.currentRSSMegabytes.map { String(format: ", %.1f MB resident after the queries", $0) } ?? ""
        let tui = m.tuiPeakRSSMegabytes.map { String(format: "TUI process peak RSS %.1f MB; ", $0) } ?? ""
        lines.append("Memory: \(tui)bench process peak RSS \(String(format: "%.1f", m.peakRSSMegabytes)) MB (seeding included)\(current); "
            + "target < \(Int(m.targetMegabytes)) MB (TUI) \(m.pass ? "pass" : "OVER")")
        lines.append("")
        lines.append("Baseline: the same SQL through a cached GRDB statement, rows stepped but not decoded; for search, the")
        lines.append("FTS5 MATCH on lead_search alone (ORDER BY rowid DESC LIMIT \(BenchSuite.pageSize)). ratio = service / baseline median; "
            + "! above \(Int(Self.slowRatio))x.")
        lines.append("p99 is by nearest rank: with fewer than 100 runs it is the slowest run.")
        for q in queries {
            if let detail = q.detail { lines.append("  \(q.name): \(detail)") }
        }
        return lines.joined(separator: "\n")
    }

    private static func rate(_ perSecond: Double) -> String {
        String(format: "%.0f", perSecond)
    }

    /// Rows as columns padded to their widest cell (in terminal cells, so CJK aligns), two
    /// spaces apart, with a rule under the header.
    private static func align(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        guard let header = rows.first else { return [] }
        let widths = header.indices.map { column in rows.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - DisplayWidth.of(cell))
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return [line(header), rule.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)] + rows.dropFirst().map(line)
    }
}
