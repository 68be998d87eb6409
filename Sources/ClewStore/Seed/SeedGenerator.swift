import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Fills a database with realistic, deterministic synthetic data (`clew seed`, `clew demo`,
/// `clew-bench`): users in every role and region, Chinese and English customers, leads in every
/// status and stage, months of follow-ups, tasks overdue, due today and upcoming, won and lost
/// deals, pending approvals and mentions; the won deals' signed contracts with their payment
/// plans, payments (paid in full, partly, late, overdue, not yet due) and invoices, and draft
/// contracts for the deals in the contract stage (``SeedReceivables``).
///
/// Rows go in through prepared statements in batches of a few thousand leads per transaction, each
/// batch indexed for search in one statement at its end (``SearchIndex/bulkIndexing(_:_:)``), so
/// 100 000 leads with their follow-ups take seconds, and a crash loses at most the open batch.
public struct SeedGenerator {
    /// How many leads one run may make.
    public static let leadCounts = 0...5_000_000
    /// What to make.
    public struct Options: Sendable {
        public var leads: Int
        public var seed: UInt64
        /// How far back lead creation dates go.
        public var days: Int

        public init(leads: Int, seed: UInt64 = 1, days: Int = 180) {
            self.leads = leads
            self.seed = seed
            self.days = days
        }
    }

    /// What was made.
    public struct Report: Sendable, Codable {
        public var users = 0
        public var leads = 0
        public var followUps = 0
        public var tasks = 0
        public var targets = 0
        /// Contracts (signed, draft and cancelled), instalments, payments and invoices (issue 14).
        public var contracts = 0
        public var instalments = 0
        public var payments = 0
        public var invoices = 0
        public var seconds = 0.0
        /// The part of ``seconds`` spent writing the receivables.
        public var receivableSeconds = 0.0
    }

    let context: ClewContext
    let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// The login of the rep the demo shows (a 华东 rep with a full inbox).
    public static let demoRep = "wang.fang"

    /// Generates the data. `progress` is called with the number of leads written so far.
    public func run(_ options: Options, progress: ((Int) -> Void)? = nil) throws -> Report {
        try AccessPolicy.check(.administer, actor)
        guard Self.leadCounts.contains(options.leads) else {
            throw SeedError.leadCountOutOfRange(Self.leadCounts)
        }
        let started = Date()
        var random = SeedRandom(seed: options.seed)
        let now = context.clock.now()
        var report = Report()
        let team = try makeUsers(&random, leads: options.leads, now: now, report: &report)

        // Creation times, oldest first, and the lead numbers they get per day.
        let span = Double(options.days) * 86_400
        let createdAt: [Double] = (0..<options.leads).map { i in
            now.storage - span + span * Double(i) / Double(max(options.leads, 1)) - Double(random.int(0...3_600))
        }
        var numbers: [String] = []
        numbers.reserveCapacity(options.leads)
        try context.database.write { db in
            var index = 0
            let zone = context.calendar.timeZone
            while index < createdAt.count {
                let day = CalendarDay.containing(Date(storage: createdAt[index]), in: zone)
                var end = index
                while end < createdAt.count, CalendarDay.containing(Date(storage: createdAt[end]), in: zone) == day { end += 1 }
                let range = try LeadNumbering.reserve(db, count: end - index, on: day)
                for sequence in range { numbers.append(LeadNumber(day: day, sequence: sequence).description) }
                index = end
            }
        }

        var writer = SeedLeadWriter(context: context, team: team, now: now, actor: actor)
        let batch = 2_000
        var start = 0
        while start < options.leads {
            let end = min(start + batch, options.leads)
            try context.database.write { db in
                // The batch's leads and follow-ups are indexed for search in one go at its end.
                try SearchIndex.bulkIndexing(db) {
                    try writer.prepare(db)
                    for i in start..<end {
                        try writer.writeLead(index: i, number: numbers[i], createdAt: createdAt[i], seed: options.seed, &random, &report)
                    }
                    try writer.finish(db)
                }
            }
            start = end
            progress?(end)
        }
        try context.database.write { db in
            try writer.prepare(db)
            try writer.writeInboxExtras(&random, &report)
            try writer.finish(db)
            let m = Mutation(db: db, actor: actor, now: now)
            try SeedCampaigns.complete(owner: team.marketing, m, timeZone: context.calendar.timeZone)
            try m.audit("seed", entity: "database", id: 0, field: "leads", new: String(report.leads))
        }
        report.targets = try SeedTargets.set(team: team, now: now, context: context, actor: actor, &random)
        // The seed writes stage visits and follow-ups directly: their durations and SLA outcomes, in chunks.
        try ReportSummaries(context: context).fill()
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    // MARK: - Users

    private static let supervisorLogins = [("zhou.min", "周敏"), ("chen.jie", "陈杰"), ("li.na", "李娜"), ("zhao.lei", "赵磊"), ("sun.tao", "孙涛")]
    private static let surnames = [("wang", "王"), ("li", "李"), ("zhang", "张"), ("liu", "刘"), ("chen", "陈"), ("yang", "杨"),
                                   ("huang", "黄"), ("wu", "吴"), ("xu", "徐"), ("ma", "马"), ("zhu", "朱"), ("hu", "胡"), ("guo", "郭"), ("lin", "林")]
    private static let givens = [("fang", "芳"), ("wei", "伟"), ("jing", "静"), ("qiang", "强"), ("yang", "洋"), ("yan", "艳"),
                                 ("yong", "勇"), ("jun", "军"), ("ming", "明"), ("chao", "超"), ("hui", "慧"), ("bo", "博")]

    private func makeUsers(_ random: inout SeedRandom, leads: Int, now: Date, report: inout Report) throws -> SeedTeam {
        let regions = SeedVocabulary.regions
        let repCount = min(max(leads / 800, 8), 150)
        let openPerRep = Int(Double(leads) * 0.4 / Double(repCount)) + 20
        var team = SeedTeam()
        try context.database.write { db in
            let m = Mutation(db: db, actor: actor, now: now)
            func ensure(_ profile: UserProfile) throws {
                if try UserDirectory.profile(db, login: profile.login) == nil {
                    try UserDirectory.insert(profile, m)
                    report.users += 1
                }
            }
            for (index, region) in regions.enumerated() {
                let (login, name) = Self.supervisorLogins[index % Self.supervisorLogins.count]
                try ensure(UserProfile(login: login, name: name, role: .supervisor, supervisor: actor.login,
                                       regions: [region.name], industries: SeedVocabulary.industries, capacity: 30))
                team.supervisors[region.name] = login
            }
            var used = Set<String>()
            for i in 0..<repCount {
                let surname = Self.surnames[i % Self.surnames.count]
                let given = Self.givens[(i / Self.surnames.count + i) % Self.givens.count]
                var login = "\(surname.0).\(given.0)"
                if i == 0 { login = Self.demoRep }
                var suffix = 2
                while used.contains(login) { login = "\(surname.0).\(given.0)\(suffix)"; suffix += 1 }
                used.insert(login)
                let region = regions[i % regions.count]
                let industries = (0..<3).map { SeedVocabulary.industries[(i + $0 * 3) % SeedVocabulary.industries.count] }
                let name = i == 0 ? "王芳" : surname.1 + given.1
                try ensure(UserProfile(login: login, name: name, role: .rep, supervisor: team.supervisors[region.name],
                                       regions: [region.name], industries: industries, capacity: openPerRep))
                team.reps[region.name, default: []].append(login)
            }
            try ensure(UserProfile(login: "liu.yun", name: "刘云", role: .marketing, regions: [], industries: [], capacity: 0))
            try ensure(UserProfile(login: "huang.li", name: "黄丽", role: .finance, capacity: 0))
            try ensure(UserProfile(login: "xu.ke", name: "徐可", role: .support, capacity: 0))
            team.marketing = "liu.yun"
            team.finance = "huang.li"
        }
        return team
    }
}

/// The users seeded leads are spread over.
struct SeedTeam {
    var supervisors: [String: String] = [:]
    var reps: [String: [String]] = [:]
    var marketing = ""
    var finance = ""
}
