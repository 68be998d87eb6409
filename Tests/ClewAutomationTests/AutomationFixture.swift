import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// A fresh database with an admin, a supervisor `bob` over the reps `alice` and `carl` (华东,
/// 制造业), `fay` (finance), and a clock that tests move, starting on Monday 2026-11-23 10:00 in
/// Shanghai.
final class AutomationFixture: @unchecked Sendable {
    static let timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
    let directory: URL
    let clock: FixedWallClock
    let database: ClewDatabase
    let context: ClewContext
    /// For ``uniquePhone()``.
    var phoneCounter = 0

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-automation-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        clock = FixedWallClock(Self.at(2026, 11, 23, 10))
        database = try Maintenance.initialize(path: directory.appendingPathComponent("clew.db").path, admin: "admin", name: "Ada Admin", clock: clock)
        context = ClewContext(database: database, automation: AutomationEngine(), clock: clock, calendar: .standard(timeZone: Self.timeZone))
        let admin = try actor("admin")
        for profile in [
            UserProfile(login: "bob", name: "Bob Zhou", role: .supervisor, regions: ["华东"]),
            UserProfile(login: "alice", name: "Alice Wang", role: .rep, supervisor: "bob", regions: ["华东"], industries: ["制造业"]),
            UserProfile(login: "carl", name: "Carl Li", role: .rep, supervisor: "bob", regions: ["华东"], industries: ["制造业"]),
            UserProfile(login: "fay", name: "Fay Qian", role: .finance, capacity: 0),
        ] { try UserDirectory(context: context).add(profile, by: admin) }
    }

    deinit {
        try? database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// `year-month-day hour:minute` in Shanghai.
    static func at(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        CalendarDay(year: year, month: month, day: day).date(in: timeZone).addingTimeInterval(Double(hour * 3_600 + minute * 60))
    }

    func actor(_ login: String) throws -> ActingUser { try UserDirectory(context: context).actingUser(osLogin: login) }
    func leads(_ login: String) throws -> LeadService { LeadService(context: context, actor: try actor(login)) }

    func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try database.read { try Int.fetchOne($0, sql: sql, arguments: arguments) ?? 0 }
    }
}

// MARK: - Helpers for the automation tests

extension AutomationFixture {
    /// The fixture's database and clock under another process definition (and, with
    /// `holidays`, the holidays stored in the database).
    func context(_ process: ProcessDefinition, holidays: Bool = false) throws -> ClewContext {
        let custom = ClewContext(database: database, automation: AutomationEngine(), clock: clock, process: process, calendar: .standard(timeZone: Self.timeZone))
        return holidays ? try custom.loadingHolidays() : custom
    }

    /// The acting user `login` as `context` sees them (pool memberships come from its process).
    func actor(_ login: String, in context: ClewContext) throws -> ActingUser {
        try UserDirectory(context: context).actingUser(osLogin: login)
    }

    func leads(_ login: String, in context: ClewContext) throws -> LeadService {
        LeadService(context: context, actor: try actor(login, in: context))
    }

    func tasks(_ login: String, in context: ClewContext? = nil) throws -> TaskService {
        TaskService(context: context ?? self.context, actor: try actor(login))
    }

    /// Runs the tick as `admin` as of `date` (default: the clock's now).
    @discardableResult
    func tick(_ date: Date? = nil, dryRun: Bool = false, in context: ClewContext? = nil, holder: String? = nil) throws -> TickReport {
        try TickService(context: context ?? self.context, actor: try actor("admin")).run(asOf: date, dryRun: dryRun, holder: holder)
    }

    /// Adds `day` as a holiday (as admin).
    func addHoliday(_ day: CalendarDay, name: String = "假日") throws {
        try HolidayStore(context: context, actor: try actor("admin")).set([day], isHoliday: true, name: name)
    }

    // MARK: Leads

    /// A mobile number unique within this fixture (`1395xxx2yyy`).
    func uniquePhone() -> String {
        phoneCounter += 1
        let n = phoneCounter
        return "1395" + String(format: "%03d", n % 1000) + "2" + String(format: "%03d", (n * 37) % 1000)
    }

