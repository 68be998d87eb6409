import ClewAutomation
import ClewBenchBaselines
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// Intake throughput (issue 18 §3): the real `clew-serve` (built beside this bench) on a free
/// loopback port over a fresh database, loaded by Debian's `wrk` — first `GET /healthz` (the
/// server's floor: HTTP and one read, no write), then `POST /v1/leads` with every post a new
/// person with complete details (city 杭州, so the standard process routes it to the east pool).
/// Reports posts/s, latency p50/p99, errors (non-2xx answers and socket errors), the leads found
/// in the database afterwards against the posts answered 201, the ratio to the floor, and the
/// load average while it ran. Target: ≥ 500 posts/s with no error.
struct IntakeBench {
    /// The `clew-serve` executable.
    let server: String
    /// The `wrk` executable.
    let wrk: String
    let seconds: Int
    let connections: Int
    /// `clew-serve --durable`: every commit synced to the disk.
    let durable: Bool
    static let targetPostsPerSecond = 500.0

    /// One wrk run.
    struct Load: Encodable {
        var requests: Int
        var perSecond: Double
        var p50Ms: Double
        var p99Ms: Double
        /// Non-2xx/3xx answers plus socket errors (connect, read, write, timeout).
        var errors: Int
    }

    struct Result: Encodable {
        var seconds: Int
        var connections: Int
        var durable: Bool
        var healthz: Load
        var leads: Load
        /// Leads in the database after the run: at least the posts answered, at most those plus
        /// the ones still in flight when wrk stopped counting (one per connection).
        var storedLeads: Int
        /// posts/s ÷ healthz requests/s.
        var ratioToFloor: Double
        /// The 1-minute load average before and after the runs.
        var loadAverage: [Double]
        var serverExit: Int32
        var target: Double
        var pass: Bool

        var text: String {
            String(format: """
                intake: POST /v1/leads %.0f posts/s (%d posts in %d s, %d connections%@; p50 %.1f ms, p99 %.1f ms; %d errors; \
                %d leads stored) beside GET /healthz %.0f req/s (p50 %.1f ms, p99 %.1f ms; %d errors) · posts/floor %.3f · \
                load average %.2f → %.2f · server exit %d · target ≥ %.0f posts/s, 0 errors %@
                """, leads.perSecond, leads.requests, seconds, connections, durable ? ", --durable" : "", leads.p50Ms, leads.p99Ms, leads.errors, storedLeads,
                   healthz.perSecond, healthz.p50Ms, healthz.p99Ms, healthz.errors, ratioToFloor,
                   loadAverage.first ?? 0, loadAverage.last ?? 0, serverExit, target, pass ? "ok" : "FAIL")
        }
    }

    /// Why the bench could not run.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func run(progress: @escaping @Sendable (String) -> Void) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: server) else {
            throw Failure(description: "no clew-serve at \(server): swift build -c release --product clew-serve")
        }
        guard FileManager.default.isExecutableFile(atPath: wrk) else {
            throw Failure(description: "no wrk at \(wrk): apt-get install wrk")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-intake-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The server acts as the OS user it runs as: that user is the database's admin.
        let me = OSAccount.current() ?? (login: "bench-admin", fullName: nil)
        let path = directory.appendingPathComponent("intake.db").path
        let database = try Maintenance.initialize(path: path, admin: me.login, name: me.fullName ?? me.login)
        let context = ClewContext(database: database, automation: AutomationEngine())
        let admin = try UserDirectory(context: context).actingUser(osLogin: me.login)
        let secret = try IntakeTokenService(context: context, actor: admin)
            .add(source: "官网", ratePerMinute: IntakeToken.rateLimits.upperBound).secret
        let script = Self.script
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw Failure(description: "no wrk script at \(script.path) (run the bench from its source tree)")
        }

        progress("intake bench: starting clew-serve")
        let serve = try ServerProcess(server, ["--db", path, "--port", "0", "--log-level", "notice"] + (durable ? ["--durable"] : []))
        defer { serve.stop() }
        let address = try serve.waitForAddress()
        let before = Self.loadAverage()
        progress("intake bench: wrk GET /healthz for \(seconds) s")
        let healthz = try load(["http://\(address)/healthz"])
        progress("intake bench: wrk POST /v1/leads for \(seconds) s")
        let leads = try load(["-s", script.path, "http://\(address)/v1/leads"], environment: ["CLEW_TOKEN": secret])
        let after = Self.loadAverage()
        let exit = serve.stop()
        try database.close()
        let stored = try WriteLockProbe(path: path).leads(withPhoneKeyPrefix: "+86")
        let ratio = healthz.perSecond > 0 ? leads.perSecond / healthz.perSecond : 0
        return Result(
            seconds: seconds, connections: connections, durable: durable, healthz: healthz, leads: leads, storedLeads: stored,
            ratioToFloor: (ratio * 1_000).rounded() / 1_000, loadAverage: [before, after], serverExit: exit,
            target: Self.targetPostsPerSecond,
            pass: leads.perSecond >= Self.targetPostsPerSecond && leads.errors == 0 && healthz.errors == 0
                && stored >= leads.requests - leads.errors && stored <= leads.requests + connections && exit == 0)
    }

    /// Runs wrk with `arguments` after the common ones and reads its report.
    private func load(_ arguments: [String], environment: [String: String] = [:]) throws -> Load {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = ["-t2", "-c\(connections)", "-d\(seconds)s", "--latency"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0, let report = WrkReport(text) else {
            throw Failure(description: "wrk failed (exit \(process.terminationStatus)): \(text.prefix(400))")
        }
        return Load(requests: report.requests, perSecond: report.perSecond.rounded(), p50Ms: report.p50Ms, p99Ms: report.p99Ms,
                    errors: report.errors)
    }

    /// The 1-minute load average.
    static func loadAverage() -> Double {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return Double(text.split(separator: " ").first ?? "") ?? 0
    }

    /// wrk's Lua script, docs/intake-wrk.lua in the source tree this bench was built from (the
    /// README runs the same file by hand): every request a new person, the token from `CLEW_TOKEN`.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/intake-wrk.lua")
}

