import ClewDomain
import ClewMemoryStore
import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// One store behind the ports, set up the same way whatever the engine: the team below and five
/// leads (`XL-20261123-001`, 杭州恒通科技有限公司, new; one assigned to carol; one in 华东's pool;
/// one alice claimed from it; one in screening), the clock stopped at Monday
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

    /// `seconds` from `now` (the set-up's leads change status before it, a minute or more apart).
    static func at(_ seconds: TimeInterval) -> Date { now.addingTimeInterval(seconds) }

    let store: any ServiceStore
    /// The lead every store holds.
    let leadID: Int64
    let leadNumber: LeadNumber
    /// A second lead, assigned to carol and not yet confirmed (上海远景物流有限公司).
    let assignedNumber: LeadNumber
    /// A third lead, waiting in 华东's pool (carol returned it; 南京云帆电子有限公司).
    let pooledNumber: LeadNumber
    /// A fourth lead, which carol returned to 华东's pool and alice claimed from it today
    /// (苏州青禾食品有限公司): active, alice's.
    let claimedNumber: LeadNumber
    /// A fifth, waiting in screening (无锡明德教育科技有限公司).
    let screeningNumber: LeadNumber
    /// Applies a process definition, as `clew process apply` does: later transactions run under it.
    let applyProcess: (ProcessDefinition) throws -> Void
    private let cleanup: () -> Void

    static let pooledDetails = LeadDraft(customer: "南京云帆电子有限公司", contact: "刘洋", phone: "13955556666", industry: "制造",
                                         need: "生产排程", source: "官网", region: "华东")
    static let screeningDetails = LeadDraft(customer: "无锡明德教育科技有限公司", contact: "孙丽", phone: "13566667777", industry: "教育",
                                            need: "排课系统", source: "展会", region: "华东")
    static let claimedDetails = LeadDraft(customer: "苏州青禾食品有限公司", contact: "赵敏", phone: "13777778888", industry: "食品",
                                          need: "渠道管理", source: "转介绍", region: "华东")

    init(_ engine: Engine) throws {
        switch engine {
        case .memory:
            let number = LeadNumber("XL-20261123-001")!
            // As the SQLite store holds it after the admin registered it: new (no need or source yet), nobody's.
            let lead = Lead(id: 1, number: number, status: .new,
                            details: LeadDraft(customer: Self.customer, contact: "王伟", phone: "13812345678", region: "华东"),
                            createdBy: "admin", createdAt: Self.at(-600), updatedBy: "admin", updatedAt: Self.at(-600), statusChangedAt: Self.at(-600))
            let admin = UserProfile(login: "admin", name: "Ada Admin", role: .admin)
            let assigned = Lead(id: 2, number: LeadNumber("XL-20261123-002")!, status: .assigned, grade: .b, owner: "carol",
                                details: LeadDraft(customer: "上海远景物流有限公司", contact: "陈静", phone: "13698765432", industry: "物流", need: "仓储管理系统", source: "展会", region: "华东"),
                                createdBy: "admin", createdAt: Self.at(-500), updatedBy: "admin", updatedAt: Self.at(-500), statusChangedAt: Self.at(-500))
            let pooled = Lead(id: 3, number: LeadNumber("XL-20261123-003")!, status: .pooled, grade: .b, pool: "华东",
                              details: Self.pooledDetails, createdBy: "admin", createdAt: Self.at(-400), updatedBy: "carol", updatedAt: Self.at(-400),
                              statusChangedAt: Self.at(-400))
            let claimed = Lead(id: 4, number: LeadNumber("XL-20261123-004")!, status: .active,
                               stage: ProcessDefinition.withoutAutomation.pipeline.firstStage?.key, grade: .b, owner: "alice",
                               details: Self.claimedDetails, createdBy: "admin", createdAt: Self.at(-300), updatedBy: "alice", updatedAt: Self.at(-200),
                               statusChangedAt: Self.at(-200), stageEnteredAt: Self.at(-200))
            let screening = Lead(id: 5, number: LeadNumber("XL-20261123-005")!, status: .screening, details: Self.screeningDetails,
                                 createdBy: "admin", createdAt: Self.at(-100), updatedBy: "admin", updatedAt: Self.at(-100), statusChangedAt: Self.at(-100))
            // Scored and keyed as registration leaves them.
            let registered = try [lead, assigned, pooled, claimed, screening].map { lead in
                var registered = lead
                let checked = try lead.details.validate(latestFounded: 2026)
                let score = ProcessDefinition.withoutAutomation.scoring.score(lead.details)
                (registered.score, registered.suggestedGrade) = (score.total, score.suggestedGrade)
                (registered.phoneKey, registered.emailKey) = (checked.phone?.normalized, checked.email?.normalized)
                registered.details = checked.fields
                if checked.phone?.looksFake == true { registered.flags.insert(.fakePhone) }
                return registered
            }
            let memory = InMemoryStore(users: [admin] + Self.team, leads: registered, process: .withoutAutomation,
                                       calendar: .standard(timeZone: Self.zone), now: { StoreUnderTest.now })
            for added in [lead, assigned, pooled, claimed, screening] {
                memory.setScoreParts(ProcessDefinition.withoutAutomation.scoring.score(added.details).storedParts, ofLead: added.id)
            }
            memory.setPoolOrigin(InMemoryStore.PoolOrigin(pool: "华东", assignedAt: Self.at(-200)), ofLead: claimed.id)
            _ = try memory.write(as: ActingUser(profile: Self.team[1])) { tx in
                try tx.firings.record(NewFiring(rule: PoolDefinition.claimRule("华东"), kind: .pool, leadID: claimed.id,
                                                subject: PoolDefinition.claimSubject("alice"), occurrence: "lead:4@claim", action: "claim"),
                                      outcome: .claimed(by: "alice"))
            }
            store = memory
            applyProcess = { memory.apply(process: $0) }
            (leadID, leadNumber, assignedNumber) = (lead.id, number, assigned.number)
            (pooledNumber, claimedNumber, screeningNumber) = (pooled.number, claimed.number, screening.number)
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
            // The leads change status a minute or more apart (their orders differ), the last before `now`.
            clock.set(Self.at(-600))
            let added = try leads.add(LeadDraft(customer: Self.customer, contact: "王伟", phone: "13812345678", region: "华东"))
            clock.set(Self.at(-500))
            let assigned = try leads.add(LeadDraft(customer: "上海远景物流有限公司", contact: "陈静", phone: "13698765432", industry: "物流", need: "仓储管理系统", source: "展会", region: "华东"))
            try leads.grade(assigned.lead.number.description, .b, reason: "需求明确")
            try leads.assign(assigned.lead.number.description, to: "carol")
            // Two leads carol returns to 华东's pool (her region); alice claims the second.
            let carol = ActingUser(profile: Self.team[2])
            var returned: [LeadNumber] = []
            for (index, details) in [Self.pooledDetails, Self.claimedDetails].enumerated() {
                clock.set(Self.at(-400 + 100 * Double(index)))
                let number = try leads.add(details).lead.number.description
                try leads.grade(number, .b, reason: "需求明确")
                try leads.assign(number, to: "carol")
                returned.append(try LeadService(context: context, actor: carol).returnToPool(number, reason: "不在我的行业").number)
            }
            clock.set(Self.at(-200))
            try LeadService(context: context, actor: ActingUser(profile: Self.team[1])).claim(returned[1].description)
            clock.set(Self.at(-100))
            let screening = try leads.add(Self.screeningDetails).lead.number
            clock.set(Self.now)
            // The process is read from the database in every transaction, as a running Clew reads it.
            let processes = ProcessService(context: context, actor: admin)
            let applying = { (definition: ProcessDefinition) throws in
                var definition = definition
                definition.version = try processes.current().version
                _ = try processes.apply(text: ProcessDefinitionTOML.encode(definition), file: "process.toml")
            }
            try applying(.withoutAutomation)
            store = SQLiteServiceStore(context: try context.loadingProcess())
            applyProcess = applying
            (leadID, leadNumber, assignedNumber) = (added.lead.id, added.lead.number, assigned.lead.number)
            (pooledNumber, claimedNumber, screeningNumber) = (returned[0], returned[1], screening)
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
