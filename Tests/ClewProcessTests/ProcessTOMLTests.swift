import ClewDomain
import ClewServices
@testable import ClewStore
import Testing

/// Reading and writing the process file: round trips, durations, and the `file:line: reason`
/// diagnostics for a file that is not TOML or not the process's shape (issue 4, req. 1 and 10).
@Suite struct ProcessTOMLTests {
    // MARK: - Round trip

    @Test func standardDefinitionRoundTrips() throws {
        let text = ProcessDefinitionTOML.encode(.standard)
        let decoded = try ProcessDefinitionTOML.decode(text, file: "p.toml").get()
        #expect(decoded == .standard)
        #expect(ProcessValidator.problems(in: .standard).isEmpty)
    }

    @Test func everyKindOfSettingRoundTrips() throws {
        var definition = ProcessDefinition.standard
        definition.version = 7
        definition.pipeline.stages[1].englishName = "Proposal \"v2\" \\ draft"
        definition.assignment = [
            AssignmentRule(name: "big-accounts", conditions: [AssignmentCondition(field: .industry, values: ["制造业"]),
                                                              AssignmentCondition(field: .grade, values: ["A"])], target: .team("bob")),
            AssignmentRule(name: "hangzhou", conditions: [AssignmentCondition(field: .city, values: ["杭州"])], target: .rep("alice")),
            AssignmentRule(name: "rest", conditions: [], target: .pool("east")),
        ]
        definition.pools = [
            PoolDefinition(name: "east", scope: .region, values: ["华东"], members: ["alice"], defaultAssignee: "bob",
                           recycleDays: 7, dailyClaimLimit: 3, overflow: "makers"),
            PoolDefinition(name: "makers", scope: .industry, values: ["制造业", "汽车"]),
        ]
        definition.keywordTags[0].riskAlert = false
        definition.sla.flagStalled = false
        definition.scoring.dimensions[0].rules[0].match = .equals(["50万以上"])
        definition.triggers.append(TriggerRule(name: "won", event: .leadWon, actions: [.addTag("customer"), .riskAlert]))
        definition.triggers.append(TriggerRule(name: "hot", event: .tagAdded("hot"), actions: [.moveStage("proposal")]))
        definition.triggers.append(TriggerRule(name: "left", event: .stageLeft("discovery"), actions: [.notify("bob")]))
        definition.triggers.append(TriggerRule(name: "regraded", event: .gradeChanged, actions: [.notify("rep")]))

        let text = ProcessDefinitionTOML.encode(definition)
        #expect(problems(text) == [])
        #expect(try ProcessDefinitionTOML.decode(text, file: "p.toml").get() == definition)
    }

    /// A TOML table does not keep its keys' order, so a rule's conditions (which all must hold,
    /// in any order) come back in field order.
    @Test func conditionsComeBackInFieldOrder() throws {
        var definition = ProcessDefinition.standard
        definition.assignment[0].conditions.reverse()
        let decoded = try ProcessDefinitionTOML.decode(ProcessDefinitionTOML.encode(definition), file: "p.toml").get()
        #expect(decoded.assignment[0].conditions.map(\.field) == [.source, .region])
        #expect(decoded == .standard)
    }

    @Test func theFileExplainsItselfAndNamesStagesInBothLanguages() {
        let text = ProcessDefinitionTOML.encode(.standard)
        #expect(text.hasPrefix("# Clew process definition (流程定义). Edit, then: clew process check FILE; clew process apply FILE\n"))
        #expect(text.contains("[[stage]]\nkey = \"proposal\"\nname = \"Proposal\"\nname_zh = \"方案呈现\"\nowner = \"rep\"\nexpected = \"2 working days\"\n"))
        #expect(text.contains("[sla]\nconfirm_within = \"1 working hour\"\nescalate_unconfirmed_after = \"2 working hours\"\n"))
    }

    // MARK: - Durations

    @Test(arguments: [
        ("3 working days", ProcessDuration.workingDays(3)),
        ("24 working hours", .workingHours(24)),
        ("48 hours", .hours(48)),
        ("7 days", .days(7)),
        ("1 working day", .workingDays(1)),
        ("1 hour", .hours(1)),
    ])
    func durationsParseAndPrint(text: String, duration: ProcessDuration) {
        #expect(ProcessDuration(parsing: text) == duration)
        #expect(ProcessDuration.problem(parsing: text) == nil)
        #expect(duration.description == text)
    }

