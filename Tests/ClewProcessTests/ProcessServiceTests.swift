import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// `clew process export / check / apply` against a database: the users a file names, who may
/// apply, and what an apply changes (issue 4, req. 1 and 10).
@Suite struct ProcessServiceTests {
    // MARK: - Export

    @Test func exportOfTheStandardProcessIsItsEncoding() throws {
        let fixture = try ProcessFixture()
        #expect(try fixture.process().export() == ProcessDefinitionTOML.encode(.standard))
        #expect(try fixture.process("alice").current() == .standard)
    }

    @Test func exportAfterAnApplyIsTheAppliedDefinition() throws {
        let fixture = try ProcessFixture()
        let applied = try fixture.process().apply(text: try edited("name_zh = \"方案呈现\"", "name_zh = \"方案演示\""), file: "p.toml")
        let export = try fixture.process().export()
        #expect(export == ProcessDefinitionTOML.encode(applied))
        #expect(export.contains("version = 2\n"))
        #expect(export.contains("name_zh = \"方案演示\""))
        #expect(try fixture.process().current() == applied)
    }

    // MARK: - Check: users the file names

    @Test func standardFileChecksClean() throws {
        let fixture = try ProcessFixture()
        #expect(try fixture.checked(ProcessDefinitionTOML.encode(.standard)) == [])
        #expect(try fixture.checked(ProcessDefinitionTOML.encode(.standard), as: "alice") == [])
    }

    @Test func checkReportsTheDecodersProblems() throws {
        let fixture = try ProcessFixture()
        let text = try edited("version = 1", "version = 1\nvresion = 2")
        #expect(try fixture.checked(text) == ["p.toml:4: unknown field 'vresion'; did you mean 'version'?"])
    }

    @Test func unknownUserSuggestsTheClosestLogin() throws {
        let fixture = try ProcessFixture()
        let text = try edited("to = \"pool:east\"", "to = \"rep:alcie\"")
        #expect(try fixture.checked(text) == ["p.toml:\(line(of: "rep:alcie", in: text)): unknown user 'alcie'; did you mean 'alice'?"])
    }

    @Test func unknownUserWithNoCloseLogin() throws {
        let fixture = try ProcessFixture()
        let text = try edited("to = \"pool:east\"", "to = \"rep:zhangsan\"")
        #expect(try fixture.checked(text) == ["p.toml:\(line(of: "rep:zhangsan", in: text)): unknown user 'zhangsan'"])
    }

    @Test func deactivatedUser() throws {
        let fixture = try ProcessFixture()
        try UserDirectory(context: fixture.context).deactivate("alice", handoverTo: "bob", by: try fixture.actor("admin"))
        let text = try edited("to = \"pool:east\"", "to = \"rep:alice\"")
        #expect(try fixture.checked(text) == ["p.toml:\(line(of: "rep:alice", in: text)): user 'alice' is deactivated"])
    }

