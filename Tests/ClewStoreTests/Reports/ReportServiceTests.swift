import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// Every figure of every report over a pipeline built by hand with known entries, exits, wins,
/// losses and durations (across a weekend), for each scope.
@Suite("Reports over a known pipeline")
struct ReportServiceTests {
    /// Monday 2026-11-23 10:00 (Asia/Shanghai), when the six leads are registered.
    static let t0 = TemporaryDatabase.mondayTen
    static let hour: TimeInterval = 3_600
    static let day: TimeInterval = 86_400

    /// The pipeline:
    /// - L1 (campaign 秋季展会): discovery Mon → proposal Tue → negotiation Thu → contract Fri → won ¥100,000 Sat 12-05.
    /// - L2 (秋季展会): discovery Mon → proposal Wed 11:00 (first follow-up 49 h after assignment) → lost to a competitor Thu.
    /// - L3: confirmed, still in discovery (12 days so far, past its 3-working-day plan).
    /// - L4: assigned, not confirmed. L5 (source 官网注册): in screening. L6: incomplete (new).
    /// Everything is alice's (bob's team); the clock ends at Sat 12-05 10:00.
    struct Pipeline {
        let db: TemporaryDatabase
        let numbers: [String]

        init() throws {
            let db = try TemporaryDatabase()
            self.db = db
            db.clock.set(ReportServiceTests.t0)
            var numbers: [String] = []
            for index in 1...4 {
                let lead = try db.addLead(LeadDraft(customer: "客户\(index)有限公司", contact: "王伟", phone: db.uniquePhone(), industry: "制造业",
                                                    need: "需采购企业级SaaS系统", source: "展会", campaign: index <= 2 ? "秋季展会" : nil,
                                                    region: "华东", city: "杭州"))
                numbers.append(lead.number.description)
            }
            numbers.append(try db.addLead(db.draft(customer: "客户5有限公司", source: "官网注册")).number.description)
            numbers.append(try db.addLead(LeadDraft(customer: "客户6有限公司", phone: db.uniquePhone())).number.description)
            for number in numbers.prefix(4) {
                try db.leads("bob").grade(number, .a, reason: "预算明确")
                try db.leads("bob").assign(number, to: "alice")
            }
            let alice = try db.leads("alice")
            for number in numbers.prefix(3) { try alice.confirm(number) }
            self.numbers = numbers

            try at(1 * day) { try step(numbers[0], to: "proposal") }
            try at(2 * day + hour) { try step(numbers[1], to: "proposal") }
            try at(3 * day) {
                try alice.lose(numbers[1], reason: .choseCompetitor)
                try step(numbers[0], to: "negotiation")
            }
            try at(4 * day) { try step(numbers[0], to: "contract") }
            try at(12 * day) {
                _ = try alice.logFollowUp(numbers[0], db.followUp(next: nil))
                try db.leads("bob").win(numbers[0], amount: Money(yuan: 100_000))
            }
        }

        private func at(_ offset: TimeInterval, _ body: () throws -> Void) throws {
            db.clock.set(ReportServiceTests.t0.addingTimeInterval(offset))
            try body()
        }

        private func step(_ number: String, to stage: String) throws {
            _ = try db.leads("alice").logFollowUp(number, db.followUp(next: nil))
            let outcome = try db.leads(stage == "contract" ? "bob" : "alice").move(number, to: stage)
            if case .moved = outcome {} else { Issue.record("\(number) did not move to \(stage): \(outcome)") }
        }

        func reports(_ login: String) throws -> ReportService {
            ReportService(context: db.context, actor: try db.actor(login))
        }

        /// Mon 2026-11-23 … Sun 2026-12-06.
        var period: ReportPeriod {
            get throws {
                try ReportPeriod(from: TemporaryDatabase.monday, through: TemporaryDatabase.monday.adding(days: 13), in: TemporaryDatabase.timeZone)
            }
        }

        func request(_ scope: ReportScope? = nil, filters: LeadQuery = LeadQuery()) throws -> ReportRequest {
            ReportRequest(period: try period, scope: scope, filters: filters, granularity: .week)
        }
    }

    // MARK: - Funnel

    @Test func theFunnelCountsHowFarEachLeadGot() throws {
        let pipeline = try Pipeline()
        let funnel = try pipeline.reports("admin").funnel(try pipeline.request()).body
        #expect(funnel.steps.map(\.key) == ["registered", "valid", "assigned", "discovery", "proposal", "negotiation", "contract", "won"])
        #expect(funnel.steps.map(\.reached) == [6, 5, 4, 3, 2, 1, 1, 1])
        #expect(funnel.steps.map(\.movedOn) == [5, 4, 3, 2, 1, 1, 1, 0])
        #expect(funnel.steps.map(\.stillHere) == [1, 1, 1, 1, 0, 0, 0, 0])
        #expect(funnel.steps[4].lostHere == ["competitor": 1])
        #expect(funnel.steps.map(\.lostTotal) == [0, 0, 0, 0, 1, 0, 0, 0])
        #expect(funnel.steps[3].stepConversion == 2.0 / 3.0)
        #expect(funnel.steps[7].cumulativeConversion == 1.0 / 6.0)
        #expect(funnel.steps[7].stepConversion == nil)
    }

