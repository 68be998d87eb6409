import ClewDomain
import ClewServices
import Foundation
import Testing

/// The lead lists, the firing log, the workloads and the rules in force read the same on every
/// store: the screening queue, the pools and what was claimed from them.
@Suite("Lead lists, firings and rules on every store")
struct LeadListConformanceTests {
    func readable(by actor: ActingUser, _ statuses: Set<LeadStatus> = []) -> LeadCriteria {
        LeadCriteria(audiences: [.readableBy(actor)], statuses: statuses)
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func theScreeningQueueCountsAndPagesOldestFirst(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        try s.store.read { tx throws in
            // bob (the supervisor) sees the unowned lead in screening; a rep does not; an admin does.
            #expect(try tx.leads.count(readable(by: s.actor("bob"), [.screening])) == 1)
            #expect(try tx.leads.count(readable(by: s.actor("alice"), [.screening])) == 0)
            #expect(try tx.leads.count(readable(by: s.actor("admin"), [.screening])) == 1)
            // A criteria beyond the tally's reach (a region) still counts.
            var east = readable(by: s.actor("bob"), [.screening])
            east.region = "华南"
            #expect(try tx.leads.count(east) == 0)
            east.region = "华东"
            #expect(try tx.leads.count(east) == 1)
            #expect(try tx.leads.count(readable(by: s.actor("admin"), [.pooled, .active, .assigned])) == 3)

            let queue = try tx.leads.page(readable(by: s.actor("bob"), [.screening]), order: .longestInStatus, offset: 0, limit: 10)
            #expect(queue.map(\.number) == [s.screeningNumber])
            #expect(try tx.leads.page(readable(by: s.actor("bob"), [.screening]), order: .longestInStatus, offset: 1, limit: 10).isEmpty)
            // Same second: by id.
            let everyone = try tx.leads.page(readable(by: s.actor("admin")), order: .longestInStatus, offset: 0, limit: 10)
            #expect(everyone.map(\.number) == [s.leadNumber, s.assignedNumber, s.pooledNumber, s.claimedNumber, s.screeningNumber])
            #expect(try tx.leads.page(readable(by: s.actor("admin")), order: .longestInStatus, offset: 1, limit: 2).map(\.number) == [s.assignedNumber, s.pooledNumber])

            let entries = try tx.leads.queueEntries(readable(by: s.actor("admin"), [.pooled, .active]), limit: 10)
            #expect(entries == [
                ScreeningEntry(number: s.pooledNumber.description, customer: "南京云帆电子有限公司", grade: .b, region: "华东", industry: "制造"),
                ScreeningEntry(number: s.claimedNumber.description, customer: "苏州青禾食品有限公司", grade: .b, region: "华东", industry: "食品"),
            ])
            #expect(try tx.leads.queueEntries(readable(by: s.actor("admin"), [.pooled, .active]), limit: 1).count == 1)
        }
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func scoreBreakdownsAreStoredWithTheLeads(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let parts = try s.store.read { tx in try tx.leads.storedScoreParts(of: [s.leadID, 9_999]) }
        let expected = ProcessDefinition.withoutAutomation.scoring.score(
            LeadDraft(customer: StoreUnderTest.customer, contact: "王伟", phone: "13812345678", region: "华东")).storedParts
        #expect(parts == [s.leadID: expected])
        #expect(try s.store.read { tx in try tx.leads.storedScoreParts(of: []) }.isEmpty)
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func poolsCountTheirLeadsAndListTheNewestFirst(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        try s.store.read { tx throws in
            #expect(try tx.leads.pooledCounts(readable(by: s.actor("alice"))) == ["华东": 1])
            #expect(try tx.leads.pooledCounts(readable(by: s.actor("admin"))) == ["华东": 1])
            #expect(try tx.leads.pooled(in: "华东", readable(by: s.actor("carol")), offset: 0, limit: 10).map(\.number) == [s.pooledNumber])
            #expect(try tx.leads.pooled(in: "华东", readable(by: s.actor("carol")), offset: 1, limit: 10).isEmpty)
            #expect(try tx.leads.pooled(in: "华南", readable(by: s.actor("admin")), offset: 0, limit: 10).isEmpty)
            // What alice claimed from a pool, and is hers now.
            #expect(try tx.leads.fromPools(owner: "alice", offset: 0, limit: 10).map(\.number) == [s.claimedNumber])
            #expect(try tx.leads.fromPoolsCount(owner: "alice") == 1)
            #expect(try tx.leads.fromPools(owner: "alice", offset: 1, limit: 10).isEmpty)
            // carol's assigned lead came from screening, not a pool.
            #expect(try tx.leads.fromPoolsCount(owner: "carol") == 0)
        }
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func claimsAreLoggedOnceAndCountedPerDay(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let startOfDay = CalendarDay.containing(StoreUnderTest.now, in: StoreUnderTest.zone).date(in: StoreUnderTest.zone)
        try s.store.read { tx throws in
            #expect(try tx.firings.claims(from: "华东", by: "alice", since: startOfDay) == 1)
            #expect(try tx.firings.claims(from: "华东", by: "alice", since: StoreUnderTest.now.addingTimeInterval(1)) == 0)
            #expect(try tx.firings.claims(from: "华东", by: "carol", since: startOfDay) == 0)
            #expect(try tx.firings.claims(from: "华南", by: "alice", since: startOfDay) == 0)
        }
        let firing = NewFiring(rule: "sla.first-contact", kind: .timer, leadID: s.leadID, subject: "lead:\(s.leadID)",
                               occurrence: "v1", action: "notify")
        let (first, again) = try s.store.write(as: s.actor("admin")) { tx in
            (try tx.firings.record(firing, outcome: .notified(["bob"])), try tx.firings.record(firing, outcome: .notified(["bob"])))
        }
        #expect(first && !again)
        #expect(try s.store.read { tx in try tx.firings.count(rule: "sla.first-contact", subject: "lead:\(s.leadID)", since: startOfDay) } == 1)
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func workloadsAreTheActiveRepsOpenLeads(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let loads = try s.store.read { tx in try tx.users.workloads() }
        // Reps only (bob supervises, admin administers); carol's assigned lead and alice's claimed one.
        #expect(Dictionary(uniqueKeysWithValues: loads.map { ($0.profile.login, $0.openLeads) }) == ["alice": 1, "carol": 1])
        #expect(loads.first { $0.profile.login == "carol" }?.profile.name == "Carol Chen")
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func eachTransactionRunsUnderTheRulesCommittedBeforeIt(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        try s.store.read { tx throws in
            #expect(tx.rules.process.pools == ProcessDefinition.withoutAutomation.pools)
            #expect(tx.rules.calendar.timeZone == StoreUnderTest.zone)
        }
        var changed = ProcessDefinition.withoutAutomation
        changed.pools = [PoolDefinition(name: "华东", scope: .region, values: ["华东"], dailyClaimLimit: 3)]
        try s.applyProcess(changed)
        try s.store.read { tx throws in
            #expect(tx.rules.process.pools.map(\.name) == ["华东"])
            #expect(tx.rules.process.pools.first?.dailyClaimLimit == 3)
        }
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func totalsCountEachCriteriaInOneRead(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let stage = try #require(ProcessDefinition.withoutAutomation.pipeline.firstStage?.key)
        let everyone: [LeadAudience] = []
        let columns = [LeadCriteria(audiences: everyone, statuses: [.screening]), LeadCriteria(audiences: everyone, statuses: [.assigned]),
                       LeadCriteria(audiences: everyone, statuses: [.active], stage: stage),
                       LeadCriteria(audiences: everyone, statuses: [.won], statusChangedSince: StoreUnderTest.now.addingTimeInterval(-86_400))]
        let zero = Money(fen: 0)
        let expected = [LeadTotals(count: 1, amount: zero), LeadTotals(count: 1, amount: zero), LeadTotals(count: 1, amount: zero),
                        LeadTotals(count: 0, amount: zero)]
        try s.store.read { tx throws in
            // Unfiltered (a tally may answer), then each narrowed by a region (counted).
            #expect(try tx.leads.totals(columns) == expected)
            #expect(try tx.leads.totals(columns.map { var c = $0; c.region = "华东"; return c }) == expected)
            #expect(try tx.leads.totals(columns.map { var c = $0; c.region = "华南"; return c }).map(\.count) == [0, 0, 0, 0])
            // alice's own: only her claimed lead.
            let mine = columns.map { var c = $0; c.audiences = [.owners(["alice"], includingUnowned: false)]; return c }
            #expect(try tx.leads.totals(mine).map(\.count) == [0, 0, 1, 0])
            #expect(try tx.leads.totals([]).isEmpty)
        }
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func pagesComeInTheirOrder(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        try s.store.read { tx throws in
            let all = readable(by: s.actor("admin"))
            // Status changes a minute or more apart, in lead order.
            let byChange = [s.leadNumber, s.assignedNumber, s.pooledNumber, s.claimedNumber, s.screeningNumber]
            #expect(try tx.leads.page(all, order: .longestInStatus, offset: 0, limit: 10).map(\.number) == byChange)
            #expect(try tx.leads.page(all, order: .latestInStatus, offset: 0, limit: 10).map(\.number) == byChange.reversed())
            #expect(try tx.leads.page(all, order: .latestInStatus, offset: 3, limit: 5).map(\.number) == [s.assignedNumber, s.leadNumber])
            // Only the claimed lead has a stage time: those with none come first (NULLS FIRST), by id.
            #expect(try tx.leads.page(all, order: .longestInStage, offset: 0, limit: 10).map(\.number)
                == [s.leadNumber, s.assignedNumber, s.pooledNumber, s.screeningNumber, s.claimedNumber])
        }
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func overdueLeadsAreTheOpenOnesWithATaskPastDue(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let now = StoreUnderTest.now
        let (claimed, assigned) = try s.store.read { tx in
            (try #require(try tx.leads.lead(number: s.claimedNumber)), try #require(try tx.leads.lead(number: s.assignedNumber)))
        }
        try s.store.write(as: s.actor("alice")) { tx in
            // Past due, though snoozed (overdue reads the due time); a later one beside it.
            let late = try tx.tasks.insert(NewTask(leadID: claimed.id, assignee: "alice", title: "逾期回访", kind: "manual", due: now.addingTimeInterval(-3_600)))
            try tx.tasks.snooze(late, until: now.addingTimeInterval(3_600))
            _ = try tx.tasks.insert(NewTask(leadID: claimed.id, assignee: "alice", title: "下周", kind: "manual", due: now.addingTimeInterval(7 * 86_400)))
            // Not yet due; and one past due on a lead that is not worked (new).
            _ = try tx.tasks.insert(NewTask(leadID: assigned.id, assignee: "carol", title: "明天", kind: "manual", due: now.addingTimeInterval(86_400)))
            _ = try tx.tasks.insert(NewTask(leadID: s.leadID, assignee: "alice", title: "新线索", kind: "manual", due: now.addingTimeInterval(-86_400)))
        }
        var overdue = readable(by: s.actor("admin"))
        overdue.flags = [.overdue]
        overdue.flagsAsOf = now
        try s.store.read { tx throws in
            #expect(try tx.leads.page(overdue, order: .longestInStatus, offset: 0, limit: 10).map(\.number) == [s.claimedNumber])
            #expect(try tx.leads.count(overdue) == 1)
            #expect(try tx.leads.totals([overdue]).map(\.count) == [1])
            var later = overdue
            later.flagsAsOf = now.addingTimeInterval(2 * 86_400)
            #expect(try tx.leads.count(later) == 2, "the assigned lead's task is due by then")
        }
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func aLeadsNextDueIsItsEarliestOpenTask(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let now = StoreUnderTest.now
        let claimed = try #require(try s.store.read { tx in try tx.leads.lead(number: s.claimedNumber) })
        try s.store.write(as: s.actor("alice")) { tx in
            _ = try tx.tasks.insert(NewTask(leadID: claimed.id, assignee: "alice", title: "后天", kind: "manual", due: now.addingTimeInterval(2 * 86_400)))
            let snoozed = try tx.tasks.insert(NewTask(leadID: claimed.id, assignee: "alice", title: "推迟", kind: "manual", due: now.addingTimeInterval(-3_600)))
            try tx.tasks.snooze(snoozed, until: now.addingTimeInterval(86_400))
            let done = try tx.tasks.insert(NewTask(leadID: claimed.id, assignee: "alice", title: "已完成", kind: "manual", due: now))
            try tx.tasks.close(done, as: .done)
            _ = try tx.tasks.insert(NewTask(leadID: s.leadID, assignee: "alice", title: "无期限", kind: "manual"))
        }
        let due = try s.store.read { tx in try tx.tasks.nextDue(onLeads: [claimed.id, s.leadID, 9_999]) }
        // The snoozed task counts from its snooze; the done one not at all; an undated one gives no date.
        #expect(due == [claimed.id: now.addingTimeInterval(86_400)])
        #expect(try s.store.read { tx in try tx.tasks.nextDue(onLeads: []) }.isEmpty)
    }
}
