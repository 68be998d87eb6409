import Foundation
import Testing

/// Nothing stored or typed reaches a terminal, a JSON reader or a spreadsheet in a form it acts on.
@Suite("CLI: safe output", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLISafeOutputTests {
    static let hostileCustomer = "恒通\u{1B}]0;pwned\u{07}科技\u{9B}2J\u{202E}moc.live"
    static let formula = "=HYPERLINK(\"http://evil.example\",\"点我\")"

    /// A database with one lead whose customer carries escapes and whose need is a formula.
    func sandboxWithHostileLead() throws -> (CLISandbox, String) {
        let s = try CLISandbox()
        try s.initWithTeam()
        let added = try s.clew("lead", "add", "--customer", Self.hostileCustomer, "--contact", "@SUM(1)", "--phone", "13800138000",
                               "--need", Self.formula, "--source", "展会")
        #expect(added.status == 0, "\(added)")
        return (s, added.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func hasTerminalControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x1B, 0x07, 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
    }

    @Test func csvAndXlsxExportsGuardFormulasUnlessRaw() throws {
        let (s, _) = try sandboxWithHostileLead()
        try s.ok("export", "leads", "-o", "guarded.csv")
        let guarded = try String(contentsOfFile: s.directory + "/guarded.csv", encoding: .utf8)
        #expect(guarded.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\""), "\(guarded)")
        #expect(guarded.contains(",'@SUM(1),"), "\(guarded)")
        try s.ok("export", "leads", "-o", "raw.csv", "--raw")
        let raw = try String(contentsOfFile: s.directory + "/raw.csv", encoding: .utf8)
        #expect(raw.contains("\"=HYPERLINK("), "\(raw)")
        #expect(raw.contains(",@SUM(1),"), "\(raw)")

        // The guarded file imports back to the original text.
        let other = try CLISandbox()
        try other.ok("init", "--name", "Root Admin")
        try FileManager.default.copyItem(atPath: s.directory + "/guarded.csv", toPath: other.directory + "/guarded.csv")
        try other.ok("import", "guarded.csv")
        let listed = try #require(try other.clew("lead", "list", "--json").json() as? [[String: Any]])
        let number = try #require(listed.first?["number"] as? String)
        let shown = try #require(try other.clew("lead", "show", number, "--json").json() as? [String: Any])
        #expect(shown["need"] as? String == Self.formula, "\(shown)")
        #expect(shown["contact"] as? String == "@SUM(1)")
    }

    @Test func jsonEscapesC1ControlsAndBidiOverrides() throws {
        let (s, number) = try sandboxWithHostileLead()
        for result in [try s.clew("lead", "show", number, "--json"), try s.clew("export", "leads", "--format", "json")] {
            #expect(result.status == 0, "\(result)")
            #expect(!Self.hasTerminalControls(result.stdout), "\(result.stdout.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(result.stdout.contains("\\u009B2J\\u202Emoc.live"), "\(result.stdout)")
            // Still the same JSON: the escapes decode to the stored text.
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            let customer = (object as? [String: Any])?["customer"] ?? (object as? [[String: Any]])?.first?["customer"]
            #expect(customer as? String == Self.hostileCustomer)
        }
    }

    @Test func csvToATerminalIsStripped() throws {
        let (s, _) = try sandboxWithHostileLead()
        // `script` gives the command a pseudo-terminal as stdout.
        let command = "\(CLI.binary) --db \(s.db) export leads"
        let result = try CLI.run(executable: "/usr/bin/script", ["-qec", command, "/dev/null"],
                                 environment: CLI.environment(home: s.directory), in: s.directory)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("恒通科技"), "\(result)")
        #expect(!Self.hasTerminalControls(result.stdout), "\(result.stdout.debugDescription)")
        // Through a pipe (a file), the text is kept as stored.
        let piped = try s.ok("export", "leads")
        #expect(piped.contains(Self.hostileCustomer))
    }

    @Test func errorMessagesDoNotEchoEscapes() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let results = [
            try s.clew("lead", "show", "XL\u{1B}]0;pwned\u{07}-1"),
            try s.clew("lead", "list", "--ownr\u{1B}[2J", "alice"),
            try s.clew("export", "leads\u{9B}31m"),
        ]
        for result in results {
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.hasPrefix("clew: "), "\(result)")
            #expect(!Self.hasTerminalControls(result.stderr), "\(result.stderr.debugDescription)")
        }
        // A keymap line with an escape is reported without it.
        let config = s.directory + "/config/clew"
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        try Data("bind board \u{1B}]0;pwned\u{07}x nosuchaction\n".utf8).write(to: URL(fileURLWithPath: config + "/keymap.conf"))
        let keys = try s.clew(["keys", "--dump"], environment: ["XDG_CONFIG_HOME": s.directory + "/config"], database: false)
        #expect(keys.stderr.contains("keymap.conf"), "\(keys)")
        #expect(!Self.hasTerminalControls(keys.stderr), "\(keys.stderr.debugDescription)")
    }

    @Test func rejectsFilesAreNeutralised() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let csv = "客户名称,联系人,手机\n\"=cmd|' /C calc'!A0\u{1B}[2J\",王伟,\n正常客户,李雷,13900139000\n"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: s.directory + "/in.csv"))
        let result = try s.clew("import", "in.csv")
        #expect(result.status == 0, "\(result)")
        let rejects = try String(contentsOfFile: s.directory + "/in.rejects.csv", encoding: .utf8)
        #expect(rejects.contains("'=cmd|' /C calc'!A0,王伟"), "\(rejects.debugDescription)")
        #expect(!Self.hasTerminalControls(rejects), "\(rejects.debugDescription)")
    }
}
