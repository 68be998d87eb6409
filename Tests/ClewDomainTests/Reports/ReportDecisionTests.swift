import ClewDomain
import Foundation
import Testing

@Suite("Report decisions")
struct ReportDecisionTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    static func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    // MARK: - Periods and buckets

    @Test func aPeriodIsWholeDaysAndItsPreviousIsAsLong() throws {
        let period = try ReportPeriod(from: Self.day("2026-11-01"), through: Self.day("2026-11-30"), in: Self.shanghai)
        #expect(period.days == 30)
        #expect(period.from == Self.day("2026-11-01").date(in: Self.shanghai))
        #expect(period.to == Self.day("2026-12-01").date(in: Self.shanghai))
        let previous = period.previous(in: Self.shanghai)
        #expect(previous.first == Self.day("2026-10-02") && previous.last == Self.day("2026-10-31"))
        #expect(ReportPeriod.month(containing: period.from.addingTimeInterval(86_400 * 10), in: Self.shanghai) == period)
        let december = ReportPeriod.month(containing: Self.day("2026-12-15").date(in: Self.shanghai), in: Self.shanghai)
        #expect(december.last == Self.day("2026-12-31"))
    }

    @Test func aPeriodMustStartBeforeItEndsAndStayWithinTenYears() {
        #expect(throws: ReportError.emptyPeriod(first: Self.day("2026-11-02"), last: Self.day("2026-11-01"))) {
            try ReportPeriod(from: Self.day("2026-11-02"), through: Self.day("2026-11-01"), in: Self.shanghai)
        }
        #expect(throws: ReportError.self) {
            try ReportPeriod(from: Self.day("2000-01-01"), through: Self.day("2026-01-01"), in: Self.shanghai)
        }
    }

    @Test(arguments: [
        // period, granularity, expected labels, first days
        // 2026-11-01 is a Sunday (the end of week 44), 2026-11-30 a Monday (the start of week 49).
        ("2026-11-01", "2026-11-30", ReportGranularity.week, ["2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49"],
         ["2026-11-01", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"]),
        ("2026-12-28", "2027-01-10", .week, ["2026-W53", "2027-W01"], ["2026-12-28", "2027-01-04"]),
        ("2026-10-15", "2027-01-05", .month, ["2026-10", "2026-11", "2026-12", "2027-01"], ["2026-10-15", "2026-11-01", "2026-12-01", "2027-01-01"]),
    ])
    func bucketsCoverEveryDayOnce(first: String, last: String, by granularity: ReportGranularity, labels: [String], starts: [String]) throws {
        let period = try ReportPeriod(from: Self.day(first), through: Self.day(last), in: Self.shanghai)
        let buckets = granularity.buckets(covering: period, in: Self.shanghai)
        #expect(buckets.map(\.label) == labels)
        #expect(buckets.map(\.first.description) == starts)
        #expect(buckets.last?.last == period.last)
        for (a, b) in zip(buckets, buckets.dropFirst()) { #expect(a.last.adding(days: 1) == b.first) }
    }

    // MARK: - Scopes

    static func user(_ role: Role, team: Set<String> = []) -> ActingUser {
        ActingUser(profile: UserProfile(login: "u", name: "U", role: role), team: team)
    }

    @Test(arguments: [
        (Role.rep, ReportKind.funnel, ReportScope.mine, [ReportScope.mine]),
        (.supervisor, .funnel, .team, [.mine, .team, .all]),
        (.supervisor, .customers, .team, [.mine, .team]),
        (.admin, .reps, .all, [.mine, .team, .all]),
        (.finance, .customers, .all, [.mine, .team, .all]),
        (.marketing, .campaigns, .all, [.mine, .all]),
        (.marketing, .reps, .mine, [.mine]),
    ])
    func eachRoleHasItsScopes(role: Role, report: ReportKind, defaultScope: ReportScope, allowed: [ReportScope]) throws {
        #expect(try ReportScope.resolve(nil, report: report, for: Self.user(role)) == defaultScope)
        #expect(ReportScope.allowedScopes(report: report, role: role) == allowed)
        for scope in ReportScope.allCases where !allowed.contains(scope) {
            #expect(throws: ReportError.scopeNotAllowed(scope, report: report, role: role)) {
                try ReportScope.resolve(scope, report: report, for: Self.user(role))
            }
        }
    }

    @Test func scopesSelectOwnersTeamsOrRegistrations() {
        let bob = Self.user(.supervisor, team: ["carol", "alice"])
        #expect(ReportScope.team.subjects(for: bob) == .owners(["u", "alice", "carol"], includingUnowned: true))
        #expect(ReportScope.mine.subjects(for: bob) == .owners(["u"], includingUnowned: false))
        #expect(ReportScope.mine.subjects(for: Self.user(.marketing)) == .registeredBy("u"))
        #expect(ReportScope.all.subjects(for: bob) == .everyone)
    }

    // MARK: - Funnel

    @Test func theFunnelNeverGrowsDownItsSteps() {
        var generator = SystemRandomNumberGenerator()
        let statuses: [LeadStatus] = [.new, .screening, .assigned, .active, .won, .lost, .pooled, .merged]
        for _ in 0..<200 {
            let outcomes = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                FunnelReport.Outcome(intake: Int.random(in: 0...2, using: &generator),
                                     furthestStage: Bool.random(using: &generator) ? Int.random(in: 0...3, using: &generator) : nil,
                                     status: statuses.randomElement(using: &generator) ?? .new,
                                     lostReason: Bool.random(using: &generator) ? "competitor" : nil, count: Int.random(in: 1...50, using: &generator))
            }
            let funnel = FunnelReport(pipeline: .standard, outcomes: outcomes)
            let reached = funnel.steps.map(\.reached)
            #expect(zip(reached, reached.dropFirst()).allSatisfy { $0 >= $1 }, "\(reached)")
            #expect(funnel.registered == outcomes.map(\.count).reduce(0, +))
            for step in funnel.steps { #expect(step.stillHere + step.lostTotal <= step.reached) }
            for (step, next) in zip(funnel.steps, funnel.steps.dropFirst()) { #expect(step.movedOn == next.reached) }
        }
    }

    // MARK: - Durations and the bottleneck

    @Test(arguments: [
        ([Double](), nil as Double?, nil as Double?, nil as Double?),
        ([5], 5, 5, 5),
        ([1, 2, 3, 4, 100], 3, 100, 22),
        ([4, 1, 3, 2], 2, 4, 2.5),
    ])
    func durationStatistics(values: [Double], median: Double?, p90: Double?, mean: Double?) {
        let stats = DurationStatistics(values)
        #expect(stats.count == values.count)
        #expect(stats.median == median && stats.p90 == p90 && stats.mean == mean)
    }

    @Test func theBottleneckIsTheStageFurthestOverPlanElseTheWorstConverting() {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        let day: TimeInterval = 86_400
        func visit(_ stage: Int, days: Double, plan: Double) -> StageTimeReport.Visit {
            StageTimeReport.Visit(stage: stage, enteredAt: t0, exitedAt: t0 + days * day, plannedExitAt: t0 + plan * day)
        }
        let slow = StageTimeReport(pipeline: .standard, visits: [visit(0, days: 6, plan: 3), visit(1, days: 2, plan: 2), visit(2, days: 45, plan: 15)],
                                   funnel: nil, now: t0 + 100 * day)
        #expect(slow.bottleneck == .init(stage: "negotiation", reason: .overPlan(ratio: 3)))
        let funnel = FunnelReport(pipeline: .standard, outcomes: [
            .init(intake: 2, furthestStage: 0, status: .lost, lostReason: "no-fit", count: 10),
            .init(intake: 2, furthestStage: 1, status: .active, lostReason: nil, count: 10),
            .init(intake: 2, furthestStage: 3, status: .won, lostReason: nil, count: 10),
        ])
        let onTime = StageTimeReport(pipeline: .standard, visits: [visit(0, days: 1, plan: 3)], funnel: funnel, now: t0 + 100 * day)
        #expect(onTime.bottleneck == .init(stage: "proposal", reason: .lowestConversion(rate: 0.5)))
    }

    // MARK: - Money in reports

    /// Issue 14: on the received basis ROI is cash in over cost; the booked ROI stays beside it.
    @Test func returnOnCostFromReceivedPayments() {
        let report = SourceReport(counts: [
            .init(key: "展会", leads: 40, valid: 32, opportunities: 10, won: 4, wonAmount: Money(yuan: 500_000), received: Money(yuan: 150_000)),
            .init(key: "官网", leads: 10, valid: 8, opportunities: 2, won: 1, wonAmount: Money(yuan: 80_000)),
        ], costs: ["展会": Money(yuan: 100_000), "官网": Money(yuan: 40_000)], roiBasis: .received)
        let fair = report.lines[0]
        #expect(fair.roi == 0.5 && fair.wonROI == 4 && fair.received == Money(yuan: 150_000))
        let web = report.lines[1]
        #expect(web.roi == -1 && web.wonROI == 1, "won but nothing received yet: the whole cost is still out")
    }

    @Test func costPerLeadAndReturnOnCost() {
        let report = SourceReport(counts: [
            .init(key: "展会", leads: 40, valid: 32, opportunities: 10, won: 4, wonAmount: Money(yuan: 500_000)),
            .init(key: "", leads: 3, valid: 3, opportunities: 0, won: 0, wonAmount: .zero),
            .init(key: "free", leads: 0, valid: 0, opportunities: 0, won: 0, wonAmount: .zero),
        ], costs: ["展会": Money(yuan: 100_000), "free": Money(yuan: 0)])
        let fair = report.lines[0]
        #expect(fair.costPerLead == Money(yuan: 2_500) && fair.costPerValidLead == Money(yuan: 3_125))
        #expect(fair.roi == 4 && fair.validShare == 0.8 && fair.winRate == 0.125)
        #expect(report.lines.last?.key == "")
        let free = report.lines[1]
        #expect(free.key == "free" && free.costPerLead == nil && free.roi == nil)
    }

    @Test func reportSumsSaturateInsteadOfTrapping() {
        let huge = Money(fen: .max - 5)
        #expect(huge.adding(Money(fen: 10)) == Money(fen: .max))
        #expect(Money(fen: .min + 5).adding(Money(fen: -10)) == Money(fen: .min))
        #expect(Money(yuan: 3).adding(Money(yuan: 4)) == Money(yuan: 7))
        #expect(Money(totalFen: 1e30) == Money(fen: .max))
        #expect(Money(totalFen: .nan) == Money(fen: .max))
        #expect(Money(totalFen: 12_345.4) == Money(fen: 12_345))
    }

    // MARK: - Campaign changes

    @Test func campaignChangesAreChecked() throws {
        let base = Campaign(name: "旧", createdBy: "mia", createdAt: Date(timeIntervalSince1970: 0))
        #expect(throws: CampaignError.emptyName) { try CampaignChanges(name: "  ").applied(to: base) }
        #expect(throws: CampaignError.nameTooLong(101)) { try CampaignChanges(name: String(repeating: "展", count: 101)).applied(to: base) }
        #expect(throws: CampaignError.endsBeforeStart(start: Self.day("2026-11-02"), end: Self.day("2026-11-01"))) {
            try CampaignChanges(startDay: Self.day("2026-11-02"), endDay: Self.day("2026-11-01")).applied(to: base)
        }
        #expect(throws: CampaignError.amountOutOfRange(field: "cost")) {
            try CampaignChanges(cost: Money(fen: 1_000_000_000_001)).applied(to: base)
        }
        let changed = try CampaignChanges(name: " 2026秋季展会\u{1B}[2J ", channel: "", cost: Money(yuan: 8)).applied(to: base)
        #expect(changed.name == "2026秋季展会" && changed.channel == nil && changed.cost == Money(yuan: 8))
    }

    @Test func datesGoBackInTime() throws {
        let now = Self.day("2026-11-30").date(in: Self.shanghai).addingTimeInterval(10 * 3_600)
        #expect(try DateExpression.parse("-30d", now: now, timeZone: Self.shanghai) == now.addingTimeInterval(-30 * 86_400))
        #expect(try DateExpression.parse("yesterday", now: now, timeZone: Self.shanghai, startOfDay: true)
                == Self.day("2026-11-29").date(in: Self.shanghai))
        #expect(throws: DateExpressionError.self) { try DateExpression.parse("-99999999d", now: now, timeZone: Self.shanghai) }
    }
}

@Suite("SLA kept, with and without the calendar")
struct SLAKeptTests {
    @Test func theClockDecidesWhenItCanAndTheCalendarOtherwise() {
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        let calendar = WorkingCalendar.standard(timeZone: shanghai)
        // Friday 2026-11-27 17:30: one working hour ends Monday 09:30.
        let friday = CalendarDay("2026-11-27")!.date(in: shanghai).addingTimeInterval(17.5 * 3_600)
        let hour: TimeInterval = 3_600
        for (duration, after, kept) in [
            (ProcessDuration.workingHours(1), 0.5 * hour, true), (.workingHours(1), 60 * hour, true), (.workingHours(1), 64.1 * hour, false),
            (.hours(48), 48 * hour, true), (.hours(48), 48 * hour + 1, false), (.workingDays(1), 20 * hour, true),
            (.workingDays(1), 70 * hour, true), (.workingDays(1), 72.1 * hour, false),
        ] {
            let end = friday.addingTimeInterval(after)
            #expect(duration.isKept(from: friday, to: end, on: calendar) == kept, "\(duration) after \(after / hour) h")
            #expect(duration.isKept(from: friday, to: end, on: calendar) == (end <= duration.date(after: friday, on: calendar)))
        }
    }
}
