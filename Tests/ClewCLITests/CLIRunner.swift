import Foundation
import Testing

/// What one run of the `clew` binary produced.
struct CLIResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastIfEmpty() }
    var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastIfEmpty() }

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }

    /// The JSON on stdout.
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(stdout.utf8))
    }
}

extension Array where Element == String {
    func dropLastIfEmpty() -> [String] { last == "" ? Array(dropLast()) : self }
}

/// Runs the real `clew` binary built next to this package, in a controlled environment.
enum CLI {
    /// The package root: up from `Tests/ClewCLITests/CLIRunner.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary = packageRoot.appendingPathComponent(".build/debug/clew").path

    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// A minimal environment: no CLEW_DB, a throwaway HOME and XDG_DATA_HOME, UTF-8, UTC.
    static func environment(home: String, extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": home,
            "XDG_DATA_HOME": home + "/data",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
        ]
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Runs `executable arguments…` and waits for it.
    static func run(executable: String, _ arguments: [String], environment: [String: String], in directory: String) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let token = UUID().uuidString
        let outURL = URL(fileURLWithPath: directory).appendingPathComponent(".out-\(token)")
        let errURL = URL(fileURLWithPath: directory).appendingPathComponent(".err-\(token)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return CLIResult(status: process.terminationStatus,
                         stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                         stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// A temporary directory with a database path, and helpers to run `clew --db <path> …` in it.
final class CLISandbox: @unchecked Sendable {
    let directory: String
    let db: String

    init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clew-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        directory = url.path
        db = url.appendingPathComponent("clew.db").path
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// `clew --db <db> arguments…`.
    @discardableResult
    func clew(_ arguments: String..., environment extra: [String: String] = [:]) throws -> CLIResult {
        try clew(arguments, environment: extra)
    }

    @discardableResult
    func clew(_ arguments: [String], environment extra: [String: String] = [:], database: Bool = true) throws -> CLIResult {
        try CLI.run(executable: CLI.binary, (database ? ["--db", db] : []) + arguments,
                    environment: CLI.environment(home: directory, extra: extra), in: directory)
    }

    /// Runs and requires success, returning stdout.
    @discardableResult
    func ok(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try clew(arguments)
        #expect(result.status == 0, "clew \(arguments.joined(separator: " ")) → \(result)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// `init` plus bob (supervisor) over alice and carol (reps), dave under erin.
    func initWithTeam() throws {
        try ok("init", "--name", "Root Admin")
        try ok("user", "add", "bob", "--name", "Bob Zhou", "--role", "supervisor", "--regions", "华东")
        try ok("user", "add", "erin", "--name", "Erin Li", "--role", "supervisor", "--regions", "华南")
        try ok("user", "add", "alice", "--name", "Alice Wang", "--role", "rep", "--supervisor", "bob", "--regions", "华东")
        try ok("user", "add", "carol", "--name", "Carol Chen", "--role", "rep", "--supervisor", "bob", "--regions", "华东")
        try ok("user", "add", "dave", "--name", "Dave Liu", "--role", "rep", "--supervisor", "erin", "--regions", "华南")
    }

    /// `lead add` with complete details; returns the printed number.
    func addLead(customer: String = "华东区制造业客户恒通科技有限公司", phone: String, extra: [String] = [],
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try clew(["lead", "add", "--customer", customer, "--contact", "王伟", "--phone", phone, "--industry", "制造业",
                               "--need", "需采购企业级SaaS系统", "--source", "展会", "--city", "杭州"] + extra)
        #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A lead assigned to `owner` and confirmed (as them, with `--as`).
    func activeLead(owner: String = "alice", phone: String) throws -> String {
        let number = try addLead(phone: phone)
        try ok("lead", "grade", number, "A", "--reason", "预算明确")
        try ok("lead", "assign", number, owner)
        try ok("--as", owner, "lead", "confirm", number)
        return number
    }

    /// Makes the directory and the database files usable by any user (for `runuser`).
    func openUpPermissions() throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: db + suffix) {
            try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: db + suffix)
        }
    }
}

/// Expects a user error: exit status 1, nothing on stdout, exactly one `clew: …` line on stderr.
func expectUserError(_ result: CLIResult, containing fragments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == 1, "\(result)", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, "\(result)", sourceLocation: sourceLocation)
    #expect(result.stderrLines.count == 1, "expected one line: \(result)", sourceLocation: sourceLocation)
    #expect(result.stderr.hasPrefix("clew: "), "\(result)", sourceLocation: sourceLocation)
    #expect(result.stderr.hasSuffix("\n"), sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(result.stderr.contains(fragment), "missing '\(fragment)' in \(result.stderr)", sourceLocation: sourceLocation)
    }
}

/// Today's lead-number day prefixes (UTC, as the tests run the binary with TZ=UTC), around now.
func todaysNumberDays() -> Set<String> {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd"
    let now = Date()
    return [formatter.string(from: now.addingTimeInterval(-120)), formatter.string(from: now), formatter.string(from: now.addingTimeInterval(120))]
}