    @Test func eachScopeCountsTheLeadsItMaySee() throws {
        let pipeline = try Pipeline()
        // A rep: their own four; asking for more is refused.
        #expect(try pipeline.reports("alice").funnel(try pipeline.request()).body.registered == 4)
        #expect(throws: ReportError.scopeNotAllowed(.team, report: .funnel, role: .rep)) {
            try pipeline.reports("alice").funnel(try pipeline.request(.team))
        }
        // bob's team includes the unowned leads he triages; erin's team owns none of them.
        let bob = try pipeline.reports("bob").funnel(try pipeline.request())
        #expect(bob.scope == .team && bob.body.registered == 6)
        #expect(try pipeline.reports("erin").funnel(try pipeline.request()).body.registered == 2)
        // A supervisor sees the company's totals when asked, but never another team's customers.
        #expect(try pipeline.reports("erin").funnel(try pipeline.request(.all)).body.registered == 6)
        #expect(throws: ReportError.self) { try pipeline.reports("erin").customers(try pipeline.request(.all)) }
        // Marketing: campaign totals company-wide; its own funnel is what it registered (nothing here).
        #expect(try pipeline.reports("mia").campaigns(try pipeline.request()).body.lines.map(\.leads).reduce(0, +) == 6)
        #expect(try pipeline.reports("mia").funnel(try pipeline.request()).body.registered == 0)
    }

    @Test func reportTotalsEqualTheLeadListForTheSameFilters() throws {
        let pipeline = try Pipeline()
        for (source, campaign) in [("展会", nil), ("官网注册", nil), (nil, "秋季展会"), (nil, nil)] as [(String?, String?)] {
            var filters = LeadQuery()
            filters.source = source
            filters.campaign = campaign
            let funnel = try pipeline.reports("admin").funnel(try pipeline.request(.all, filters: filters)).body
            filters.limit = 1_000
            let listed = try pipeline.db.leads("admin").list(filters)
            #expect(funnel.registered == listed.count, "source \(source ?? "-") campaign \(campaign ?? "-")")
            let sources = try pipeline.reports("admin").sources(try pipeline.request(.all, filters: filters)).body
            #expect(sources.lines.map(\.leads).reduce(0, +) == listed.count)
        }
    }

    // MARK: - Time per stage

    /// Times are working time (Mon–Fri 09:00–18:00): L1's discovery Mon 10:00 → Tue 10:00 is
    /// 8 h + 1 h; L2's Mon 10:00 → Wed 11:00 is 8 + 9 + 2 h; L3's, still open on Sat 12-05, is
    /// 8 h + four days of 9 h + a week of 45 h (the weekends count nothing).
    @Test func timePerStageAgainstThePlanNamesTheBottleneck() throws {
        let pipeline = try Pipeline()
        let report = try pipeline.reports("admin").stages(try pipeline.request()).body
        let hour = Self.hour
        let discovery = try #require(report.lines.first { $0.key == "discovery" })
        #expect(discovery.visits == 3 && discovery.open == 1)
        #expect(discovery.actual.median == 19 * hour)          // 9 h, 19 h, 89 h (so far)
        #expect(discovery.actual.p90 == 89 * hour)
        #expect(discovery.actual.mean == (9 + 19 + 89) * hour / 3)
        #expect(discovery.planned.median == 27 * hour)         // 3 working days from Monday 10:00: Thursday 10:00
        #expect(discovery.late == 1 && discovery.lateShare == 1.0 / 3.0)
        let proposal = try #require(report.lines.first { $0.key == "proposal" })
        #expect(proposal.visits == 2 && proposal.open == 0)
        #expect(proposal.actual.median == 8 * hour && proposal.actual.p90 == 18 * hour)   // Wed 11:00 → Thu 10:00; Tue → Thu 10:00
        #expect(proposal.late == 0)                              // L1 left exactly on plan
        let contract = try #require(report.lines.first { $0.key == "contract" })
        // Friday 11-27 10:00 → Saturday 12-05 10:00: 8 h + 45 h; its 5 working days end Friday 12-04 10:00 (45 h).
        #expect(contract.actual.median == 53 * hour && contract.planned.median == 45 * hour)
        #expect(contract.late == 1)
        #expect(report.bottleneck == StageTimeReport.Bottleneck(stage: "contract", reason: .overPlan(ratio: 53.0 / 45.0)))
        #expect(contract.conversion == 1.0)
    }

    /// A holiday declared afterwards (Tuesday 12-01, inside L1's contract visit and its plan) is
    /// taken out of both, in the transaction that declares it; removing it puts it back.
    @Test func aHolidayChangesTheStoredWorkingTimes() throws {
        let pipeline = try Pipeline()
        let holidays = HolidayStore(context: pipeline.db.context, actor: try pipeline.db.actor("admin"))
        let tuesday = CalendarDay(year: 2026, month: 12, day: 1)
        try holidays.set([tuesday], isHoliday: true, name: "test")
        let contract = { try #require(try pipeline.reports("admin").stages(try pipeline.request()).body.lines.first { $0.key == "contract" }) }
        #expect(try contract().actual.median == 44 * Self.hour && contract().planned.median == 36 * Self.hour)
        try holidays.remove([tuesday])
        #expect(try contract().actual.median == 53 * Self.hour && contract().planned.median == 45 * Self.hour)
    }

    /// The summary (company-wide, one filter, a team) and the visits read one by one (two
    /// filters) give the same figures for the same leads.
    @Test func theSummaryAndTheVisitsAgree() throws {
        let pipeline = try Pipeline()
        var two = LeadQuery()
        two.source = "展会"
        two.region = "华东"
        var one = LeadQuery()
        one.region = "华东"
        let rows = try pipeline.reports("admin").stages(try pipeline.request(.all, filters: two)).body
        #expect(rows.lines.map(\.visits) == [3, 2, 1, 1])
        for request in [try pipeline.request(.all), try pipeline.request(.all, filters: one)] {
            #expect(try pipeline.reports("admin").stages(request).body == rows)
        }
        #expect(try pipeline.reports("bob").stages(try pipeline.request(.team)).body == rows)
        #expect(try pipeline.reports("erin").stages(try pipeline.request(.team)).body.lines.map(\.visits) == [0, 0, 0, 0])
    }

    // MARK: - Reps

    @Test func repsReceivedKeptTheirSLAsAndWon() throws {
        let pipeline = try Pipeline()
        let report = try pipeline.reports("bob").reps(try pipeline.request()).body
        #expect(Set(report.lines.map(\.login)) == ["alice", "carol"])   // bob's team, dave is erin's
        let alice = try #require(report.lines.first)
        #expect(alice.login == "alice" && alice.name == "Alice Wang")
        #expect(alice.received == 4)
        #expect(alice.confirmed == 3 && alice.confirmedWithinSLA == 3)
        #expect(alice.followedUp == 2 && alice.followedUpWithinSLA == 1)     // L2's first follow-up came after 49 h
        #expect(alice.byStatus == ["won": 1, "lost": 1, "active": 1, "assigned": 1])
        #expect(alice.won == 1 && alice.lost == 1 && alice.winRate == 0.5)
        #expect(alice.wonAmount == Money(yuan: 100_000))
        #expect(alice.averageCycleDays == 12)
        #expect(alice.openWorkload == 2)
        let carol = try #require(report.lines.last)
        #expect(carol.received == 0 && carol.won == 0 && carol.winRate == nil)
    }

    // MARK: - Sources and campaigns

    @Test func campaignsCountLeadsWinsCostAndReturn() throws {
        let pipeline = try Pipeline()
        try CampaignService(context: pipeline.db.context, actor: try pipeline.db.actor("mia"))
            .edit("秋季展会", CampaignChanges(channel: "展会", cost: Money(yuan: 20_000)))
        let report = try pipeline.reports("admin").campaigns(try pipeline.request()).body
        let autumn = try #require(report.lines.first { $0.key == "秋季展会" })
        #expect(autumn.leads == 2 && autumn.valid == 2 && autumn.opportunities == 2 && autumn.won == 1)
        #expect(autumn.wonAmount == Money(yuan: 100_000) && autumn.cost == Money(yuan: 20_000))
        #expect(autumn.costPerLead == Money(yuan: 10_000) && autumn.costPerValidLead == Money(yuan: 10_000))
        #expect(autumn.roi == 4.0)
        #expect(autumn.winRate == 0.5)
        let none = try #require(report.lines.first { $0.key.isEmpty })
        #expect(report.lines.last?.key == "")
        #expect(none.leads == 4 && none.valid == 3 && none.opportunities == 1 && none.won == 0 && none.cost == nil)
        let sources = try pipeline.reports("admin").sources(try pipeline.request()).body
        #expect(sources.lines.map(\.key) == ["展会", "官网注册", ""])
        #expect(sources.lines.map(\.leads) == [4, 1, 1])
    }

    /// Issue 14: once payments are recorded, a campaign's ROI is on the money received (回款),
    /// net of reversals; the booked return stays beside it, and sources show what was received.
    @Test func campaignROIIsOnReceivedPaymentsOnceThereAreAny() throws {
        let pipeline = try Pipeline()
        try CampaignService(context: pipeline.db.context, actor: try pipeline.db.actor("mia"))
            .edit("秋季展会", CampaignChanges(channel: "展会", cost: Money(yuan: 20_000)))
        let before = try pipeline.reports("admin").campaigns(try pipeline.request()).body
        #expect(before.roiBasis == .wonAmount)
        let contract = "HT-\(pipeline.numbers[0])"
        let finance = ReceivableService(context: pipeline.db.context, actor: try pipeline.db.actor("fred"))
        try finance.plan(contract, .evenly(count: 2, every: .days(30), first: nil))
        try finance.addPayment(contract, amount: Money(yuan: 50_000), reference: "BANK-1")
        let wrong = try finance.addPayment(contract, amount: Money(yuan: 10_000), reference: "BANK-2")
        try finance.reversePayment(wrong.id, reason: "记错了")
        let after = try pipeline.reports("admin").campaigns(try pipeline.request()).body
        #expect(after.roiBasis == .received)
        let autumn = try #require(after.lines.first { $0.key == "秋季展会" })
        #expect(autumn.received == Money(yuan: 50_000) && autumn.wonAmount == Money(yuan: 100_000))
        #expect(autumn.roi == 1.5, "(50 000 − 20 000) / 20 000")
        #expect(autumn.wonROI == 4.0)
        let sources = try pipeline.reports("admin").sources(try pipeline.request()).body
        #expect(sources.lines.first { $0.key == "展会" }?.received == Money(yuan: 50_000))
        #expect(sources.lines.first { $0.key == "官网注册" }?.received == .zero)
        // The dashboard's campaign panel agrees.
        let dashboard = try pipeline.reports("admin").dashboard(try pipeline.request())
        #expect(dashboard.campaigns.lines.first { $0.key == "秋季展会" }?.roi == 1.5)
    }

    /// The dashboard reads its panels in two reads at once; each panel is still exactly its
    /// report in the dashboard's scope, for every role's default and a team.
    @Test func theDashboardsPanelsAreTheReports() throws {
        let pipeline = try Pipeline()
        for (login, scope) in [("admin", ReportScope?.none), ("bob", .team), ("alice", .mine), ("mia", nil)] {
            let reports = try pipeline.reports(login)
            let dashboard = try reports.dashboard(try pipeline.request(scope))
            // One scope for every panel (marketing's own funnel, so its own sources too).
            let request = try pipeline.request(dashboard.scope)
            #expect(dashboard.funnel == (try reports.funnel(request).body), "\(login)")
            #expect(dashboard.stages == (try reports.stages(request).body), "\(login)")
            #expect(dashboard.reps == (try reports.reps(request).body), "\(login)")
            #expect(dashboard.sources == (try reports.sources(request).body), "\(login)")
            #expect(dashboard.campaigns == (try reports.campaigns(request).body), "\(login)")
            #expect(dashboard.trend == (try reports.trend(request).body), "\(login)")
        }
    }

    /// The two reads at once give back both results, and an error of either.
    @Test func twoReadsAtOnce() throws {
        struct Refused: Error {}
        let (a, b) = try ReportService.atOnce({ 1 + 1 }, { "two" })
        #expect(a == 2 && b == "two")
        #expect(throws: Refused.self) { try ReportService.atOnce({ 1 }, { () throws -> Int in throw Refused() }) }
        #expect(throws: Refused.self) { try ReportService.atOnce({ () throws -> Int in throw Refused() }, { 1 }) }
    }

    // MARK: - Customers and trend

    @Test func topCustomersAndTheTrend() throws {
        let pipeline = try Pipeline()
        let customers = try pipeline.reports("admin").customers(try pipeline.request()).body
        #expect(customers.lines.count == 1)
        #expect(customers.lines.first?.name == "客户1有限公司")
        #expect(customers.lines.first?.deals == 1 && customers.lines.first?.wonAmount == Money(yuan: 100_000))
        #expect(customers.lines.first?.averageCycleDays == 12)

        let trend = try pipeline.reports("admin").trend(try pipeline.request()).body
        #expect(trend.points.map(\.bucket.label) == ["2026-W48", "2026-W49"])
        #expect(trend.points.map(\.current.newLeads) == [6, 0])
        #expect(trend.points.map(\.current.won) == [0, 1])
        #expect(trend.total.wonAmount == Money(yuan: 100_000))
        #expect(trend.previousTotal == TrendReport.Figures())
    }
}
