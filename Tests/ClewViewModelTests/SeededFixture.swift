import ClewDomain
import ClewAutomation
import ClewServices
import ClewStore
@testable import ClewViewModel
import Foundation

/// A database filled by the seed generator (as `clew demo` fills one), for tests that need a
/// queue longer than a page, several teams and pools.
final class SeededFixture {
    let directory: URL
    let context: ClewContext

    init(leads: Int, seed: UInt64 = 16) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-vm-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let clock = FixedWallClock(Fixture.monday)
        let database = try Maintenance.initialize(path: directory.appendingPathComponent("clew.db").path, admin: "root", name: "Root", clock: clock)
        context = ClewContext(database: database, automation: AutomationEngine(), clock: clock, process: .withoutAutomation, calendar: .standard(timeZone: Fixture.zone))
        _ = try SeedGenerator(context: context, actor: try actor("root")).run(.init(leads: leads, seed: seed))
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func actor(_ login: String) throws -> ActingUser {
        try UserDirectory(context: context).actingUser(osLogin: "root", actAs: login == "root" ? nil : login)
    }

    func services(_ login: String) throws -> LiveServices { LiveServices(context: context, actor: try actor(login)) }

    func app(_ login: String, language: Language = .en) throws -> AppModel {
        let app = AppModel(services: try services(login), language: language)
        try app.start()
        return app
    }

    /// The supervisors, with how many leads wait in each one's screening queue, longest first.
    func supervisorsByQueue() throws -> [(login: String, queue: Int)] {
        try UserDirectory(context: context).list(includeInactive: false).map(\.profile).filter { $0.role == .supervisor }.map {
            ($0.login, try ScreeningService(context: context, actor: try actor($0.login)).count())
        }.sorted { $0.queue > $1.queue }
    }
}
