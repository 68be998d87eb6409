import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// A fresh Clew database in its own temporary directory, initialised with a small team and a
/// clock stopped at Monday 2026-11-23 10:00 in Shanghai.
///
/// The team:
/// - `admin` (admin)
/// - `bob` (supervisor, 华东) over the reps `alice` and `carol`
/// - `erin` (supervisor, 华南) over the rep `dave`
/// - `mia` (marketing), `fred` (finance), `sam` (support)
final class TemporaryDatabase: @unchecked Sendable {
    static let timeZone = TimeZone(identifier: "Asia/Shanghai")!
    static let monday = CalendarDay(year: 2026, month: 11, day: 23)
    /// Monday 2026-11-23 10:00 in ``timeZone``.
    static let mondayTen = monday.date(in: timeZone).addingTimeInterval(10 * 3_600)

    static let team: [UserProfile] = [
        UserProfile(login: "bob", name: "Bob Zhou", role: .supervisor, regions: ["华东"], industries: ["制造业"]),
        UserProfile(login: "erin", name: "Erin Li", role: .supervisor, regions: ["华南"]),
        UserProfile(login: "alice", name: "Alice Wang", role: .rep, supervisor: "bob", regions: ["华东"], industries: ["制造业"]),
        UserProfile(login: "carol", name: "Carol Chen", role: .rep, supervisor: "bob", regions: ["华东"]),
        UserProfile(login: "dave", name: "Dave Liu", role: .rep, supervisor: "erin", regions: ["华南"]),
        UserProfile(login: "mia", name: "Mia Sun", role: .marketing, capacity: 0),
        UserProfile(login: "fred", name: "Fred Huang", role: .finance, capacity: 0),
        UserProfile(login: "sam", name: "Sam Xu", role: .support, capacity: 0),
    ]

    let directory: URL
    let path: String
    let clock: FixedWallClock
    let database: ClewDatabase
    let context: ClewContext
    private let lock = NSLock()
    private var phoneCounter = 0

    init(withTeam: Bool = true, file: String = "clew.db") throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("clew-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent(file).path
        clock = FixedWallClock(Self.mondayTen)
        database = try Maintenance.initialize(path: path, admin: "admin", name: "Ada Admin", clock: clock)
        // The core's rules alone: the automation has its own tests (ClewAutomationTests).
        context = ClewContext(database: database, automation: AutomationEngine(), clock: clock, process: .withoutAutomation, calendar: .standard(timeZone: Self.timeZone))
        if withTeam {
            let admin = try actor("admin")
            let users = UserDirectory(context: context)
            for profile in Self.team { try users.add(profile, by: admin) }
        }
    }