/// What wrk 4 prints: `N requests in Ts`, `Requests/sec: R`, the `--latency` distribution
/// (`50%  1.23ms`), `Non-2xx or 3xx responses: E` and `Socket errors: connect a, read b, write c, timeout d`.
struct WrkReport {
    var requests: Int
    var perSecond: Double
    var p50Ms: Double
    var p99Ms: Double
    var errors: Int

    init?(_ text: String) {
        var requests: Int?, perSecond: Double?, p50: Double?, p99: Double?
        var errors = 0
        for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if words.count >= 3, words[1] == "requests", words[2] == "in" {
                requests = Int(words[0])
            } else if line.hasPrefix("Requests/sec:"), let last = words.last {
                perSecond = Double(last)
            } else if words.count == 2, words[0] == "50%" {
                p50 = Self.milliseconds(words[1])
            } else if words.count == 2, words[0] == "99%" {
                p99 = Self.milliseconds(words[1])
            } else if line.hasPrefix("Non-2xx or 3xx responses:"), let last = words.last {
                errors += Int(last) ?? 0
            } else if line.hasPrefix("Socket errors:") {
                errors += words.compactMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: ","))) }.reduce(0, +)
            }
        }
        guard let requests, let perSecond, let p50, let p99 else { return nil }
        (self.requests, self.perSecond, self.p50Ms, self.p99Ms, self.errors) = (requests, perSecond, p50, p99, errors)
    }

    /// `812.00us`, `1.23ms`, `2.01s` in milliseconds.
    static func milliseconds(_ text: String) -> Double? {
        for (unit, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1_000.0)] where text.hasSuffix(unit) {
            return Double(text.dropLast(unit.count)).map { $0 * scale }
        }
        return nil
    }
}

/// `clew-serve` running as a child: its stderr read for the address it listens on, stopped with
/// SIGTERM (its graceful shutdown) and waited for.
final class ServerProcess: @unchecked Sendable {
    private let process = Process()
    private let errors = Pipe()
    private let lock = NSLock()
    private var log = ""
    private var exitStatus: Int32?

    init(_ executable: String, _ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            self?.lock.withLock { self?.log += text }
        }
        try process.run()
    }

    /// `host:port` from "clew-serve listening on 127.0.0.1:PORT" (within 30 s).
    func waitForAddress() throws -> String {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = lock.withLock { log }
            if let range = text.range(of: "listening on ") {
                let rest = text[range.upperBound...].prefix { !$0.isWhitespace }
                if rest.contains(":") { return String(rest) }
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw IntakeBench.Failure(description: "clew-serve did not start: \(lock.withLock { log }.prefix(400))")
    }

    /// Sends SIGTERM (once) and returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        if let exitStatus = lock.withLock({ exitStatus }) { return exitStatus }
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        errors.fileHandleForReading.readabilityHandler = nil
        let status = process.terminationStatus
        lock.withLock { exitStatus = status }
        return status
    }
}
