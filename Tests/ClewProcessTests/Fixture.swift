import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// A fresh database with an admin, a supervisor `bob` over the rep `alice`, and `mia`
/// (marketing), with a clock stopped on Monday 2026-11-23 10:00 in Shanghai.
final class ProcessFixture: @unchecked Sendable {
    static let timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
    let directory: URL
    let clock: FixedWallClock
    let database: ClewDatabase
    let context: ClewContext

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-process-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let monday = CalendarDay(year: 2026, month: 11, day: 23).date(in: Self.timeZone).addingTimeInterval(10 * 3_600)
        clock = FixedWallClock(monday)
        database = try Maintenance.initialize(path: directory.appendingPathComponent("clew.db").path, admin: "admin", name: "Ada Admin", clock: clock)
        context = ClewContext(database: database, automation: AutomationEngine(), clock: clock, calendar: .standard(timeZone: Self.timeZone))
        let admin = try actor("admin")
        for profile in [
            UserProfile(login: "bob", name: "Bob Zhou", role: .supervisor, regions: ["华东"]),
            UserProfile(login: "alice", name: "Alice Wang", role: .rep, supervisor: "bob", regions: ["华东"]),
            UserProfile(login: "mia", name: "Mia Sun", role: .marketing, capacity: 0),
        ] { try UserDirectory(context: context).add(profile, by: admin) }
    }

    deinit {
        try? database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    func actor(_ login: String) throws -> ActingUser { try UserDirectory(context: context).actingUser(osLogin: login) }
    func process(_ login: String = "admin") throws -> ProcessService { ProcessService(context: context, actor: try actor(login)) }

    /// A lead made active (in the first stage) by alice; give another customer and phone for a
    /// second one, or it is a duplicate.
    func activeLead(customer: String = "杭州恒通科技有限公司", phone: String = "13957712345") throws -> Lead {
        let draft = LeadDraft(customer: customer, contact: "王伟", phone: phone, industry: "制造业",
                              need: "需采购企业级SaaS系统", source: "展会", region: "华东", city: "杭州")
        let lead = try LeadService(context: context, actor: try actor("admin")).add(draft).lead
        let number = lead.number.description
        try LeadService(context: context, actor: try actor("bob")).grade(number, .a, reason: "预算明确, 本季度采购")
        _ = try LeadService(context: context, actor: try actor("bob")).assign(number, to: "alice")
        return try LeadService(context: context, actor: try actor("alice")).confirm(number)
    }

    func count(_ sql: String) throws -> Int { try database.read { try Int.fetchOne($0, sql: sql) ?? 0 } }
}

/// The standard file with `old` replaced by `new` (which must occur).
func edited(_ old: String, _ new: String, in text: String = ProcessDefinitionTOML.encode(.standard)) throws -> String {
    try #require(text.contains(old), "no '\(old)' in the file")
    return text.replacingOccurrences(of: old, with: new)
}

/// The 1-based line of the first line containing `needle`.
func line(of needle: String, in text: String) -> Int {
    (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) } ?? -1) + 1
}

/// The diagnostics of decoding `text`, as `file:line: reason` strings.
func problems(_ text: String) -> [String] {
    switch ProcessDefinitionTOML.decode(text, file: "p.toml") {
    case .success: []
    case let .failure(failure): failure.diagnostics.map(\.description)
    }
}

extension ProcessFixture {
    /// `clew process check`'s diagnostics for `text`, as `p.toml:line: reason` strings.
    func checked(_ text: String, as login: String = "admin") throws -> [String] {
        try process(login).check(text: text, file: "p.toml").map(\.description)
    }

    /// How many process versions have been applied.
    func appliedVersions() throws -> Int { try count("SELECT count(*) FROM process_definition") }

    /// How many audit rows record an applied process.
    func applyAudits() throws -> Int { try count("SELECT count(*) FROM audit WHERE action = 'apply-process'") }
}

/// `text` without the `[[stage]]` table whose key is `key` (the table runs to the next blank line).
func removingStage(_ key: String, from text: String = ProcessDefinitionTOML.encode(.standard)) throws -> String {
    let start = try #require(text.range(of: "[[stage]]\nkey = \"\(key)\"\n"), "no stage '\(key)' in the file")
    let end = try #require(text.range(of: "\n\n", range: start.upperBound..<text.endIndex), "stage '\(key)' does not end")
    var result = text
    result.removeSubrange(start.lowerBound..<end.upperBound)
    return result
}
