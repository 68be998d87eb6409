import Foundation
import Testing

/// Every user error is one `clew: …` line on stderr and exit status 1.
@Suite("CLI errors", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLIErrorTests {
    @Test func anUnknownLead() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        expectUserError(try s.clew("lead", "show", "XL-20200101-001"), containing: ["clew: no lead XL-20200101-001 that you can see"])
        expectUserError(try s.clew("lead", "show", "XL-2020-1"), containing: ["is not a lead number (XL-YYYYMMDD-NNN)"])
    }

    @Test func aDuplicateLeadNamesTheExistingNumberAndOwner() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.activeLead(phone: "138-0013-8000")
        let duplicate = try s.clew("lead", "add", "--customer", "另一家", "--phone", "+86 138 0013 8000", "--source", "展会")
        expectUserError(duplicate, containing: ["duplicate of \(number) (owner alice)", "--merge-into \(number)"])
        let unowned = try s.addLead(customer: "深圳鼎盛电子", phone: "13900139000")
        expectUserError(try s.clew("lead", "add", "--customer", "x", "--phone", "139 0013 9000"), containing: ["duplicate of \(unowned) (owner none)"])
        // --allow-duplicate registers it anyway, flagged.
        let allowed = try s.clew("lead", "add", "--customer", "x", "--phone", "139 0013 9000", "--allow-duplicate")
        #expect(allowed.status == 0, "\(allowed)")
        let flagged = allowed.stdout.trimmingCharacters(in: .newlines)
        let shown = try #require(try s.clew("lead", "show", flagged, "--json").json() as? [String: Any])
        #expect(shown["flags"] as? [String] == ["possible-duplicate"])
        expectUserError(try s.clew("lead", "add", "--customer", "x", "--phone", "139 0013 9000", "--allow-duplicate", "--merge-into", unowned),
                        containing: ["cannot be combined"])
    }

    @Test func anIllegalTransition() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.addLead(phone: "13800138000")
        expectUserError(try s.clew("lead", "win", number, "--amount", "5万"), containing: ["cannot ", "screening"])
        expectUserError(try s.clew("lead", "assign", number, "alice"), containing: ["grade \(number) before assigning"])
        expectUserError(try s.clew("lead", "move", number, "proposal"), containing: ["only an active lead moves"])
    }

    @Test func anUnknownOptionSuggestsTheRightOne() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let result = try s.clew("lead", "list", "--ownr", "alice")
        expectUserError(result, containing: ["--ownr"])
        #expect(result.stderr.lowercased().contains("did you mean '--owner'"), "\(result.stderr)")
    }

    @Test func theUsageHintNamesTheSubcommand() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let result = try s.clew("lead", "list", "--ownr", "alice")
        #expect(result.stderr.contains("(see 'clew lead list --help')"), "\(result.stderr)")
    }

    @Test func anUnknownStatusOrStageOrUser() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        expectUserError(try s.clew("lead", "list", "--status", "screenign"), containing: ["unknown status 'screenign'"])
        let number = try s.activeLead(phone: "13800138000")
        expectUserError(try s.clew("lead", "move", number, "negotation"), containing: ["did you mean 'negotiation'"])
        expectUserError(try s.clew("user", "add", "zed", "--name", "Zed", "--role", "reps"), containing: ["unknown role 'reps'"])
    }

    @Test func aMissingDatabase() throws {
        let s = try CLISandbox()
        let missing = s.directory + "/nope/clew.db"
        let result = try s.clew(["--db", missing, "lead", "list"], database: false)
        expectUserError(result, containing: ["clew: no Clew database at \(missing); create it with 'clew init'"])
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func theDatabaseComesFromCLEW_DBWhenNoOptionIsGiven() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let viaEnvironment = try s.clew(["lead", "list"], environment: ["CLEW_DB": s.db], database: false)
        #expect(viaEnvironment.status == 0, "\(viaEnvironment)")
        // Without either, the XDG default (empty here) is used.
        let fallback = try s.clew(["lead", "list"], database: false)
        expectUserError(fallback, containing: ["no Clew database at \(s.directory)/data/clew/clew.db"])
    }

    @Test func initTwiceIsRefused() throws {
        let s = try CLISandbox()
        try s.ok("init")
        expectUserError(try s.clew("init"), containing: ["is already a Clew database"])
    }

    @Test func aStaleIfVersion() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.addLead(phone: "13800138000")
        #expect(try s.ok("lead", "edit", number, "--budget", "30-50万", "--if-version", "1").contains("version 2"))
        let stale = try s.clew("lead", "edit", number, "--budget", "10万以下", "--if-version", "1")
        expectUserError(stale, containing: ["\(number) was changed by root at ", "reload and try again"])
        let shown = try #require(try s.clew("lead", "show", number, "--json").json() as? [String: Any])
        #expect(shown["budget"] as? String == "30-50万")
    }

    @Test func aRepActingOnAnotherRepsLead() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.activeLead(owner: "alice", phone: "13800138000")
        for arguments in [
            ["lead", "show", number],
            ["lead", "follow-up", number, "--method", "phone", "--content", "偷偷跟进"],
            ["lead", "edit", number, "--budget", "1"],
            ["lead", "win", number, "--amount", "1"],
            ["lead", "note", number, "@alice hi"],
        ] {
            expectUserError(try s.clew(["--as", "carol"] + arguments), containing: ["no lead \(number) that you can see"])
        }
        // alice's supervisor may, the other supervisor may not.
        #expect(try s.clew("--as", "bob", "lead", "show", number).status == 0)
        expectUserError(try s.clew("--as", "erin", "lead", "show", number), containing: ["no lead \(number) that you can see"])
        // A rep cannot grade even their own lead.
        expectUserError(try s.clew("--as", "alice", "lead", "grade", number, "B", "--reason", "x"), containing: ["alice (rep) cannot grade"])
    }

    @Test func missingRequiredOptionsAndBadValues() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.addLead(phone: "13800138000")
        expectUserError(try s.clew("lead", "grade", number, "D", "--reason", "x"), containing: ["grade must be A, B or C"])
        expectUserError(try s.clew("lead", "grade", number, "A"), containing: ["--reason"])
        expectUserError(try s.clew("lead", "add", "--customer", "x"), containing: ["phone or an email"])
        expectUserError(try s.clew("lead", "add", "--customer", "x", "--phone", "12345"), containing: [])
        expectUserError(try s.clew("lead", "list", "--limit", "0"), containing: ["--limit must be between 1 and 1000"])
        expectUserError(try s.clew("frobnicate"), containing: [])
    }
}
