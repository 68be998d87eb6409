import ClewDomain
import ClewMemoryStore
import ClewServices
import Foundation
import Testing

/// The pools on the in-memory store: the real `PoolService`, no file. Which pools a reader
/// sees and in which order, their claim limits and today's claims, the leads in a pool newest
/// first, and the reader's leads that came from a pool.
@Suite("Pool use cases (in memory)")
struct PoolServiceTests {
    typealias Fixture = TaskServiceTests
    static let now = Fixture.now
    static let hour: TimeInterval = 3_600

    static func pooled(_ id: Int64, in pool: String?, since: TimeInterval) -> Lead {
        Lead(id: id, number: LeadNumber("XL-20261130-00\(id)")!, status: .pooled, pool: pool,
             details: LeadDraft(customer: "公海客户\(id)", contact: "联系人", phone: "1371234567\(id)", region: pool ?? "华东"),
             createdBy: "bob", createdAt: now, updatedBy: "bob", updatedAt: now, statusChangedAt: now.addingTimeInterval(since))
    }

    static func owned(_ id: Int64, by owner: String, _ status: LeadStatus = .active) -> Lead {
        Lead(id: id, number: LeadNumber("XL-20261130-00\(id)")!, status: status, stage: status == .active ? "discovery" : nil, owner: owner,
             details: LeadDraft(customer: "认领客户\(id)", contact: "联系人", phone: "1361234567\(id)", region: "华东"),
             createdBy: "bob", createdAt: now, updatedBy: owner, updatedAt: now, statusChangedAt: now)
    }

    static var process: ProcessDefinition {
        var process = ProcessDefinition.standard
        process.pools = [PoolDefinition(name: "华东", scope: .region, values: ["华东"], dailyClaimLimit: 5),
                         PoolDefinition(name: "制造", scope: .industry, values: ["制造"], members: ["alice"], dailyClaimLimit: 2)]
        return process
    }

    let store: InMemoryStore = {
        let store = InMemoryStore(users: Fixture.profiles,
                                  leads: [pooled(1, in: "华东", since: -3 * hour), pooled(2, in: "华东", since: -1 * hour),
                                          pooled(3, in: "华南", since: 0), pooled(4, in: nil, since: 0),
                                          owned(5, by: "alice"), owned(6, by: "alice", .assigned), owned(7, by: "alice", .won), owned(8, by: "carol")],
                                  process: PoolServiceTests.process, calendar: .standard(timeZone: Fixture.zone), now: { PoolServiceTests.now })
        store.setPoolOrigin(InMemoryStore.PoolOrigin(pool: "华东", assignedAt: now.addingTimeInterval(-2 * hour)), ofLead: 5)
        store.setPoolOrigin(InMemoryStore.PoolOrigin(pool: "华东", assignedAt: now.addingTimeInterval(-1 * hour)), ofLead: 6)
        store.setPoolOrigin(InMemoryStore.PoolOrigin(pool: "华东", assignedAt: now.addingTimeInterval(-5 * hour)), ofLead: 7)
        store.setPoolOrigin(InMemoryStore.PoolOrigin(pool: "华东", assignedAt: now), ofLead: 8)
        return store
    }()

    /// `login` acting, as signing in makes them: with their team and the process pools that list them.
    func actor(_ login: String) -> ActingUser {
        let profile = Fixture.profiles.first { $0.login == login }!
        return ActingUser(profile: profile, team: Set(Fixture.profiles.filter { $0.supervisor == login }.map(\.login)),
                          poolMemberships: Set(Self.process.pools.filter { $0.members.contains(login) }.map(\.name)))
    }

    func pools(_ login: String) -> PoolService { PoolService(store: store, actor: actor(login)) }

    func claim(_ leadID: Int64, by login: String, occurrence: String) throws {
        _ = try store.write(as: actor(login)) { tx in
            try tx.firings.record(NewFiring(rule: PoolDefinition.claimRule("华东"), kind: .pool, leadID: leadID,
                                            subject: PoolDefinition.claimSubject(login), occurrence: occurrence, action: "claim"),
                                  outcome: .claimed(by: login))
        }
    }

    @Test func aRepSeesThePoolsOfTheirRegionFullestFirstWithTodaysClaims() throws {
        try claim(5, by: "alice", occurrence: "today")
        let summaries = try pools("alice").pools()
        // 华东 holds two alice may see; 制造 is a process pool she belongs to, shown empty; 华南 is not hers.
        #expect(summaries == [PoolSummary(name: "华东", leads: 2, dailyClaimLimit: 5, claimedToday: 1),
                              PoolSummary(name: "制造", leads: 0, dailyClaimLimit: 2, claimedToday: 0)])
        #expect(summaries.first?.claimsLeft == 4)
    }

    @Test func anAdminSeesEveryPoolAndALeadWithNoPoolIsInGeneral() throws {
        let summaries = try pools("admin").pools()
        #expect(summaries.map(\.name) == ["华东", "general", "华南"])
        #expect(summaries.map(\.leads) == [2, 1, 1])
        #expect(summaries[1].dailyClaimLimit == nil && summaries[1].claimsLeft == nil)
        #expect(try pools("admin").leads(in: PoolDefinition.general).map(\.id) == [4])
    }

    @Test func todaysClaimsAreCountedFromMidnightInTheCalendarsZone() throws {
        let clock = TestClock(Self.now)
        let store = InMemoryStore(users: Fixture.profiles, leads: [Self.pooled(1, in: "华东", since: 0)], process: Self.process,
                                  calendar: .standard(timeZone: Fixture.zone), now: { clock.now })
        let claim = { (at: Date, occurrence: String) in
            clock.now = at
            _ = try store.write(as: actor("alice")) { tx in
                try tx.firings.record(NewFiring(rule: PoolDefinition.claimRule("华东"), kind: .pool, leadID: 1, subject: PoolDefinition.claimSubject("alice"),
                                                occurrence: occurrence, action: "claim"), outcome: .claimed(by: "alice"))
            }
        }
        // 23:00 yesterday in Shanghai is yesterday; 07:00 today is today, though it is still
        // yesterday in UTC (23:00): a count from UTC midnight would miss it.
        try claim(Self.now.addingTimeInterval(-10 * Self.hour), "yesterday")
        try claim(Self.now.addingTimeInterval(-2 * Self.hour), "this morning")
        clock.now = Self.now
        #expect(try PoolService(store: store, actor: actor("alice")).pools().first { $0.name == "华东" }?.claimedToday == 1)
    }

    @Test func aPoolsLeadsComeNewestFirstAPageAtATime() throws {
        #expect(try pools("alice").leads(in: "华东").map(\.id) == [2, 1])
        #expect(try pools("alice").leads(in: "华东", offset: 1, limit: 1).map(\.id) == [1])
        #expect(try pools("alice").leads(in: "华南").isEmpty, "not alice's region")
        #expect(try pools("alice").leads(in: "华东", offset: -4, limit: 0).map(\.id) == [2], "a page holds at least one")
    }

    @Test func theLeadsClaimedFromAPoolAreTheOpenOnesMostRecentFirst() throws {
        #expect(try pools("alice").claimedLeads().map(\.id) == [6, 5])
        #expect(try pools("alice").claimedCount() == 2)
        #expect(try pools("alice").claimedLeads(offset: 1, limit: 5).map(\.id) == [5])
        #expect(try pools("carol").claimedLeads().map(\.id) == [8])
    }
}

/// A clock a test moves.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ now: Date) { current = now }

    var now: Date {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}
