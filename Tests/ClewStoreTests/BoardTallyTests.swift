import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// Issue 16 §6: the board's column totals from `lead_tally` (migration v23) are the totals
/// counted over the leads, for every reader and scope, after every kind of write.
@Suite("Board totals from the tally")
struct BoardTallyTests {
    /// `lead_tally` without its zero rows, beside the same grouping over `lead`.
    static func tallyAndGrouping(_ db: TemporaryDatabase) throws -> (tally: [String], grouped: [String]) {
        try db.database.read { d in
            let day = ClewMigrations.tallyDay("lead")
            let tally = try String.fetchAll(d, sql: """
                SELECT status || '|' || day || '|' || stage || '|' || owner || '|' || leads || '|' || amount_fen
                FROM lead_tally WHERE leads != 0 OR amount_fen != 0 ORDER BY 1
                """)
            let grouped = try String.fetchAll(d, sql: """
                SELECT status || '|' || \(day) || '|' || coalesce(stage, '') || '|' || coalesce(owner, '') || '|' || count(*) || '|' || coalesce(sum(amount_fen), 0)
                FROM lead GROUP BY status, \(day), coalesce(stage, ''), coalesce(owner, '') ORDER BY 1
                """)
            return (tally, grouped)
        }
    }

    /// Every reader's board, in every scope: the tally's totals are the counted ones.
    static func expectBoardsAgree(_ db: TemporaryDatabase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var tallied = 0
        for login in ["admin", "bob", "erin", "alice", "carol", "dave", "mia", "fred"] {
            let actor = try db.actor(login)
            let board = BoardService(context: db.context, actor: actor)
            for scope in BoardScope.allCases {
                // Each column counted over the leads themselves, bypassing the tally.
                let pipeline = db.context.pipeline
                let counted = try db.database.read { d in
                    try BoardService.columnKeys(pipeline).map { key in
                        try SQLiteLeads(db: d).counted(try board.criteria(for: key, scope: scope, filter: BoardFilter(), pipeline: pipeline,
                                                                          now: db.context.clock.now()))
                    }
                }
                let columns = try board.columns(scope: scope, filter: BoardFilter())
                #expect(columns.map { LeadTotals(count: $0.count, amount: $0.amount) } == counted, "\(login) \(scope)", sourceLocation: sourceLocation)
                if scope.impliesReadable(for: actor.role), BoardTally(audience: scope.audience(of: actor)) != nil { tallied += 1 }
            }
        }
        // The screening queue's count (the tab's badge) reads the tally too.
        for login in ["admin", "bob", "erin"] {
            let actor = try db.actor(login)
            let visibility = LeadLookup.visibility(for: actor)
            let counted = try db.count("SELECT count(*) FROM lead WHERE lead.status = 'screening' AND \(visibility.sql)", visibility.arguments)
            #expect(try ScreeningService(context: db.context, actor: actor).count() == counted, "\(login)", sourceLocation: sourceLocation)
        }
        // Each rep's workload (capacity, suggestions, `clew user list`) reads the tally.
        let workloads = try db.users.list()
        for user in workloads {
            let counted = try db.count("SELECT count(*) FROM lead WHERE owner = ? AND status IN ('assigned','active')", [user.profile.login])
            #expect(user.openLeads == counted, "\(user.profile.login)", sourceLocation: sourceLocation)
        }
        #expect(tallied == 11, "every board the scope alone decides reads the tally", sourceLocation: sourceLocation)
    }

    @Test func theMigrationFillsTheTallyAndTheTriggersKeepItThroughDirectWrites() throws {
        let (db, _) = try LeadCriteriaSQLTests.spreadDatabase()
        var (tally, grouped) = try Self.tallyAndGrouping(db)
        #expect(tally == grouped)
        #expect(tally.count > 20)
        try Self.expectBoardsAgree(db)

        // Rows rewritten by hand, deleted, and the amount and the time of a win changed.
        try db.database.write { d in
            try d.execute(sql: "UPDATE lead SET owner = 'carol' WHERE owner = 'alice' AND id % 2 = 0")
            try d.execute(sql: "UPDATE lead SET amount_fen = 123456 WHERE status = 'won' AND id % 3 = 0")
            try d.execute(sql: "UPDATE lead SET status_changed_at = status_changed_at - 86400 * 7 WHERE status = 'won' AND id % 2 = 1")
            try d.execute(sql: "UPDATE lead SET stage = 'proposal' WHERE status = 'active' AND stage = 'discovery'")
            try d.execute(sql: "DELETE FROM lead WHERE id IN (SELECT id FROM lead WHERE status = 'screening' LIMIT 3)")
        }
        (tally, grouped) = try Self.tallyAndGrouping(db)
        #expect(tally == grouped)
        try Self.expectBoardsAgree(db)
    }

    @Test func theTriggersKeepTheTallyThroughTheLifecycle() throws {
        let db = try TemporaryDatabase()
        let admin = try db.leads("admin")
        let a = try db.activeLead()
        let b = try db.activeLead(owner: "carol")
        let c = try db.assignedLead(owner: "dave", supervisor: "erin")
        let d = try db.addLead()
        let e = try db.activeLead()
        try db.leads("bob").toContract(a.number.description)
        _ = try db.leads("alice").win(a.number.description, amount: Money(yuan: 120_000))
        _ = try db.leads("carol").lose(b.number.description, reason: .choseCompetitor)
        _ = try db.leads("alice").returnToPool(e.number.description, reason: "客户暂无预算")
        _ = try admin.grade(d.number.description, .b, reason: "预算明确")
        _ = try admin.assign(d.number.description, to: "alice")
        _ = try db.leads("dave").confirm(c.number.description)
        var (tally, grouped) = try Self.tallyAndGrouping(db)
        #expect(tally == grouped)
        #expect(tally.contains { $0.hasPrefix("won|") && $0.hasSuffix("|alice|1|12000000") }, "\(tally)")
        try Self.expectBoardsAgree(db)
        _ = try admin.reopen(b.number.description, reason: "客户重新评估")
        (tally, grouped) = try Self.tallyAndGrouping(db)
        #expect(tally == grouped)
        try Self.expectBoardsAgree(db)
    }

    /// The window is exact to the second: a win just before it opened is out, one just after
    /// (on the same UTC day) in, with whole days after that from the tally.
    @Test func theWonWindowIsExactToTheSecond() throws {
        let db = try TemporaryDatabase()
        let opened = TemporaryDatabase.mondayTen.addingTimeInterval(-Double(BoardService.wonWindowDays) * 86_400)
        let times = [opened.addingTimeInterval(-1), opened, opened.addingTimeInterval(60), opened.addingTimeInterval(86_400 * 3), TemporaryDatabase.mondayTen]
        for (index, time) in times.enumerated() {
            let lead = try db.addLead()
            try db.database.write { d in
                try d.execute(sql: "UPDATE lead SET status = 'won', owner = 'alice', stage = 'contract', amount_fen = ?, status_changed_at = ? WHERE id = ?",
                              arguments: [(index + 1) * 100, time.storage, lead.id])
            }
        }
        let board = BoardService(context: db.context, actor: try db.actor("admin"))
        let won = try #require(try board.columns(scope: .all, filter: BoardFilter()).first { $0.key == "won" })
        #expect(won.count == 4)
        #expect(won.amount == Money(fen: 200 + 300 + 400 + 500))
        try Self.expectBoardsAgree(db)
    }
}
