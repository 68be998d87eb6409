import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// The tick lease (issue 4 §7): one tick evaluates at a time across every process, a crashed
/// holder's lease expires, and two processes ticking at once fire every timer exactly once.
@Suite("Tick lease and concurrency")
struct TickConcurrencyTests {
    /// Collects results from several threads.
    final class Collector<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [T] = []
        func append(_ item: T) { lock.withLock { items.append(item) } }
        var all: [T] { lock.withLock { items } }
    }

    static func holdLease(_ fixture: AutomationFixture, as holder: String, for duration: TimeInterval) throws -> Lease.Holder? {
        // An admin's tick elsewhere (cron): a rep's lease would be preempted by the admin ticking here.
        try fixture.database.write { try Lease.acquire("tick", holder: holder, admin: true, for: duration, now: fixture.clock.now(), $0) }
    }

    // MARK: - The lease

    @Test func whileAnotherProcessHoldsTheLeaseTheTickDoesNothingAndSaysWho() throws {
        let fixture = try AutomationFixture()
        try fixture.assigned(grade: .b)
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 12))
        #expect(try Self.holdLease(fixture, as: "4242@other-host", for: 120) == nil)

        let report = try fixture.tick()
        #expect(report.heldBy == "4242@other-host until \(AutomationFixture.stamp(AutomationFixture.at(2026, 11, 23, 12, 2)))")
        #expect(report.firings.isEmpty)
        #expect(try fixture.count("SELECT count(*) FROM rule_firing WHERE kind = 'timer'") == 0)
        #expect(try fixture.strings("SELECT holder FROM lease") == ["4242@other-host"], "the other's lease is left alone")

        // A dry run takes no lease, so it still shows what is due.
        #expect(try fixture.tick(dryRun: true).rules == ["sla.confirm-escalation"])

        // Once it is released, the tick runs.
        try fixture.database.write { try Lease.release("tick", holder: "4242@other-host", $0) }
        let after = try fixture.tick()
        #expect(after.heldBy == nil)
        #expect(after.rules == ["sla.confirm-escalation"])
    }

    /// A dry run works on a copy (issue 12): it answers while another process holds the write
    /// lock, and the database is as it was.
    @Test func aDryRunNeedsNoWriteLock() throws {
        let fixture = try AutomationFixture()
        try fixture.assigned(grade: .b)
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 12))
        var configuration = Configuration()
        configuration.busyMode = .immediateError
        let other = try DatabaseQueue(path: fixture.database.path, configuration: configuration)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            #expect(try fixture.tick(dryRun: true).rules == ["sla.confirm-escalation"])
        }
        #expect(try fixture.count("SELECT count(*) FROM rule_firing WHERE kind = 'timer'") == 0)
        #expect(try fixture.tick().rules == ["sla.confirm-escalation"])
    }

    /// Issue 12 §1: the timers' search runs before any write lock is taken. With nothing due, a
    /// chunk of the tick reads and commits while another process holds the write lock (busy
    /// waits would fail at once here); with something due it fires as before.
    @Test func aChunkWithNothingDueTakesNoWriteLock() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.assigned(grade: .b)
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 12))
        let automation = ActingUser.automation(via: "admin")
        let other = try DatabaseQueue(path: fixture.database.path)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            // Half an hour after the assignment: nothing is due yet.
            let early = try fixture.context.automationWriteWhenNeeded(as: automation, at: AutomationFixture.at(2026, 11, 23, 10, 30)) { m in
                var run = TickRun(context: fixture.context, m: m, budget: 500)
                try run.evaluate()
                return run.firings
            }
            #expect(early.isEmpty)
        }
        let due = try fixture.context.automationWriteWhenNeeded(as: automation, at: fixture.clock.now()) { m in
            var run = TickRun(context: fixture.context, m: m, budget: 500)
            try run.evaluate()
            return run.firings
        }
        #expect(due.map(\.rule) == ["sla.confirm-escalation"])
        #expect(due.first?.lead == lead.number.description)
        #expect(try fixture.count("SELECT count(*) FROM rule_firing WHERE kind = 'timer'") == 1)
    }

    @Test func aCrashedHoldersLeaseExpiresAndIsTakenOver() throws {
        let fixture = try AutomationFixture()
        try fixture.assigned(grade: .b)
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 12))
        #expect(try Self.holdLease(fixture, as: "crashed@host", for: 30) == nil)
        #expect(try fixture.tick().heldBy != nil)

        fixture.clock.advance(by: 29)
        #expect(try fixture.tick().heldBy == "crashed@host until \(AutomationFixture.stamp(AutomationFixture.at(2026, 11, 23, 12).addingTimeInterval(30)))")

        fixture.clock.advance(by: 1)
        let report = try fixture.tick(holder: "7@this-host")
        #expect(report.heldBy == nil)
        #expect(report.rules == ["sla.confirm-escalation"])
        #expect(try fixture.count("SELECT count(*) FROM lease WHERE name = 'tick'") == 0, "taken over, then released")
    }

    @Test func theLeaseIsHeldOnceAndReenteredByItsHolder() throws {
        let fixture = try AutomationFixture()
        let now = fixture.clock.now()
        #expect(try Self.holdLease(fixture, as: "a", for: 120) == nil)
        #expect(try Self.holdLease(fixture, as: "b", for: 120) == Lease.Holder(holder: "a", expiresAt: now.addingTimeInterval(120), admin: true))
        #expect(try Self.holdLease(fixture, as: "a", for: 300) == nil, "its holder renews it")
        #expect(try Self.holdLease(fixture, as: "b", for: 120)?.expiresAt == now.addingTimeInterval(300))
        // Only the holder can release it.
        try fixture.database.write { try Lease.release("tick", holder: "b", $0) }
        #expect(try fixture.strings("SELECT holder FROM lease") == ["a"])
        try fixture.database.write { try Lease.release("tick", holder: "a", $0) }
        #expect(try Self.holdLease(fixture, as: "b", for: 120) == nil)
    }

    // MARK: - Two processes

    @Test func twoProcessesTickingAtOnceFireEveryTimerExactlyOnce() throws {
        let fixture = try AutomationFixture()
        // Two connections pools on one file: what two `clew` processes have.
        let second = try ClewDatabase(path: fixture.database.path)
        defer { try? second.close() }
        let contexts = [
            fixture.context,
            ClewContext(database: second, automation: AutomationEngine(), clock: fixture.clock, calendar: .standard(timeZone: AutomationFixture.timeZone)),
        ]
        let admin = try fixture.actor("admin")

        // Twelve unconfirmed A leads, six for each rep, assigned Monday 10:00.
        var leads: [Lead] = []
        for index in 0..<12 { leads.append(try fixture.assigned(grade: .a, to: index % 2 == 0 ? "alice" : "carl")) }

        // Ten days later both processes tick, repeatedly, at the same time.
        fixture.clock.set(AutomationFixture.at(2026, 12, 3, 10))
        let reports = Collector<TickReport>()
        let errors = Collector<String>()
        DispatchQueue.concurrentPerform(iterations: 2) { process in
            let service = TickService(context: contexts[process], actor: admin)
            for _ in 0..<25 {
                do {
                    reports.append(try service.run(holder: "\(1000 + process)@host-\(process)"))
                } catch {
                    errors.append("\(error)")
                }
            }
        }
        #expect(errors.all.isEmpty)
        let all = reports.all
        #expect(all.count == 50)

        // Each lead: its escalation, its first-follow-up escalation, its call task overdue — once.
        let expected = 12 * 3
        let fired = all.flatMap(\.firings)
        #expect(fired.count == expected)
        #expect(Set(fired).count == expected)
        #expect(try fixture.count("SELECT count(*) FROM rule_firing WHERE kind = 'timer'") == expected)
        #expect(try fixture.count("SELECT count(*) FROM (SELECT rule, subject FROM rule_firing WHERE kind = 'timer' GROUP BY rule, subject HAVING count(*) > 1)") == 0)
        for lead in leads {
            #expect(fired.filter { $0.lead == lead.number.description }.map(\.rule).sorted()
                == ["sla.confirm-escalation", "sla.first-follow-up", "task.overdue"])
        }
        #expect(try fixture.count("SELECT count(*) FROM notification WHERE kind = 'escalation' AND recipient = 'bob'") == 24)
        #expect(try fixture.count("SELECT count(*) FROM notification WHERE kind = 'overdue'") == 12)
        #expect(try fixture.count("SELECT count(*) FROM notification WHERE kind = 'reminder'") == 12)
        #expect(try fixture.count("SELECT count(*) FROM task WHERE overdue_at IS NOT NULL") == 12)
        // Every run either evaluated (and found the work done or did it) or stood back for the other.
        #expect(all.allSatisfy { $0.heldBy == nil || $0.firings.isEmpty })
        #expect(all.filter { !$0.firings.isEmpty }.count >= 1)
        #expect(try fixture.count("SELECT count(*) FROM lease WHERE name = 'tick'") == 0)
    }

    @Test func twoProcessesWalkingThroughTheWeekFireEachTimerOnce() throws {
        let fixture = try AutomationFixture()
        let second = try ClewDatabase(path: fixture.database.path)
        defer { try? second.close() }
        let contexts = [
            fixture.context,
            ClewContext(database: second, automation: AutomationEngine(), clock: fixture.clock, calendar: .standard(timeZone: AutomationFixture.timeZone)),
        ]
        let admin = try fixture.actor("admin")
        var leads: [Lead] = []
        for index in 0..<6 { leads.append(try fixture.assigned(grade: .a, to: index % 2 == 0 ? "alice" : "carl")) }

        // Both walk the same hourly schedule from Monday to Friday (as of each time, like two
        // cron jobs on two machines), each at its own pace.
        let schedule = (0..<96).map { AutomationFixture.at(2026, 11, 23, 10).addingTimeInterval(Double($0) * 3_600) }
        let reports = Collector<TickReport>()
        let errors = Collector<String>()
        DispatchQueue.concurrentPerform(iterations: 2) { process in
            let service = TickService(context: contexts[process], actor: admin)
            for time in schedule {
                do {
                    reports.append(try service.run(asOf: time, holder: "\(2000 + process)@host-\(process)"))
                } catch {
                    errors.append("\(error)")
                }
            }
        }
        #expect(errors.all.isEmpty)
        let fired = reports.all.flatMap(\.firings)
        #expect(fired.count == Set(fired).count, "nothing fired twice")
        #expect(try fixture.count("SELECT count(*) FROM rule_firing WHERE kind = 'timer'") == fired.count)
        for lead in leads {
            let rules = fired.filter { $0.lead == lead.number.description }.map(\.rule)
            for rule in ["sla.confirm-escalation", "sla.first-follow-up", "task.overdue"] {
                #expect(rules.filter { $0 == rule }.count == 1, "\(rule) on \(lead.number)")
            }
            #expect(rules.filter { $0 == "sla.confirm-reminder" }.count <= 1)
            #expect(rules.filter { $0 == "task.reminder" }.count <= 1)
        }
        // Every notification belongs to a firing: none was sent twice.
        let reminders = fired.filter { $0.rule == "sla.confirm-reminder" }.count
        // A task given inside its reminder window records a skipped firing and sends nothing.
        let taskReminders = fired.filter { $0.rule == "task.reminder" && !$0.outcome.contains("skipped") }.count
        #expect(try fixture.count("SELECT count(*) FROM notification WHERE kind = 'reminder'") == reminders + taskReminders + 6)
        #expect(try fixture.count("SELECT count(*) FROM notification WHERE kind = 'escalation'") == 12)
        #expect(try fixture.count("SELECT count(*) FROM notification WHERE kind = 'overdue'") == 6)
    }
}
