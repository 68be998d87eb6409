import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// The busy handler's schedule (``BusyWait``): longer waiters try more often, and the sleeps
/// add up to the busy timeout.
@Suite("Waiting for the write lock")
struct BusyWaitTests {
    @Test(arguments: [(0, 0.0), (1, 0.002), (5, 0.010), (6, 0.026), (20, 0.250), (21, 0.258), (120, 1.050), (121, 1.054)])
    func sleptBeforeATry(tries: Int, slept: Double) {
        #expect(abs(BusyWait.slept(beforeTry: tries) - slept) < 1e-9)
    }

    @Test func theIntervalShrinksWithTheWait() throws {
        let first = try #require(BusyWait.interval(afterTry: 0, timeout: 15))
        let later = try #require(BusyWait.interval(afterTry: 20, timeout: 15))
        let longest = try #require(BusyWait.interval(afterTry: 1_000, timeout: 15))
        #expect(first == 0.002, "a short transaction in the way is caught at once")
        #expect(later == 0.008)
        #expect(longest == 0.004)
        #expect(try #require(BusyWait.interval(afterTry: 5, timeout: 15)) == 0.016, "then newcomers try least often")
    }

    @Test func theSleepsAddUpToTheTimeoutAndThenItGivesUp() {
        var tries = 0
        var total: TimeInterval = 0
        while let interval = BusyWait.interval(afterTry: tries, timeout: 15) {
            total += interval
            tries += 1
            #expect(tries < 100_000, "the schedule ends")
            if tries >= 100_000 { break }
        }
        #expect(abs(total - 15) < 0.002, "slept \(total) s in \(tries) tries")
        #expect(BusyWait.interval(afterTry: tries, timeout: 15) == nil)
        #expect(BusyWait.interval(afterTry: 0, timeout: 0) == nil)
    }
}