    @Test func durationsIgnoreCase() {
        #expect(ProcessDuration(parsing: "3 Working Days") == .workingDays(3))
    }

    @Test(arguments: [
        ("0 days", "duration '0 days' is zero"),
        ("-1 days", "duration '-1 days' is negative"),
        ("soon", "cannot read duration 'soon'; use e.g. '3 working days', '24 working hours', '15 days'"),
        ("3 weeks", "cannot read duration '3 weeks'; use e.g. '3 working days', '24 working hours', '15 days'"),
        ("3 working weeks", "cannot read duration '3 working weeks'; use e.g. '3 working days', '24 working hours', '15 days'"),
        ("3 busy days", "cannot read duration '3 busy days'; use e.g. '3 working days', '24 working hours', '15 days'"),
    ])
    func badDurationsAreRefused(text: String, reason: String) {
        #expect(ProcessDuration(parsing: text) == nil)
        #expect(ProcessDuration.problem(parsing: text) == reason)
    }

    @Test func badDurationInTheFileIsReportedAtItsLine() throws {
        let text = try edited("first_follow_up_within = \"48 hours\"", "first_follow_up_within = \"3 weeks\"")
        let at = line(of: "first_follow_up_within", in: text)
        #expect(problems(text) == [
            "p.toml:\(at): 'first_follow_up_within': cannot read duration '3 weeks'; use e.g. '3 working days', '24 working hours', '15 days'",
        ])
    }

    @Test func zeroDurationInACadenceIsReportedAtItsLine() throws {
        let text = try edited("within = \"24 hours\"", "within = \"0 days\"")
        #expect(problems(text) == ["p.toml:\(line(of: "within = \"0 days\"", in: text)): 'within': duration '0 days' is zero"])
    }

    @Test func stageDurationMustBeInDays() throws {
        let text = try edited("expected = \"15 days\"", "expected = \"48 hours\"")
        #expect(problems(text) == [
            "p.toml:\(line(of: "48 hours", in: text)): 'expected': a stage's duration is in days or working days, not 48 hours",
        ])
    }

    // MARK: - Syntax errors

    @Test func syntaxErrorGivesOneDiagnosticAtItsLine() throws {
        let text = try edited("version = 1", "version = = 1")
        #expect(line(of: "version = = 1", in: text) == 3)
        #expect(problems(text) == ["p.toml:3: syntax error: Error while parsing value: could not determine value type"])
    }

    @Test func unterminatedStringIsASyntaxErrorAtItsLine() throws {
        let text = try edited("key = \"proposal\"", "key = \"proposal")
        let found = problems(text)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("p.toml:\(line(of: "key = \"proposal", in: text)): syntax error: ") == true)
    }

    @Test func duplicateTableKeyIsASyntaxError() throws {
        let text = try edited("version = 1", "version = 1\nversion = 2")
        let found = problems(text)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("p.toml:4: syntax error: ") == true)
    }

    // MARK: - Unknown fields

    @Test func unknownTopLevelFieldSuggestsTheKnownOne() throws {
        let text = try edited("version = 1", "version = 1\nvresion = 2")
        #expect(problems(text) == ["p.toml:4: unknown field 'vresion'; did you mean 'version'?"])
    }

    @Test func unknownTopLevelTableIsReportedAtItsHeader() throws {
        let text = ProcessDefinitionTOML.encode(.standard) + "\n[[stages]]\nkey = \"extra\"\n"
        #expect(problems(text) == ["p.toml:\(line(of: "[[stages]]", in: text)): unknown field 'stages'; did you mean 'stage'?"])
    }

    @Test func unknownFieldInAStage() throws {
        let text = try edited("name_zh = \"方案呈现\"", "name_zh = \"方案呈现\"\nexpect = \"3 days\"")
        #expect(problems(text) == ["p.toml:\(line(of: "expect = ", in: text)): unknown field 'expect'; did you mean 'expected'?"])
    }

    @Test func unknownFieldInAnAssignmentRule() throws {
        let text = try edited("to = \"pool:east\"", "to = \"pool:east\"\nregoin = [\"华东\"]")
        #expect(problems(text) == ["p.toml:\(line(of: "regoin", in: text)): unknown field 'regoin'; did you mean 'region'?"])
    }

    @Test func unknownFieldInATrigger() throws {
        let text = try edited("on = \"lead-lost\"", "on = \"lead-lost\"\naction = [\"risk-alert\"]")
        #expect(problems(text) == ["p.toml:\(line(of: "action = [", in: text)): unknown field 'action'; did you mean 'actions'?"])
    }

    @Test func unknownFieldWithNothingCloseGetsNoSuggestion() throws {
        let text = try edited("on = \"lead-lost\"", "on = \"lead-lost\"\npriority = 3")
        #expect(problems(text) == ["p.toml:\(line(of: "priority", in: text)): unknown field 'priority'"])
    }

    @Test func unknownEventAndActionSuggestTheKnownOnes() throws {
        var text = try edited("on = \"lead-lost\"", "on = \"lead-lots\"")
        text = try edited("actions = [\"notify:supervisor\"]\n", "actions = [\"notfy:supervisor\"]\n", in: text)
        #expect(problems(text) == [
            "p.toml:\(line(of: "lead-lots", in: text)): unknown event 'lead-lots'; did you mean 'lead-lost'?",
            "p.toml:\(line(of: "notfy", in: text)): unknown action 'notfy:supervisor'; did you mean 'notify'?",
        ])
    }

    @Test func unreadableTargetSaysWhatToWrite() throws {
        let text = try edited("to = \"pool:east\"", "to = \"person:alice\"")
        #expect(problems(text) == [
            "p.toml:\(line(of: "person:alice", in: text)): cannot read to = 'person:alice'; use \"rep:LOGIN\", \"team:SUPERVISOR\" or \"pool:NAME\"",
        ])
    }

    // MARK: - Wrong types and missing keys

    @Test(arguments: [
        ("version = 1", "version = \"1\"", "'version' must be a whole number"),
        ("weight = 40", "weight = \"40\"", "'weight' must be a whole number"),
        ("grade_a = 70", "grade_a = \"70\"", "'grade_a' must be a whole number"),
        ("recycle_days = 14\ndaily_claim_limit = 10\n\n# Cadences", "recycle_days = \"two weeks\"\ndaily_claim_limit = 10\n\n# Cadences",
         "'recycle_days' must be a whole number"),
        ("flag_stalled = true", "flag_stalled = \"yes\"", "'flag_stalled' must be true or false"),
        ("name = \"Negotiation\"", "name = 3", "'name' must be a string"),
        ("members = []\nrecycle_days = 14\ndaily_claim_limit = 10\n\n# Cadences", "members = \"alice\"\nrecycle_days = 14\ndaily_claim_limit = 10\n\n# Cadences",
         "'members' must be a list of strings, like [\"a\", \"b\"]"),
        ("keywords = [\"考虑竞品\", \"competitor\"]", "keywords = [\"考虑竞品\", 3]", "'keywords' must be a list of strings, like [\"a\", \"b\"]"),
    ])
    func wrongTypeGivesOneDiagnosticAtItsLine(old: String, new: String, reason: String) throws {
        let text = try edited(old, new)
        let at = line(of: String(new.split(separator: "\n")[0]), in: text)
        #expect(problems(text) == ["p.toml:\(at): \(reason)"])
    }

    @Test func missingKeysAreReportedAtTheirTable() throws {
        var text = try edited("version = 1\n", "")
        text = try edited("key = \"negotiation\"\n", "", in: text)
        #expect(problems(text) == [
            "p.toml:1: missing 'version' at the top of the file",
            "p.toml:\(line(of: "name = \"Negotiation\"", in: text) - 1): missing 'key' in [[stage]]",
        ])
    }

    @Test func everyProblemIsReportedInLineOrder() throws {
        var text = try edited("on = \"lead-lost\"", "on = \"lead-lost\"\naction = [\"risk-alert\"]")
        text = try edited("version = 1", "version = 1\nvresion = 2", in: text)
        text = try edited("key = \"urgency\"\nweight = 30", "key = \"urgency\"\nweight = 30\nwieght = 30", in: text)
        #expect(problems(text) == [
            "p.toml:4: unknown field 'vresion'; did you mean 'version'?",
            "p.toml:\(line(of: "wieght", in: text)): unknown field 'wieght'; did you mean 'weight'?",
            "p.toml:\(line(of: "action = [", in: text)): unknown field 'action'; did you mean 'actions'?",
        ])
    }
}
