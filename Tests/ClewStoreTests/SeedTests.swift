import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Seed data")
struct SeedTests {
    static func seeded(leads: Int = 300, seed: UInt64) throws -> (TemporaryDatabase, SeedGenerator.Report) {
        let db = try TemporaryDatabase(withTeam: false)
        let report = try SeedGenerator(context: db.context, actor: db.actor("admin")).run(.init(leads: leads, seed: seed))
        return (db, report)
    }

    @Test func theSameSeedMakesTheSameData() throws {
        let (a, reportA) = try Self.seeded(seed: 42)
        let (b, reportB) = try Self.seeded(seed: 42)
        let leadsA = try a.allLeads(), leadsB = try b.allLeads()
        #expect(leadsA.count == 300)
        #expect(leadsA.map(\.number) == leadsB.map(\.number))
        #expect(leadsA.map(\.details) == leadsB.map(\.details))
        #expect(leadsA.map(\.status) == leadsB.map(\.status))
        #expect(leadsA.map(\.owner) == leadsB.map(\.owner))
        #expect(reportA.followUps == reportB.followUps)
        #expect(reportA.tasks == reportB.tasks)
        #expect(try a.strings("SELECT login FROM user ORDER BY login") == b.strings("SELECT login FROM user ORDER BY login"))
    }

    @Test func seededLeadsHaveCompanyFactsTheFiltersFind() throws {
        let (a, _) = try Self.seeded(seed: 42)
        let (b, _) = try Self.seeded(seed: 42)
        let leads = try a.allLeads()
        let withFacts = leads.filter { $0.details.employeeCount != nil }
        // Most leads have company facts (none of those still `new`), every fact readable and plausible.
        #expect(withFacts.count > leads.count * 6 / 10 && withFacts.count < leads.count, "\(withFacts.count)")
        #expect(leads.filter { $0.status == .new }.allSatisfy { $0.details.employees == nil && $0.details.companyType == nil })
        for lead in withFacts {
            let d = lead.details
            #expect(d.annualRevenue != nil && d.companyKind != nil && d.decisionChain?.contains("→") == true)
            #expect((1950...2025).contains(d.foundedYear ?? 0) && (1...40_000).contains(d.employeeCount ?? 0))
        }
        #expect(Set(withFacts.compactMap(\.details.companyKind)).count >= 5, "several ownerships")
        #expect(leads.map(\.details) == (try b.allLeads()).map(\.details), "deterministic from the seed")
        // They score as the process says (500+ employees, 国企), and the list filters find them.
        let scoring = a.context.process.scoring
        func scores(_ lead: Lead) -> (base: Int, full: Int) {
            let d = lead.details
            let base = LeadDraft(customer: d.customer, title: d.title, industry: d.industry, need: d.need, budget: d.budget)
            var full = base
            (full.employees, full.revenue, full.companyType, full.founded, full.decisionChain) = (d.employees, d.revenue, d.companyType, d.founded, d.decisionChain)
            return (scoring.score(base).total, scoring.score(full).total)
        }
        let scored = withFacts.filter { $0.score != nil }
        #expect(scored.allSatisfy { $0.score == scores($0).full })
        #expect(scored.contains { scores($0).full > scores($0).base }, "some score higher for their company")
        var query = LeadQuery()
        query.companyType = .stateOwned
        query.limit = 1000
        let listed = try LeadService(context: a.context, actor: try a.actor("admin")).list(query)
        #expect(!listed.isEmpty && listed.count == leads.filter { $0.details.companyKind == .stateOwned && $0.status != .merged }.count)
    }

    @Test func anotherSeedMakesOtherData() throws {
        let (a, _) = try Self.seeded(seed: 1)
        let (b, _) = try Self.seeded(seed: 2)
        #expect(try a.allLeads().map(\.details.customer) != b.allLeads().map(\.details.customer))
    }

    @Test func everyStatusAndStageAppears() throws {
        let (db, report) = try Self.seeded(seed: 3)
        #expect(report.leads == 300)
        let leads = try db.allLeads()
        let statuses = Set(leads.map(\.status))
        for status in LeadStatus.allCases where status != .merged {
            #expect(statuses.contains(status), "no \(status) lead")
        }
        let stages = Set(leads.filter { $0.status == .active }.compactMap(\.stage))
        #expect(stages.isSuperset(of: ["discovery", "proposal", "negotiation"]))
        #expect(leads.filter { $0.status == .lost }.allSatisfy { $0.lostReason != nil })
        #expect(leads.filter { $0.status == .pooled }.allSatisfy { $0.pool != nil && $0.owner == nil })
        #expect(leads.filter { [.assigned, .active].contains($0.status) }.allSatisfy { $0.owner != nil })
    }

    @Test func seededDataIsConsistentAndSearchable() throws {
        let (db, report) = try Self.seeded(seed: 4)
        #expect(report.followUps > 0 && report.tasks > 0 && report.users > 0)
        let findings = try Maintenance.doctor(db.database)
        #expect(findings.allSatisfy { $0.level == "ok" }, "\(findings.filter { $0.level != "ok" })")
        #expect(!(try db.search("华东")).isEmpty)
        #expect(!(try db.search("已沟通")).isEmpty)
        // The demo rep has something in every part of the inbox.
        let inbox = try db.inbox(SeedGenerator.demoRep)
        #expect(!(inbox.overdue + inbox.today + inbox.upcoming).isEmpty)
        #expect(!inbox.notifications.isEmpty)
    }