    /// A draft complete enough for screening. With the defaults it scores 10 (`need described`),
    /// grade C, from a trade show (展会) in 华东: no standard routing rule matches it.
    func draft(customer: String = "杭州恒通机械有限公司", contact: String = "王伟", title: String? = nil, phone: String? = nil,
               email: String? = nil, industry: String = "制造业", need: String = "需采购企业级SaaS系统",
               source: String = "展会", campaign: String? = nil, region: String? = "华东", city: String? = "杭州",
               budget: String? = nil) -> LeadDraft {
        LeadDraft(customer: customer, contact: contact, title: title, phone: phone ?? (email == nil ? uniquePhone() : nil), email: email,
                  industry: industry, need: need, source: source, campaign: campaign, region: region, city: city, budget: budget)
    }

    /// Registers `draft` as `login` (default admin) under `context` (default the fixture's).
    @discardableResult
    func add(_ draft: LeadDraft? = nil, by login: String = "admin", in context: ClewContext? = nil) throws -> Lead {
        let context = context ?? self.context
        return try leads(login, in: context).add(draft ?? self.draft()).lead
    }

    /// A lead graded `grade` and assigned by bob to `owner` now, not yet confirmed.
    @discardableResult
    func assigned(_ draft: LeadDraft? = nil, grade: Grade = .a, to owner: String = "alice", in context: ClewContext? = nil) throws -> Lead {
        let context = context ?? self.context
        let lead = try add(draft, in: context)
        let bob = try leads("bob", in: context)
        try bob.grade(lead.number.description, grade, reason: "预算明确, 本季度采购")
        return try bob.assign(lead.number.description, to: owner)
    }

    /// A lead assigned to `owner` and confirmed by them now: active in discovery.
    @discardableResult
    func active(_ draft: LeadDraft? = nil, grade: Grade = .a, owner: String = "alice", in context: ClewContext? = nil) throws -> Lead {
        let context = context ?? self.context
        let lead = try assigned(draft, grade: grade, to: owner, in: context)
        return try leads(owner, in: context).confirm(lead.number.description)
    }

    /// A follow-up happening now.
    func followUp(_ content: String = "电话沟通了采购预算和时间表,客户计划下月立项", method: FollowUpMethod = .phone,
                  feedback: String? = "对方案整体满意") -> FollowUpDraft {
        FollowUpDraft(at: clock.now(), method: method, contactPerson: "王伟 采购经理", content: content, feedback: feedback)
    }

    /// The lead as stored.
    func stored(_ lead: Lead) throws -> Lead {
        try #require(try database.read { try LeadLookup.fetch($0, id: lead.id) })
    }

    // MARK: Raw reads

    func strings(_ sql: String, _ arguments: StatementArguments = []) throws -> [String] {
        try database.read { try String.fetchAll($0, sql: sql, arguments: arguments) }
    }

    /// The bodies of `recipient`'s notifications of `kind`, oldest first.
    func notifications(_ recipient: String, _ kind: String) throws -> [String] {
        try strings("SELECT body FROM notification WHERE recipient = ? AND kind = ? ORDER BY id", [recipient, kind])
    }

    /// The outcomes of `rule`'s firings, oldest first.
    func outcomes(_ rule: String) throws -> [String] {
        try strings("SELECT outcome FROM rule_firing WHERE rule = ? ORDER BY id", [rule])
    }

    /// The lead's tasks (open first, by due date).
    func tasks(of lead: Lead) throws -> [TaskItem] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Tasks.selection) FROM task WHERE lead_id = ? ORDER BY id", arguments: [lead.id])
                .map(TaskItem.init(row:))
        }
    }

    /// `number customer`, as the automation's messages name a lead.
    static func label(_ lead: Lead) -> String { "\(lead.number) \(lead.details.customer ?? "")" }

    /// How messages print a time.
    static func stamp(_ date: Date) -> String { StoreError.timestamp(date) }
}

extension TickReport {
    /// The firings of `rule`.
    func of(_ rule: String) -> [Firing] { firings.filter { $0.rule == rule } }

    /// The rules that fired, in order.
    var rules: [String] { firings.map(\.rule) }
}

extension LeadService {
    /// Moves an active lead straight to the contract stage (合同签订), where deals are won, as
    /// its supervisor, who approves the skip by making it.
    func toContract(_ number: String) throws {
        guard case .moved = try move(number, to: "contract") else { throw FixtureError.unexpected("the move to contract needed approval") }
    }
}

/// A step of a fixture did not go as the test assumed.
enum FixtureError: Error {
    case unexpected(String)
}
