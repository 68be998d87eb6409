import ClewDomain
import ClewMemoryStore
import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// One store behind the ports, set up the same way whatever the engine: the team below and one
/// lead (`XL-20261123-001`, 杭州恒通科技有限公司, owned by alice), the clock stopped at Monday
/// 2026-11-23 10:00 in Shanghai. A PostgreSQL store adds its case here and must pass every test.
final class StoreUnderTest: @unchecked Sendable {
    /// The stores the suite runs on.
    enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case memory, sqlite
        var testDescription: String { rawValue }
    }

    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let now = CalendarDay(year: 2026, month: 11, day: 23).date(in: zone).addingTimeInterval(10 * 3_600)
    static let team: [UserProfile] = [
        UserProfile(login: "bob", name: "Bob Zhou", role: .supervisor, regions: ["华东"]),
        UserProfile(login: "alice", name: "Alice Wang", role: .rep, supervisor: "bob", regions: ["华东"]),
        UserProfile(login: "carol", name: "Carol Chen", role: .rep, supervisor: "bob", regions: ["华东"]),
    ]
    static let customer = "杭州恒通科技有限公司"

    let store: any ServiceStore
    /// The lead every store holds.
    let leadID: Int64
    let leadNumber: LeadNumber
    /// A second lead, assigned to carol and not yet confirmed (上海远景物流有限公司).
    let assignedNumber: LeadNumber
    private let cleanup: () -> Void

    init(_ engine: Engine) throws {
        switch engine {
        case .memory:
            let number = LeadNumber("XL-20261123-001")!
            let lead = Lead(id: 1, number: number, status: .active, stage: "discovery", owner: "alice",
                            details: LeadDraft(customer: Self.customer, contact: "王伟", phone: "13812345678", region: "华东"),
                            createdBy: "alice", createdAt: Self.now, updatedBy: "alice", updatedAt: Self.now, statusChangedAt: Self.now)
            let admin = UserProfile(login: "admin", name: "Ada Admin", role: .admin)
            let assigned = Lead(id: 2, number: LeadNumber("XL-20261123-002")!, status: .assigned, owner: "carol",
                                details: LeadDraft(customer: "上海远景物流有限公司", contact: "陈静", phone: "13698765432", industry: "物流", need: "仓储管理系统", source: "展会", region: "华东"),
                                createdBy: "admin", createdAt: Self.now, updatedBy: "admin", updatedAt: Self.now, statusChangedAt: Self.now)
            store = InMemoryStore(users: [admin] + Self.team, leads: [lead, assigned], now: { StoreUnderTest.now })
            (leadID, leadNumber, assignedNumber) = (lead.id, number, assigned.number)
            cleanup = {}
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-ports-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let clock = FixedWallClock(Self.now)
            let database = try Maintenance.initialize(path: directory.appendingPathComponent("clew.db").path, admin: "admin",
                                                      name: "Ada Admin", clock: clock)
            let context = ClewContext(database: database, automation: NoAutomation(), clock: clock, process: .withoutAutomation,
                                      calendar: .standard(timeZone: Self.zone))
            let users = UserDirectory(context: context)
            let admin = try users.actingUser(osLogin: "admin", actAs: nil)
            for profile in Self.team { try users.add(profile, by: admin) }
            let leads = LeadService(context: context, actor: admin)
            let added = try leads.add(LeadDraft(customer: Self.customer, contact: "王伟", phone: "13812345678", region: "华东"))
            let assigned = try leads.add(LeadDraft(customer: "上海远景物流有限公司", contact: "陈静", phone: "13698765432", industry: "物流", need: "仓储管理系统", source: "展会", region: "华东"))
            try leads.grade(assigned.lead.number.description, .b, reason: "需求明确")
            try leads.assign(assigned.lead.number.description, to: "carol")
            store = SQLiteServiceStore(context: context)
            (leadID, leadNumber, assignedNumber) = (added.lead.id, added.lead.number, assigned.lead.number)
            cleanup = {
                try? database.close()
                try? FileManager.default.removeItem(at: directory)
            }
        }
    }

    deinit { cleanup() }

    /// `login` acting, with their team (the reps whose supervisor they are).
    func actor(_ login: String) -> ActingUser {
        let profile = Self.team.first { $0.login == login } ?? UserProfile(login: "admin", name: "Ada Admin", role: .admin)
        return ActingUser(profile: profile, team: Set(Self.team.filter { $0.supervisor == login }.map(\.login)))
    }
}
