import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// Limits on durations (issue 12 §3): a process cannot name a span a timer would spin over.
@Suite("Duration limits")
struct DurationLimitTests {
    @Test(arguments: ["99999999999999 working days", "3651 days", "3651 working days", "87601 hours", "87601 working hours",
                      "99999999999999999999999 days"])
    func spansLongerThanTenYearsAreRefused(text: String) {
        #expect(ProcessDuration(parsing: text) == nil)
        #expect(ProcessDuration.problem(parsing: text)?.contains("longer than ten years") == true)
    }

    @Test(arguments: ["3650 days", "3650 working days", "87600 hours", "87600 working hours"])
    func tenYearsIsAccepted(text: String) {
        #expect(ProcessDuration(parsing: text) != nil)
    }

    @Test func aHugeStageDurationIsReportedAtItsLineByProcessCheck() throws {
        let text = try edited("expected = \"15 days\"", "expected = \"99999999999999 working days\"")
        let found = problems(text)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("p.toml:\(line(of: "99999999999999", in: text)): 'expected': duration") == true)
        #expect(found.first?.contains("longer than ten years") == true)
    }

    @Test func aHugeNumberInTheFileIsRefusedAtItsLine() throws {
        let text = try edited("version = 1", "version = 9223372036854775807")
        #expect(problems(text) == ["p.toml:3: 'version' must be between -1000000000 and 1000000000"])
    }
}
