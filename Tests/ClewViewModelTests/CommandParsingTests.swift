import ClewDomain
@testable import ClewViewModel
import Testing

@Suite("Command line parsing")
struct CommandParsingTests {
    @Test(arguments: [
        ("assign alice", Command.assign("alice")),
        ("grade A 预算明确,下月签约", .grade(.a, reason: "预算明确,下月签约")),
        ("move proposal", .move("proposal")),
        ("filter grade=A owner=me", .filter(["grade": "A", "owner": "me"])),
        ("filter clear", .clearFilter),
        ("scope team", .scope("team")),
        ("win 38万", .win("38万")),
        ("lose 选择竞品", .lose("选择竞品")),
        ("q", .quit),
        ("snooze", .snooze("+1d")),
    ])
    func parses(line: String, command: Command) throws {
        #expect(try Command.parse(line) == command)
    }

    @Test func errorsAreSpecific() {
        #expect(throws: CommandError.unknown("asign", suggestion: "assign")) { try Command.parse("asign alice") }
        #expect(throws: CommandError.usage(":assign LOGIN")) { try Command.parse("assign") }
        #expect(throws: CommandError.usage(":grade A REASON (a reason is required)")) { try Command.parse("grade A") }
        #expect(CommandError.unknown("asign", suggestion: "assign").description == "unknown command ':asign'; did you mean ':assign'?")
    }
}
