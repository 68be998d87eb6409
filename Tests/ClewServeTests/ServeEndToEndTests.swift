import ClewDomain
import ClewAutomation
import ClewServices
import ClewStore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import GRDB
import Testing

/// The real `clew-serve` binary on a free loopback port, posted to over HTTP with URLSession
/// (no shell): 50 parallel posts, parallel posts of one person, a slow client, SIGTERM.
@Suite("clew-serve end to end", .serialized)
struct ServeEndToEndTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = packageRoot.appendingPathComponent(".build/debug/clew-serve").path

    /// The running server: its process, the address it printed, and its stderr so far.
    final class Server: @unchecked Sendable {
        let process = Process()
        let errors = Pipe()
        private let lock = NSLock()
        private var log = ""
        var port = 0

        init(database: String, arguments: [String] = []) throws {
            process.executableURL = URL(fileURLWithPath: ServeEndToEndTests.binary)
            process.arguments = ["--db", database, "--port", "0"] + arguments
            process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC", "HOME": NSTemporaryDirectory()]
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let text = String(decoding: handle.availableData, as: UTF8.self)
                self?.lock.withLock { self?.log += text }
            }
            try process.run()
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                if let found = stderr.range(of: #"listening on 127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                    port = Int(stderr[found].split(separator: ":").last ?? "") ?? 0
                    return
                }
                if !process.isRunning { break }
                Thread.sleep(forTimeInterval: 0.05)
            }
            process.terminate()
            throw ServerDidNotStart(log: stderr)
        }

        var stderr: String { lock.withLock { log } }

        /// SIGTERM, then waits; the exit status.
        func stop() -> Int32 {
            process.terminate()
            process.waitUntilExit()
            errors.fileHandleForReading.readabilityHandler = nil
            return process.terminationStatus
        }
    }

    struct ServerDidNotStart: Error, CustomStringConvertible {
        var log: String
        var description: String { "clew-serve did not start:\n\(log)" }
    }

    /// A database whose admin is this OS user (the server's acting user), with a token.
    static func database() throws -> (path: String, secret: String, context: ClewContext) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-serve-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("clew.db").path
        let login = try #require(OSAccount.current()?.login)
        let database = try Maintenance.initialize(path: path, admin: login, name: "Intake")
        let context = ClewContext(database: database, automation: AutomationEngine())
        let admin = try UserDirectory(context: context).actingUser(osLogin: login)
        let secret = try IntakeTokenService(context: context, actor: admin).add(source: "官网", ratePerMinute: 10_000).secret
        return (path, secret, context)
    }

    static func post(_ port: Int, _ object: [String: String], token: String) async throws -> (status: Int, body: [String: Any]) {
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)/v1/leads")))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.httpBody = try JSONSerialization.data(withJSONObject: object)
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary), "clew-serve is built"))
    func fiftyParallelPostsLoseAndDuplicateNothing() async throws {
        let (path, secret, context) = try Self.database()
        let server = try Server(database: path)
        defer { _ = server.stop() }
        let port = server.port
        let results = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
            for index in 0..<50 {
                group.addTask {
                    let phone = "139" + String(format: "%08d", 1_000 + index)
                    let answer = try await Self.post(port, ["customer": "并发公司 \(index)", "phone": phone], token: secret)
                    return (answer.status, answer.body["lead"] as? String)
                }
            }
            // Five posts of one person at once: one lead, the others merged into it.
            for _ in 0..<5 {
                group.addTask {
                    let answer = try await Self.post(port, ["customer": "同一人", "phone": "13700137000"], token: secret)
                    return (answer.status, answer.body["lead"] as? String)
                }
            }
            var all: [(Int, String?)] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.filter { $0.0 == 201 }.count == 51)
        #expect(results.filter { $0.0 == 200 }.count == 4)
        #expect(Set(results.compactMap(\.1)).count == 51)
        _ = context
        let stored = try await DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM lead") }
        #expect(stored == 51)

        var health = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)/healthz")))
        health.httpMethod = "GET"
        let (_, response) = try await URLSession.shared.data(for: health)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)

        #expect(server.stop() == 0, "SIGTERM stops it gracefully:\n\(server.stderr)")
        #expect(server.stderr.contains("clew-serve stopped"))
    }

    /// A client that sends half a request and stalls is cut off after the idle timeout.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary), "clew-serve is built"))
    func aSlowClientIsTimedOut() throws {
        let (path, _, _) = try Self.database()
        let server = try Server(database: path, arguments: ["--idle-timeout", "1"])
        defer { _ = server.stop() }
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(socketFD >= 0)
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(server.port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        let partial = "POST /v1/leads HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n"
        _ = partial.withCString { send(socketFD, $0, strlen($0), 0) }
        var timeout = timeval(tv_sec: 8, tv_usec: 0)
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let started = Date()
        var buffer = [UInt8](repeating: 0, count: 1_024)
        var received = 1
        while received > 0 { received = recv(socketFD, &buffer, buffer.count, 0) }
        let waited = Date().timeIntervalSince(started)
        #expect(received == 0, "the server closed the connection")
        #expect(waited >= 0.5 && waited < 6, "closed after about the idle timeout, not at once nor never: \(waited) s")
    }
}
