import ClewDomain
import ClewServe
import ClewAutomation
import ClewServices
import ClewStore
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging

/// A fresh database with an admin, a rep and a marketing user, the standard process (its
/// scoring events), and helpers to make tokens and read what the intake stored.
final class IntakeFixture: @unchecked Sendable {
    let directory: URL
    let path: String
    let context: ClewContext

    init(admin: String = "admin") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-serve-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("clew.db").path
        let clock = FixedWallClock(Date(timeIntervalSince1970: 1_795_399_200))  // 2026-11-23 10:00 in Shanghai
        let database = try Maintenance.initialize(path: path, admin: admin, name: "Ada Admin", clock: clock)
        context = ClewContext(database: database, automation: AutomationEngine(), clock: clock, calendar: .standard(timeZone: TimeZone(identifier: "Asia/Shanghai")!))
        let directoryService = UserDirectory(context: context)
        let adminUser = try directoryService.actingUser(osLogin: admin)
        try directoryService.add(UserProfile(login: "bob", name: "Bob Zhou", role: .supervisor, regions: ["华东"]), by: adminUser)
        try directoryService.add(UserProfile(login: "alice", name: "Alice Wang", role: .rep, supervisor: "bob", regions: ["华东"]), by: adminUser)
        try directoryService.add(UserProfile(login: "mia", name: "Mia Sun", role: .marketing, capacity: 0), by: adminUser)
        self.admin = admin
    }

    let admin: String

    deinit { try? FileManager.default.removeItem(at: directory) }

    func actor(_ login: String) throws -> ActingUser { try UserDirectory(context: context).actingUser(osLogin: login) }

    /// A token's secret.
    func token(source: String = "官网", campaign: String? = nil, rate: Int = 60, public isPublic: Bool = false) throws -> (secret: String, token: IntakeToken) {
        let made = try IntakeTokenService(context: context, actor: try actor(admin)).add(source: source, campaign: campaign, ratePerMinute: rate, isPublic: isPublic)
        return (made.secret, made.token)
    }

    /// The intake application acting as `login`, for HummingbirdTesting.
    func application(as login: String? = nil, bodyLimit: Int = IntakeServerSettings.defaultBodyLimit) throws -> some ApplicationProtocol {
        // A long idle timeout: on a loaded machine a test may pause over 10 s between two requests
        // on its kept-alive connection (the slow-client timeout is tested end to end).
        let settings = IntakeServerSettings(bodyLimit: bodyLimit, idleTimeout: 300)
        var logger = Logger(label: "clew-serve-test")
        logger.logLevel = .warning
        let routes = IntakeRoutes(context: context, actor: try actor(login ?? admin), settings: settings, logger: logger)
        return IntakeServer(routes: routes, settings: settings, logger: logger).application()
    }

    // MARK: - Reading the store

    func queue() throws -> DatabaseQueue { try DatabaseQueue(path: path) }

    func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try queue().read { try Int.fetchOne($0, sql: sql, arguments: arguments) ?? 0 }
    }

    func execute(_ sql: String, _ arguments: StatementArguments = []) throws {
        try queue().write { try $0.execute(sql: sql, arguments: arguments) }
    }

    func strings(_ sql: String, _ arguments: StatementArguments = []) throws -> [String] {
        try queue().read { try String.fetchAll($0, sql: sql, arguments: arguments) }
    }
}

/// Request helpers.
enum Post {
    static func json(_ object: [String: Any], token: String?, extra: HTTPFields = [:]) -> (HTTPFields, ByteBuffer) {
        var headers = extra
        headers[.contentType] = "application/json"
        if let token { headers[.authorization] = "Bearer \(token)" }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return (headers, ByteBuffer(bytes: data))
    }

    static func form(_ body: String, extra: HTTPFields = [:]) -> (HTTPFields, ByteBuffer) {
        var headers = extra
        headers[.contentType] = "application/x-www-form-urlencoded"
        return (headers, ByteBuffer(string: body))
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}
