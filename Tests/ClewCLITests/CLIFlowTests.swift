import Foundation
import Testing

/// The whole flow of the issue, end to end on the real binary.
@Suite("CLI end to end", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLIFlowTests {
    static let documentedFields = [
        "number", "status", "stage", "grade", "score", "owner", "customer", "contact", "phone", "email", "industry", "need",
        "source", "campaign", "region", "city", "budget", "amount", "version", "createdAt", "updatedAt", "flags",
    ]

    @Test func theWholeFlow() throws {
        let s = try CLISandbox()

        // init: the OS user (root) becomes the first admin.
        let created = try s.clew("init", "--name", "Root Admin")
        #expect(created.status == 0, "\(created)")
        #expect(created.stdout.hasPrefix("Created \(s.db); root is admin."))
        #expect(FileManager.default.fileExists(atPath: s.db))
        try s.initTeamUsers()

        // lead add prints only the number.
        let added = try s.clew("lead", "add", "--customer", "华东区制造业客户恒通科技有限公司", "--contact", "王伟", "--title", "采购经理",
                               "--phone", "138-0013-8000", "--industry", "制造业", "--need", "需采购企业级SaaS系统", "--source", "展会",
                               "--city", "杭州", "--budget", "30-50万")
        #expect(added.status == 0, "\(added)")
        #expect(added.stderr.isEmpty)
        let number = added.stdout.trimmingCharacters(in: .newlines)
        #expect(added.stdout == number + "\n")
        #expect(number.hasPrefix("XL-") && number.hasSuffix("-001") && number.count == "XL-YYYYMMDD-001".count)
        #expect(todaysNumberDays().contains(String(number.dropFirst(3).prefix(8))))

        // list --status screening --json has the documented fields.
        let listed = try s.clew("lead", "list", "--status", "screening", "--json")
        #expect(listed.status == 0, "\(listed)")
        let leads = try #require(try listed.json() as? [[String: Any]])
        #expect(leads.count == 1)
        let lead = try #require(leads.first)
        for field in Self.documentedFields {
            #expect(lead.keys.contains(field), "lead list --json lacks \(field)")
        }
        #expect(lead["number"] as? String == number)
        #expect(lead["status"] as? String == "screening")
        #expect(lead["customer"] as? String == "华东区制造业客户恒通科技有限公司")
        #expect(lead["phone"] as? String == "138 0013 8000")
        #expect(lead["region"] as? String == "华东", "the region is inferred from the city")
        #expect(lead["owner"] is NSNull)
        #expect(lead["version"] as? Int == 1)
        #expect(lead["flags"] as? [String] == [])

        // grade, assign, confirm as alice, follow up, move, win.
        #expect(try s.ok("lead", "grade", number, "A", "--reason", "预算明确, 本季度采购") == "\(number) graded A.\n")
        #expect(try s.ok("lead", "assign", number, "alice").contains("assigned to alice"))
        let aliceInbox = try #require(try s.clew("--as", "alice", "inbox", "--json").json() as? [String: Any])
        #expect((aliceInbox["awaitingConfirmation"] as? [[String: Any]])?.first?["number"] as? String == number)
        #expect(try s.ok("--as", "alice", "lead", "confirm", number).contains("it is in discovery"))
        let moveTooEarly = try s.clew("--as", "alice", "lead", "move", number, "proposal")
        expectUserError(moveTooEarly, containing: ["stage discovery is not done"])
        let followUp = try s.clew("--as", "alice", "lead", "follow-up", number, "--method", "phone", "--with", "王伟 采购经理",
                                  "--content", "电话沟通了采购预算和时间表,客户计划下月立项", "--feedback", "对方案整体满意",
                                  "--next", "发送方案", "--next-due", "+2d")
        #expect(followUp.status == 0, "\(followUp)")
        // Task #1 is the A cadence's first call, which this phone call completes.
        #expect(followUp.stdout.contains("Follow-up #1 logged on \(number); next action is task #2."))
        #expect(try s.ok("--as", "alice", "lead", "move", number, "proposal") == "\(number) is now in proposal.\n")
        // Deals are won from the contract stage (合同签订); bob, her supervisor, skips there himself (issue 11).
        expectUserError(try s.clew("--as", "alice", "lead", "win", number, "--amount", "38万"), containing: ["won from the contract stage"])
        #expect(try s.ok("--as", "bob", "lead", "move", number, "contract") == "\(number) is now in contract.\n")
        let won = try s.ok("--as", "alice", "lead", "win", number, "--amount", "38万")
        #expect(won.contains("\(number) won for ¥380,000"))

        // show --json has the follow-ups, tasks and history.
        let shown = try #require(try s.clew("lead", "show", number, "--json").json() as? [String: Any])
        #expect(shown["status"] as? String == "won")
        #expect(shown["amount"] as? Double == 380_000)
        #expect(shown["owner"] as? String == "alice")
        let followUps = try #require(shown["followUps"] as? [[String: Any]])
        #expect(followUps.count == 1)
        #expect(followUps.first?["content"] as? String == "电话沟通了采购预算和时间表,客户计划下月立项")
        #expect(followUps.first?["author"] as? String == "alice")
        let tasks = try #require(shown["tasks"] as? [[String: Any]])
        #expect(tasks.contains { $0["title"] as? String == "发送方案" })
        #expect(tasks.contains { $0["title"] as? String == "首次电话 First call" && $0["status"] as? String == "done" })
        let history = try #require(shown["history"] as? [[String: Any]])
        let actions = Set(history.compactMap { $0["action"] as? String })
        #expect(actions.isSuperset(of: ["create", "grade", "assign", "confirm", "follow-up", "move", "win"]))
        let confirm = try #require(history.first { $0["action"] as? String == "confirm" })
        #expect(confirm["actor"] as? String == "alice")
        #expect(confirm["via"] as? String == "root", "--as is recorded")

        // search 华东 finds it.
        let found = try s.clew("search", "华东")
        #expect(found.status == 0, "\(found)")
        #expect(found.stdout.contains(number))
        let foundJSON = try #require(try s.clew("search", "--json", "恒通科技").json() as? [[String: Any]])
        #expect(foundJSON.first?["number"] as? String == number)
        #expect(foundJSON.first?["matchedIn"] as? String == "lead")
        #expect(try s.ok("search", "量子计算") == "Nothing found.\n")

        // inbox --json.
        let inbox = try #require(try s.clew("--as", "alice", "inbox", "--json").json() as? [String: Any])
        for key in ["count", "overdue", "today", "upcoming", "awaitingConfirmation", "notifications", "approvals"] {
            #expect(inbox.keys.contains(key), "inbox --json lacks \(key)")
        }
        #expect((inbox["awaitingConfirmation"] as? [Any])?.isEmpty == true)

        // seed, backup, doctor.
        let seeded = try s.clew("seed", "--leads", "2000")
        #expect(seeded.status == 0, "\(seeded)")
        #expect(seeded.stdout.hasPrefix("Seeded 2000 leads"))
        let page = try #require(try s.clew("lead", "list", "--json", "--limit", "1000").json() as? [[String: Any]])
        #expect(page.count == 1000)
        let backup = s.directory + "/backup.db"
        #expect(try s.ok("backup", backup) == "Backed up to \(backup).\n")
        #expect(FileManager.default.fileExists(atPath: backup))
        let fromBackup = try s.clew(["--db", backup, "lead", "show", number, "--json"], database: false)
        #expect(fromBackup.status == 0, "\(fromBackup)")
        expectUserError(try s.clew("backup", backup), containing: ["exists"])
        let doctor = try s.clew("doctor")
        #expect(doctor.status == 0, "\(doctor)")
        #expect(!doctor.stdoutLines.isEmpty)
        #expect(doctor.stdoutLines.allSatisfy { $0.hasPrefix("ok  ") }, "\(doctor.stdout)")
    }

    @Test func skipsObjectionsAndApprovalsThroughTheCLI() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let first = try s.activeLead(phone: "13800138000")
        let skip = try s.ok("--as", "alice", "lead", "move", first, "negotiation", "--reason", "客户已确认方案")
        #expect(skip.contains("needs approval: request #1 sent to bob"))
        let pending = try #require(try s.clew("--as", "bob", "approval", "list", "--json").json() as? [[String: Any]])
        #expect(pending.first?["leadNumber"] as? String == first)
        #expect(try s.ok("--as", "bob", "approval", "approve", "1", "--comment", "同意").contains("is now in negotiation"))
        let shown = try #require(try s.clew("lead", "show", first, "--json").json() as? [String: Any])
        #expect(shown["stage"] as? String == "negotiation")

        let second = try s.addLead(customer: "深圳鼎盛电子", phone: "13900139000")
        try s.ok("lead", "grade", second, "B", "--reason", "意向一般")
        try s.ok("--as", "bob", "lead", "assign", second, "carol")
        #expect(try s.ok("--as", "carol", "lead", "object", second, "--reason", "客户在华南") == "\(second) returned to screening.\n")
        let bobsInbox = try #require(try s.clew("--as", "bob", "inbox", "--json").json() as? [String: Any])
        let kinds = (bobsInbox["notifications"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds.contains("objection"))
    }

    @Test func aPlainLeadListAndShowAreReadable() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.addLead(phone: "13800138000")
        let list = try s.ok("lead", "list")
        #expect(list.contains("NUMBER"))
        #expect(list.contains(number))
        #expect(list.contains("华东区制造业客户恒通科技有限…"), "long customers are truncated with …")
        let show = try s.ok("lead", "show", number)
        #expect(show.hasPrefix("\(number)  华东区制造业客户恒通科技有限公司"))
        #expect(show.contains("History"))
        #expect(try s.ok("--as", "dave", "lead", "list") == "No leads.\n")
    }
}

extension CLISandbox {
    /// The users of ``initWithTeam()`` for a database that is already initialised.
    func initTeamUsers() throws {
        try ok("user", "add", "bob", "--name", "Bob Zhou", "--role", "supervisor", "--regions", "华东")
        try ok("user", "add", "alice", "--name", "Alice Wang", "--role", "rep", "--supervisor", "bob", "--regions", "华东")
        try ok("user", "add", "carol", "--name", "Carol Chen", "--role", "rep", "--supervisor", "bob", "--regions", "华东")
    }
}
