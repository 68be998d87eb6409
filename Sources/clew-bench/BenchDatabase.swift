import ClewAutomation
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// A throwaway database in its own temporary directory, seeded with ``SeedGenerator``, and the
/// users the benchmarks act as. ``remove()`` deletes the directory.
struct BenchDatabase {
    /// The directory holding the database file and its WAL.
    let directory: URL
    let context: ClewContext
    /// The OS user, first admin of the database.
    let admin: ActingUser
    /// The demo rep (``SeedGenerator/demoRep``): sees own leads and the pools of their region.
    let rep: ActingUser
    /// The demo rep's supervisor: may screen, sees the team's and unowned leads.
    let supervisor: ActingUser
    /// The seeded marketing user (registers every seeded lead), when there is one.
    let marketing: ActingUser?
    /// What the seed made, and how long it took (nil for a database opened with ``open(path:)``).
    let seed: SeedGenerator.Report?
    let seedDuration: Duration

    /// Creates and seeds the database. `progress` gets the number of leads written so far.
    static func create(leads: Int, seed: UInt64, progress: ((Int) -> Void)?) throws -> BenchDatabase {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("clew-bench-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            let me = OSAccount.current() ?? (login: "bench-admin", fullName: nil)
            let database = try Maintenance.initialize(path: directory.appendingPathComponent("bench.db").path,
                                                      admin: me.login, name: me.fullName ?? me.login)
            let context = ClewContext(database: database, automation: AutomationEngine())
            let users = UserDirectory(context: context)
            let admin = try users.actingUser(osLogin: me.login)
            let (report, duration) = try Stopwatch.time {
                try SeedGenerator(context: context, actor: admin).run(.init(leads: leads, seed: seed), progress: progress)
            }
            return try make(directory: directory, context: context, osLogin: me.login, admin: admin, seed: report, seedDuration: duration)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// Opens a database an earlier `clew-bench --keep-database` seeded (by the same OS user), to
    /// measure the queries again without seeding. The seed figures are then zero. `path` is the
    /// database file or the directory the bench printed as kept (its `bench.db`).
    static func open(path: String) throws -> BenchDatabase {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BenchError("no database at \(path) (give the file or the directory a --keep-database run printed)")
        }
        let given = URL(fileURLWithPath: path)
        let url = isDirectory.boolValue ? given.appendingPathComponent("bench.db") : given
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw BenchError("\(path) holds no bench.db (give the file or the directory a --keep-database run printed)")
        }
        let me = OSAccount.current() ?? (login: "bench-admin", fullName: nil)
        let context = ClewContext(database: try ClewDatabase(path: url.path), automation: AutomationEngine())
        // A database seeded before the report summaries (v14) gets them now, as `clew` would.
        let (filled, fillTime) = try Stopwatch.time { try ReportSummaries(context: context).fillIfNeeded() }
        if filled > 0 { FileHandle.standardError.write(Data("filled in the report summaries: \(filled) visits and leads in \(fillTime)\n".utf8)) }
        let admin = try UserDirectory(context: context).actingUser(osLogin: me.login)
        return try make(directory: url.deletingLastPathComponent(), context: context, osLogin: me.login, admin: admin,
                        seed: nil, seedDuration: .zero)
    }

    private static func make(directory: URL, context: ClewContext, osLogin: String, admin: ActingUser,
                             seed: SeedGenerator.Report?, seedDuration: Duration) throws -> BenchDatabase {
        let users = UserDirectory(context: context)
        let rep = try users.actingUser(osLogin: osLogin, actAs: SeedGenerator.demoRep)
        guard let supervisorLogin = rep.profile.supervisor else {
            throw BenchError("the seeded rep \(rep.login) has no supervisor")
        }
        let supervisor = try users.actingUser(osLogin: osLogin, actAs: supervisorLogin)
        let marketing = try? users.actingUser(osLogin: osLogin, actAs: "liu.yun")
        return BenchDatabase(directory: directory, context: context, admin: admin, rep: rep, supervisor: supervisor,
                             marketing: marketing, seed: seed, seedDuration: seedDuration)
    }

    /// Closes the database and deletes its directory.
    func remove() {
        try? context.database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The database file's size with its WAL, in bytes.
    var fileBytes: Int {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.fileSizeKey])) ?? []
        return files.reduce(0) { sum, file in sum + ((try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0) }
    }
}

/// A failure of the bench itself.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