    @Test func seedingTwiceAddsLeadsWithFreshNumbers() throws {
        let (db, _) = try Self.seeded(leads: 50, seed: 5)
        let second = try SeedGenerator(context: db.context, actor: db.actor("admin")).run(.init(leads: 50, seed: 5))
        #expect(second.users == 0, "existing users are reused")
        let numbers = try db.allLeads().map(\.number)
        #expect(numbers.count == 100)
        #expect(Set(numbers).count == 100)
        // New leads registered afterwards continue the day's sequence.
        let today = try db.allLeads().filter { $0.number.day == TemporaryDatabase.monday }.map(\.number.sequence).max() ?? 0
        let added = try db.leads("admin").add(db.draft()).lead
        #expect(added.number.sequence == today + 1)
    }

    @Test func stageHistoriesRunForwardWithRealisticDurationsAndCampaignsAreComplete() throws {
        let (db, _) = try Self.seeded(leads: 600, seed: 11)
        // No visit ends before it starts; each stage starts no earlier than the previous one ended.
        #expect(try db.count("SELECT count(*) FROM stage_history WHERE exited_at < entered_at") == 0)
        #expect(try db.count("""
            SELECT count(*) FROM stage_history a JOIN stage_history b ON b.lead_id = a.lead_id AND b.id = a.id + 1
            WHERE b.entered_at < a.exited_at
            """) == 0)
        // A won lead's last visit ends when it was won; an open deal's current stage is still open.
        #expect(try db.count("""
            SELECT count(*) FROM lead JOIN stage_history h ON h.lead_id = lead.id AND h.stage = lead.stage
            WHERE lead.status = 'won' AND h.exited_at <> lead.closed_at
            """) == 0)
        #expect(try db.count("""
            SELECT count(*) FROM lead JOIN stage_history h ON h.lead_id = lead.id AND h.stage = lead.stage
            WHERE lead.status = 'active' AND h.exited_at IS NOT NULL
            """) == 0)
        // Most visits keep their plan, some run late: both exist.
        let late = try db.count("SELECT count(*) FROM stage_history WHERE coalesce(exited_at, 1e12) > planned_exit_at")
        let visits = try db.count("SELECT count(*) FROM stage_history")
        #expect(late > visits / 10 && late < visits * 2 / 3, "\(late) of \(visits) late")
        // The seeded campaigns have channel, dates and cost; none is left a draft.
        #expect(try db.count("SELECT count(*) FROM campaign WHERE status = 'draft' OR cost_fen IS NULL") == 0)
        #expect(try db.count("SELECT count(*) FROM campaign") == 5)
    }

    @Test func onlyAdminsSeed() throws {
        let db = try TemporaryDatabase()
        #expect(throws: PermissionError.self) { try SeedGenerator(context: db.context, actor: db.actor("bob")).run(.init(leads: 5)) }
        #expect(throws: SeedError.leadCountOutOfRange(SeedGenerator.leadCounts)) { try SeedGenerator(context: db.context, actor: db.actor("admin")).run(.init(leads: -1)) }
    }
}

/// Issue 11 §9: seeded data is what the process would have made.
@Suite("Seed data as the process makes it")
struct SeedProcessConsistencyTests {
    @Test func wonLeadsHaveCustomersAndScoresSurviveANameEdit() throws {
        let (db, _) = try SeedTests.seeded(seed: 5)
        let won = try db.count("SELECT count(*) FROM lead WHERE status = 'won'")
        #expect(won > 0)
        #expect(try db.count("SELECT count(*) FROM lead WHERE status = 'won' AND id NOT IN (SELECT lead_id FROM opportunity)") == 0)
        #expect(try db.count("SELECT count(*) FROM opportunity JOIN customer ON customer.id = opportunity.customer_id") == won)
        // Editing only the customer name rescores with the same rules: the score stays.
        let open = try db.allLeads().filter { [.screening, .assigned, .active].contains($0.status) && $0.score != nil }.prefix(20)
        #expect(!open.isEmpty)
        for lead in open {
            let edited = try db.leads("admin").edit(lead.number.description, changes: LeadDraft(customer: (lead.details.customer ?? "") + "(改名)"))
            #expect(edited.score == lead.score, "\(lead.number): \(lead.score ?? -1) → \(edited.score ?? -1)")
        }
    }

    @Test func pooledLeadsSitInTheProcessFilesPools() throws {
        let db = try TemporaryDatabase(withTeam: false)
        let context = ClewContext(database: db.database, automation: AutomationEngine(), clock: db.clock, process: .standard, calendar: .standard(timeZone: TemporaryDatabase.timeZone))
        _ = try SeedGenerator(context: context, actor: db.actor("admin")).run(.init(leads: 300, seed: 6))
        let pools = try db.strings("SELECT DISTINCT pool FROM lead WHERE status = 'pooled' AND region IN ('华东', '华南')")
        #expect(!pools.isEmpty)
        #expect(Set(pools).isSubset(of: ["east", "south"]), "\(pools)")
    }
}