    deinit {
        try? database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: - Acting users and services

    /// The acting user for `login` (with `--as target` when given), as the CLI resolves it.
    func actor(_ login: String, as target: String? = nil) throws -> ActingUser {
        try UserDirectory(context: context).actingUser(osLogin: login, actAs: target)
    }

    func leads(_ login: String, as target: String? = nil) throws -> LeadService {
        LeadService(context: context, actor: try actor(login, as: target))
    }

    func tasks(_ login: String) throws -> TaskService { TaskService(context: context, actor: try actor(login)) }
    func approvals(_ login: String) throws -> ApprovalService { ApprovalService(context: context, actor: try actor(login)) }
    func inbox(_ login: String) throws -> Inbox { try InboxService(context: context, actor: try actor(login)).inbox() }
    func search(_ text: String, as login: String = "admin", limit: Int = 50) throws -> [SearchHit] {
        try SearchService(context: context, actor: try actor(login)).search(text, limit: limit)
    }
    var users: UserDirectory { UserDirectory(context: context) }

    // MARK: - Data

    /// A mobile number no other lead in this database has (and that does not look fake).
    func uniquePhone() -> String {
        let n = lock.withLock { phoneCounter += 1; return phoneCounter }
        return "1395" + String(format: "%03d", n % 1000) + "2" + String(format: "%03d", (n * 37) % 1000)
    }

    /// A draft complete enough for screening.
    func draft(customer: String = "杭州恒通科技有限公司", contact: String = "王伟", phone: String? = nil,
               email: String? = nil, industry: String = "制造业", need: String = "需采购企业级SaaS系统",
               source: String = "展会", region: String? = "华东", city: String? = "杭州", budget: String? = nil) -> LeadDraft {
        LeadDraft(customer: customer, contact: contact, phone: phone ?? (email == nil ? uniquePhone() : nil), email: email,
                  industry: industry, need: need, source: source, region: region, city: city, budget: budget)
    }

    /// Registers a lead as `login`.
    @discardableResult
    func addLead(_ draft: LeadDraft? = nil, by login: String = "admin") throws -> Lead {
        try leads(login).add(draft ?? self.draft()).lead
    }

    /// A lead graded and assigned by `supervisor` to `owner`, not yet confirmed.
    func assignedLead(_ draft: LeadDraft? = nil, owner: String = "alice", supervisor: String = "bob") throws -> Lead {
        let lead = try addLead(draft)
        let number = lead.number.description
        try leads(supervisor).grade(number, .a, reason: "预算明确, 本季度采购")
        return try leads(supervisor).assign(number, to: owner)
    }

    /// A lead confirmed by `owner`: active in the first stage.
    func activeLead(_ draft: LeadDraft? = nil, owner: String = "alice", supervisor: String = "bob") throws -> Lead {
        let lead = try assignedLead(draft, owner: owner, supervisor: supervisor)
        return try leads(owner).confirm(lead.number.description)
    }

    /// A follow-up happening now, optionally with a next action due in two days.
    func followUp(_ content: String = "电话沟通了采购预算和时间表,客户计划下月立项", next: String? = "发送方案",
                  due: Date? = nil) -> FollowUpDraft {
        FollowUpDraft(at: clock.now(), method: .phone, contactPerson: "王伟 采购经理", content: content,
                      feedback: "对方案整体满意", nextAction: next,
                      nextDue: next == nil ? nil : (due ?? clock.now().addingTimeInterval(2 * 86_400)))
    }

    /// The lead as stored, whoever may see it.
    func stored(_ number: LeadNumber) throws -> Lead {
        try #require(try database.read { try LeadLookup.fetch($0, number: number) })
    }

    // MARK: - Raw reads

    /// Audit rows, oldest first, optionally for one entity.
    func auditRows(entity: String? = nil, id: Int64? = nil) throws -> [AuditEntry] {
        var sql = "SELECT id, at, actor, via, action, entity, entity_id, field, old, new FROM audit WHERE 1"
        var arguments: [any DatabaseValueConvertible] = []
        if let entity { sql += " AND entity = ?"; arguments.append(entity) }
        if let id { sql += " AND entity_id = ?"; arguments.append(id) }
        return try database.read { db in
            try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: StatementArguments(arguments)).map(AuditEntry.init(row:))
        }
    }

    func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try database.read { try Int.fetchOne($0, sql: sql, arguments: arguments) ?? 0 }
    }

    func strings(_ sql: String, _ arguments: StatementArguments = []) throws -> [String] {
        try database.read { try String.fetchAll($0, sql: sql, arguments: arguments) }
    }

    /// Every lead, as an admin lists them (paging through everything).
    func allLeads() throws -> [Lead] {
        try listAll(as: "admin")
    }

    /// Every lead `login` may list, paging with `after`.
    func listAll(as login: String) throws -> [Lead] {
        let service = try leads(login)
        var result: [Lead] = []
        var after: String?
        while true {
            let page = try service.list(LeadQuery(limit: 1_000, after: after))
            result += page
            guard page.count == 1_000, let last = page.last else { return result }
            after = last.number.description
        }
    }
}

extension AuditEntry {
    /// `action field: old → new` for readable expectations.
    var change: String { "\(action) \(field ?? "-"): \(old ?? "∅") → \(new ?? "∅")" }
}

extension Array where Element == AuditEntry {
    /// The first row with this action (and field, when given).
    func first(_ action: String, field: String? = nil) -> AuditEntry? {
        first { $0.action == action && (field == nil || $0.field == field) }
    }
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
