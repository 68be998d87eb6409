import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// Leases that cannot be held hostage (issue 12 §4): a gone holder is taken over at once, an
/// admin's tick preempts a rep's, and a catch-up commits in chunks.
@Suite("Lease takeover")
struct LeaseTakeoverTests {
    static func hold(_ fixture: AutomationFixture, as holder: String, process: ProcessIdentity?, admin: Bool = false,
                     for duration: TimeInterval = 120) throws {
        let held = try fixture.database.write {
            try Lease.acquire("tick", holder: holder, process: process, admin: admin, for: duration, now: fixture.clock.now(), $0)
        }
        #expect(held == nil)
    }

    static let me = ProcessIdentity.current

    @Test func aLeaseWhoseProcessIsGoneIsTakenOverAtOnce() throws {
        let fixture = try AutomationFixture()
        try fixture.assigned(grade: .a)
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 12))
        // A pid no process has on this host (a `kill -9`ed tick).
        try Self.hold(fixture, as: "999999@\(Self.me.host)", process: ProcessIdentity(host: Self.me.host, pid: 999_999, started: 12_345))
        let report = try fixture.tick()
        #expect(report.heldBy == nil, "taken over well before the 120 s expiry")
        #expect(report.rules.contains("sla.confirm-escalation"))
    }

    @Test func aReusedPidWithAnotherStartTimeIsGoneToo() {
        let reused = ProcessIdentity(host: Self.me.host, pid: 1, started: 1)
        #expect(ProcessIdentity.isGone(reused) == (ProcessIdentity.startTime(of: 1) != nil && ProcessIdentity.startTime(of: 1) != 1))
        #expect(!ProcessIdentity.isGone(Self.me), "this process is alive")
        #expect(!ProcessIdentity.isGone(ProcessIdentity(host: "another-host", pid: 999_999, started: 1)), "another host's process is never judged gone")
        if FileManager.default.fileExists(atPath: "/proc/self/stat") {
            #expect(Self.me.started > 0, "the start time is read from /proc/PID/stat")
        }
    }

    @Test func aLiveHolderOrOneOnAnotherHostKeepsItsLeaseUntilItExpires() throws {
        let fixture = try AutomationFixture()
        try fixture.assigned(grade: .a)
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 12))
        try Self.hold(fixture, as: "alive", process: Self.me, admin: true)
        #expect(try fixture.tick(holder: "other").heldBy?.hasPrefix("alive until") == true)
        try fixture.database.write { try Lease.release("tick", holder: "alive", $0) }
        try Self.hold(fixture, as: "far", process: ProcessIdentity(host: "another-host", pid: 999_999, started: 1), admin: true, for: 30)
        #expect(try fixture.tick(holder: "other").heldBy != nil)
        fixture.clock.advance(by: 30)
        #expect(try fixture.tick(holder: "other").heldBy == nil)
    }

    @Test func anAdminsTickPreemptsARepsLeaseButNotTheOtherWayRound() throws {
        let fixture = try AutomationFixture()
        try fixture.assigned(grade: .a)
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 12))
        let far = ProcessIdentity(host: "another-host", pid: 4242, started: 1)
        try Self.hold(fixture, as: "4242@another-host", process: far, admin: false)
        let report = try fixture.tick(holder: "admin-tick")
        #expect(report.heldBy == nil, "a rep's lease never keeps an admin waiting")
        #expect(report.rules.contains("sla.confirm-escalation"))

        try fixture.database.write { try $0.execute(sql: "DELETE FROM lease") }
        try Self.hold(fixture, as: "4242@another-host", process: far, admin: true)
        let rep = try TickService(context: fixture.context, actor: try fixture.actor("alice")).run(holder: "rep-tick")
        #expect(rep.heldBy?.hasPrefix("4242@another-host") == true, "a rep does not preempt an admin")
    }

    @Test func aCatchUpCommitsInChunksAndFiresEachTimerOnce() throws {
        let fixture = try AutomationFixture()
        for index in 0..<5 { try fixture.assigned(grade: .a, to: index % 2 == 0 ? "alice" : "carl") }
        fixture.clock.set(AutomationFixture.at(2026, 12, 3, 10))
        let report = try TickService(context: fixture.context, actor: try fixture.actor("admin")).run(chunk: 2)
        #expect(report.firings.count == 15, "escalation, first follow-up and overdue call task for each")
        #expect(Set(report.firings).count == 15)
        #expect(try fixture.count("SELECT count(*) FROM rule_firing WHERE kind = 'timer'") == 15)
        #expect(try fixture.tick().firings.isEmpty)
    }
}