    @Test func repTargetMustTakeLeads() throws {
        let fixture = try ProcessFixture()
        let text = try edited("to = \"pool:east\"", "to = \"rep:mia\"")
        #expect(try fixture.checked(text) == [
            "p.toml:\(line(of: "rep:mia", in: text)): user 'mia' has role marketing; only a rep or supervisor can take leads",
        ])
    }

    @Test func supervisorMayBeARepTarget() throws {
        let fixture = try ProcessFixture()
        #expect(try fixture.checked(try edited("to = \"pool:east\"", "to = \"rep:bob\"")) == [])
    }

    @Test func teamTargetMustBeASupervisor() throws {
        let fixture = try ProcessFixture()
        let text = try edited("to = \"pool:east\"", "to = \"team:alice\"")
        #expect(try fixture.checked(text) == [
            "p.toml:\(line(of: "team:alice", in: text)): user 'alice' has role rep; a team is named by its supervisor's login",
        ])
        #expect(try fixture.checked(try edited("to = \"pool:east\"", "to = \"team:bob\"")) == [])
    }

    @Test func poolMembersAndDefaultAssigneeAreChecked() throws {
        let fixture = try ProcessFixture()
        let text = try edited("region = [\"华南\"]\nmembers = []", "region = [\"华南\"]\nmembers = [\"alice\", \"alcie\", \"mia\"]\ndefault_assignee = \"admin\"")
        let members = line(of: "\"alcie\"", in: text)
        #expect(try fixture.checked(text) == [
            "p.toml:\(members): unknown user 'alcie'; did you mean 'alice'?",
            "p.toml:\(members): user 'mia' has role marketing; only a rep or supervisor can take leads",
            "p.toml:\(members + 1): user 'admin' has role admin; only a rep or supervisor can take leads",
        ])
    }

    @Test func userProblemsComeInLineOrderWhateverTheTableOrder() throws {
        let fixture = try ProcessFixture()
        // A pool written before the assignment rules, each naming a bad user.
        let text = try edited("# Scoring (评分)", """
            [[pool]]
            name = "north"
            region = ["华北"]
            members = ["ghost"]

            # Scoring (评分)
            """, in: try edited("to = \"pool:east\"", "to = \"rep:mia\""))
        #expect(try fixture.checked(text) == [
            "p.toml:\(line(of: "[\"ghost\"]", in: text)): unknown user 'ghost'",
            "p.toml:\(line(of: "rep:mia", in: text)): user 'mia' has role marketing; only a rep or supervisor can take leads",
        ])
    }

    // MARK: - Apply

    @Test(arguments: ["alice", "bob", "mia"])
    func onlyAdminsApply(login: String) throws {
        let fixture = try ProcessFixture()
        let actor = try fixture.actor(login)
        #expect(throws: PermissionError.lacks(.administer, login: login, role: actor.role)) {
            try fixture.process(login).apply(text: ProcessDefinitionTOML.encode(.standard), file: "p.toml")
        }
        #expect(try fixture.appliedVersions() == 0)
        #expect(try fixture.applyAudits() == 0)
    }

    @Test func invalidFileChangesNothing() throws {
        let fixture = try ProcessFixture()
        let audits = try fixture.count("SELECT count(*) FROM audit")
        let text = try edited("on = \"stage-entered:proposal\"", "on = \"stage-entered:nosuch\"")
        let at = line(of: "nosuch", in: text)
        let error = #expect(throws: ProcessError.self) { try fixture.process().apply(text: text, file: "p.toml") }
        #expect(error == .invalid([ConfigDiagnostic(file: "p.toml", line: at, token: "on", message: "unknown stage 'nosuch' in trigger 'proposal-entered'")]))
        #expect(error?.description == """
            the process file has 1 problem; nothing was applied:
            p.toml:\(at): unknown stage 'nosuch' in trigger 'proposal-entered'
            """)
        #expect(try fixture.appliedVersions() == 0)
        #expect(try fixture.count("SELECT count(*) FROM audit") == audits)
        #expect(try fixture.process().current() == .standard)
    }

    @Test func fileNamingABadUserIsNotApplied() throws {
        let fixture = try ProcessFixture()
        let text = try edited("to = \"pool:east\"", "to = \"rep:mia\"")
        let error = #expect(throws: ProcessError.self) { try fixture.process().apply(text: text, file: "p.toml") }
        #expect(error?.description == """
            the process file has 1 problem; nothing was applied:
            p.toml:\(line(of: "rep:mia", in: text)): user 'mia' has role marketing; only a rep or supervisor can take leads
            """)
        #expect(try fixture.appliedVersions() == 0)
    }

    @Test func validApplyBumpsTheVersionAndIsAudited() throws {
        let fixture = try ProcessFixture()
        let text = try edited("grade_a = 70", "grade_a = 75")
        let applied = try fixture.process().apply(text: text, file: "p.toml")
        #expect(applied.version == 2)
        #expect(applied.scoring.gradeA == 75)
        #expect(try fixture.appliedVersions() == 1)
        let audits = try fixture.database.read { db in
            try Row.fetchAll(db, sql: "SELECT actor, entity, entity_id, field, old, new FROM audit WHERE action = 'apply-process'")
        }
        #expect(audits.count == 1)
        let audit = try #require(audits.first)
        #expect(audit["actor"] as String == "admin")
        #expect(audit["entity"] as String == "process")
        #expect(audit["entity_id"] as Int64 == 2)
        #expect(audit["field"] as String? == "version")
        #expect(audit["old"] as String? == "1")
        #expect(audit["new"] as String? == "2")
        let stored = try #require(try fixture.database.read { db in
            try Row.fetchOne(db, sql: "SELECT text, applied_by FROM process_definition WHERE version = 2")
        })
        #expect(stored["text"] as String == text)
        #expect(stored["applied_by"] as String == "admin")

        let next = try fixture.process().apply(text: try fixture.process().export(), file: "p.toml")
        #expect(next.version == 3)
        #expect(try fixture.applyAudits() == 2)
    }

    @Test func fileFromAnOlderVersionIsOutdated() throws {
        let fixture = try ProcessFixture()
        let v1 = ProcessDefinitionTOML.encode(.standard)
        try fixture.process().apply(text: try edited("grade_a = 70", "grade_a = 75", in: v1), file: "p.toml")
        let error = #expect(throws: ProcessError.self) { try fixture.process().apply(text: v1, file: "p.toml") }
        #expect(error == .outdated(file: 1, current: 2))
        #expect(error?.description == "the file is version 1 but version 2 is in force; export it again and redo your changes")
        #expect(try fixture.appliedVersions() == 1)
        #expect(try fixture.applyAudits() == 1)
        #expect(try fixture.process().current().scoring.gradeA == 75)
    }

    @Test func removingAStageThatHoldsLeadsIsRefused() throws {
        let fixture = try ProcessFixture()
        let lead = try fixture.activeLead()
        #expect(lead.stage == "discovery")
        let number = lead.number.description
        let error = #expect(throws: ProcessError.self) {
            try fixture.process().apply(text: try removingStage("discovery"), file: "p.toml")
        }
        #expect(error == .stageHasLeads(stages: ["discovery"], leads: [number]))
        #expect(error?.description == "cannot remove stage discovery: 1 lead still there (\(number)); move it first")
        #expect(try fixture.appliedVersions() == 0)
        #expect(try fixture.applyAudits() == 0)
    }

    @Test func refusalNamesOnlyTheStagesThatHoldLeads() throws {
        let fixture = try ProcessFixture()
        let first = try fixture.activeLead().number.description
        let second = try fixture.activeLead(customer: "宁波海联贸易有限公司", phone: "13805741234").number.description
        let error = #expect(throws: ProcessError.self) {
            try fixture.process().apply(text: try removingStage("negotiation", from: try removingStage("discovery")), file: "p.toml")
        }
        #expect(error?.description == "cannot remove stage discovery: 2 leads still there (\(first), \(second)); move them first")
    }

    @Test func removingAnEmptyStageSucceeds() throws {
        let fixture = try ProcessFixture()
        _ = try fixture.activeLead()
        let applied = try fixture.process().apply(text: try removingStage("negotiation"), file: "p.toml")
        #expect(applied.version == 2)
        #expect(applied.pipeline.stages.map(\.key) == ["discovery", "proposal", "contract"])
        #expect(try fixture.context.loadingProcess().pipeline.stages.map(\.key) == ["discovery", "proposal", "contract"])
    }

    @Test func lostLeadsDoNotHoldAStage() throws {
        let fixture = try ProcessFixture()
        let lead = try fixture.activeLead()
        let lost = try LeadService(context: fixture.context, actor: try fixture.actor("alice")).lose(lead.number.description, reason: .noFit)
        #expect(lost.status == .lost)
        #expect(lost.stage == "discovery")
        let applied = try fixture.process().apply(text: try removingStage("discovery"), file: "p.toml")
        #expect(applied.pipeline.stages.map(\.key) == ["proposal", "negotiation", "contract"])
    }

    @Test func loadingProcessPicksUpARenamedStage() throws {
        let fixture = try ProcessFixture()
        #expect(try fixture.context.loadingProcess().pipeline.stage(named: "proposal")?.chineseName == "方案呈现")
        try fixture.process().apply(text: try edited("name_zh = \"方案呈现\"", "name_zh = \"方案演示\""), file: "p.toml")
        let pipeline = try fixture.context.loadingProcess().pipeline
        #expect(pipeline.stage(named: "proposal")?.chineseName == "方案演示")
        #expect(pipeline.stage(named: "方案演示")?.key == "proposal")
        #expect(fixture.context.pipeline == .standard)
    }

    /// An open TUI follows `clew process apply` and holiday changes made by anyone, at its next
    /// transaction, without a restart.
    @Test func aContextFollowingTheDatabaseSeesRulesChangedElsewhereAtItsNextTransaction() throws {
        let fixture = try ProcessFixture()
        let admin = try fixture.actor("admin")
        let open = try fixture.context.loadingHolidays().loadingProcess()
        let board = BoardService(context: open, actor: admin)
        #expect(try board.columnKeys().contains("negotiation"))
        try fixture.process().apply(text: try removingStage("negotiation"), file: "p.toml")
        _ = try board.columns(scope: .all, filter: BoardFilter())
        #expect(try !board.columnKeys().contains("negotiation"))
        #expect(open.process.version == 2)

        let day = CalendarDay(year: 2026, month: 11, day: 25)
        #expect(open.calendar.isWorkingDay(day))
        try HolidayStore(context: fixture.context, actor: admin).set([day], isHoliday: true, name: "公司活动")
        _ = try board.columns(scope: .all, filter: BoardFilter())
        #expect(!open.calendar.isWorkingDay(day))
        #expect(fixture.context.pipeline == .standard, "a context built with fixed rules keeps them")
    }
}
