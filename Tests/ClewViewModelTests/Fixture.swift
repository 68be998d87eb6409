import ClewDomain
import ClewAutomation
import ClewServices
import ClewStore
@testable import ClewViewModel
import Foundation

/// A fresh database with a small team and a fixed clock (Monday 2026-11-23 10:00, Shanghai).
final class Fixture {
    let directory: URL
    let database: ClewDatabase
    let clock: FixedWallClock
    let context: ClewContext
    static let zone = TimeZone(identifier: "Asia/Shanghai") ?? .current
    static let monday = CalendarDay(year: 2026, month: 11, day: 23).date(in: zone).addingTimeInterval(10 * 3_600)

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-vm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        clock = FixedWallClock(Self.monday)
        database = try Maintenance.initialize(path: directory.appendingPathComponent("clew.db").path, admin: "root", name: "Root", clock: clock)
        // The core's rules alone: the automation has its own tests (ClewAutomationTests).
        context = ClewContext(database: database, automation: AutomationEngine(), clock: clock, process: .withoutAutomation, calendar: .standard(timeZone: Self.zone))
        let users = UserDirectory(context: context)
        let root = try users.actingUser(osLogin: "root")
        try users.add(UserProfile(login: "bob", name: "Bob", role: .supervisor, regions: ["华东"]), by: root)
        try users.add(UserProfile(login: "alice", name: "Alice", role: .rep, supervisor: "bob", regions: ["华东"], industries: ["制造业"], capacity: 10), by: root)
        try users.add(UserProfile(login: "carol", name: "Carol", role: .rep, supervisor: "bob", regions: ["华南"], industries: ["互联网"], capacity: 10), by: root)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func actor(_ login: String) throws -> ActingUser {
        try UserDirectory(context: context).actingUser(osLogin: "root", actAs: login == "root" ? nil : login)
    }

    func services(_ login: String) throws -> LiveServices { LiveServices(context: context, actor: try actor(login)) }

    func app(_ login: String) throws -> AppModel {
        let app = AppModel(services: try services(login), language: .en)
        try app.start()
        return app
    }

    /// Registers a complete lead (screening) and returns its number.
    @discardableResult
    func lead(_ customer: String, phone: String, city: String = "杭州", industry: String = "制造业") throws -> String {
        let draft = LeadDraft(customer: customer, contact: "王伟", title: "采购经理", phone: phone, industry: industry,
                              need: "需采购企业级SaaS系统", source: "展会", region: SalesRegion.region(ofCity: city), city: city, budget: "30-50万")
        return try LeadService(context: context, actor: try actor("root")).add(draft).lead.number.description
    }

    /// A lead graded, assigned to `owner` and confirmed: active in discovery.
    @discardableResult
    func activeLead(_ customer: String, phone: String, owner: String = "alice") throws -> String {
        let number = try lead(customer, phone: phone)
        let bob = LeadService(context: context, actor: try actor("bob"))
        try bob.grade(number, .a, reason: "预算明确")
        try bob.assign(number, to: owner)
        try LeadService(context: context, actor: try actor(owner)).confirm(number)
        return number
    }
}
