import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// A fresh database in a temporary directory (clock stopped at 2026-11-23 10:00 Shanghai) with
/// admin, bob (supervisor) over alice (rep), mia (marketing) and sam (support), plus helpers to
/// write import files into the same directory and run imports.
final class ImportFixture: @unchecked Sendable {
    static let timeZone = TimeZone(identifier: "Asia/Shanghai")!
    static let now = CalendarDay(year: 2026, month: 11, day: 23).date(in: timeZone).addingTimeInterval(10 * 3_600)

    let directory: URL
    let clock: FixedWallClock
    let database: ClewDatabase
    let context: ClewContext

    init(team: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-import-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        clock = FixedWallClock(Self.now)
        database = try Maintenance.initialize(path: directory.appendingPathComponent("clew.db").path, admin: "admin", name: "Ada Admin", clock: clock)
        context = ClewContext(database: database, automation: AutomationEngine(), clock: clock, calendar: .standard(timeZone: Self.timeZone))
        if team {
            let admin = try actor("admin")
            let users = UserDirectory(context: context)
            for profile in [
                UserProfile(login: "bob", name: "Bob Zhou", role: .supervisor, regions: ["华东"]),
                UserProfile(login: "alice", name: "Alice Wang", role: .rep, supervisor: "bob", regions: ["华东"]),
                UserProfile(login: "mia", name: "Mia Sun", role: .marketing, capacity: 0),
                UserProfile(login: "sam", name: "Sam Xu", role: .support, capacity: 0),
            ] { try users.add(profile, by: admin) }
        }
    }

    deinit {
        try? database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    func actor(_ login: String) throws -> ActingUser {
        try UserDirectory(context: context).actingUser(osLogin: login)
    }

    func importer(_ login: String = "admin") throws -> ImportService {
        ImportService(context: context, actor: try actor(login))
    }

    func leads(_ login: String = "admin") throws -> LeadService {
        LeadService(context: context, actor: try actor(login))
    }

    /// Writes `data` to `name` in the fixture's directory; returns the path.
    @discardableResult
    func file(_ name: String, _ data: Data) throws -> String {
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// Writes text as UTF-8 (optionally with a BOM) or GB18030.
    @discardableResult
    func csv(_ name: String, _ text: String, encoding: CSVFileEncoding = .utf8) throws -> String {
        try file(name, encoding.data(text))
    }

    /// Imports `path` as `login`.
    @discardableResult
    func run(_ path: String, as login: String = "admin", _ options: ImportOptions = ImportOptions()) throws -> ImportSummary {
        try importer(login).run(path: path, options: options)
    }

    /// Every lead (merged tombstones too), oldest first.
    func allLeads() throws -> [Lead] {
        try database.read { db in try Row.fetchAll(db, sql: "SELECT \(Lead.selection) FROM lead ORDER BY id").map(Lead.init(row:)) }
    }

    func lead(phone: String) throws -> Lead? {
        guard let key = PhoneNumber.normalize(phone) else { return nil }
        return try database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Lead.selection) FROM lead WHERE phone_key = ? AND status != 'merged'", arguments: [key]).map(Lead.init(row:))
        }
    }

    func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try database.read { try Int.fetchOne($0, sql: sql, arguments: arguments) ?? 0 }
    }

    func strings(_ sql: String, _ arguments: StatementArguments = []) throws -> [String] {
        try database.read { try String.fetchAll($0, sql: sql, arguments: arguments) }
    }

    /// A fingerprint of every table an import writes, to prove "nothing written".
    func fingerprint() throws -> [String] {
        try ["lead", "audit", "import", "import_lead", "lead_extra", "note", "lead_sequence"].map { table in
            "\(table): \(try count("SELECT count(*) FROM \(table)"))"
        } + [
            try strings("SELECT day || ':' || last FROM lead_sequence ORDER BY day").joined(separator: ","),
            try strings("SELECT coalesce(max(id), 0) || '/' || coalesce(max(version), 0) FROM lead").joined(),
            try strings("SELECT coalesce(max(id), 0) || '' FROM audit").joined(),
        ]
    }
}

/// How a test writes a CSV file.
enum CSVFileEncoding: Sendable {
    case utf8, utf8BOM, gb18030

    func data(_ text: String) -> Data {
        switch self {
        case .utf8: Data(text.utf8)
        case .utf8BOM: Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        case .gb18030: text.data(using: String.Encoding(rawValue: 0x8000_0632)) ?? Data()
        }
    }
}
