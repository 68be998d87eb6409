import Foundation
import ClewDomain
import ClewServices
@testable import ClewStore
import Testing

/// ``ProcessValidator``'s findings, as the process file reports them (`file:line: reason`), and
/// the pure rules behind them (issue 4, req. 1).
@Suite struct ProcessValidationTests {
    // MARK: - Stages and triggers

    @Test func triggerOnAnUnknownStage() throws {
        let text = try edited("on = \"stage-entered:proposal\"", "on = \"stage-entered:nosuch\"")
        #expect(problems(text) == ["p.toml:\(line(of: "nosuch", in: text)): unknown stage 'nosuch' in trigger 'proposal-entered'"])
    }

    @Test func triggerOnAMisspelledStageSuggestsTheKnownOne() throws {
        let text = try edited("on = \"stage-entered:proposal\"", "on = \"stage-entered:proposl\"")
        #expect(problems(text) == [
            "p.toml:\(line(of: "proposl", in: text)): unknown stage 'proposl' in trigger 'proposal-entered'; did you mean 'proposal'?",
        ])
    }

    @Test func triggerMovingToAnUnknownStage() throws {
        let text = try edited("actions = [\"notify:supervisor\"]\n", "actions = [\"notify:supervisor\", \"move-stage:nosuch\"]\n")
        #expect(problems(text) == ["p.toml:\(line(of: "move-stage:nosuch", in: text)): unknown stage 'nosuch' in trigger 'lost-review'"])
    }

    @Test func triggerMovingToAMisspelledStageSuggestsTheKnownOne() throws {
        let text = try edited("actions = [\"notify:supervisor\"]\n", "actions = [\"move-stage:negotiaton\"]\n")
        #expect(problems(text) == [
            "p.toml:\(line(of: "negotiaton", in: text)): unknown stage 'negotiaton' in trigger 'lost-review'; did you mean 'negotiation'?",
        ])
    }

    @Test func duplicateStageKey() throws {
        let text = try edited("key = \"contract\"", "key = \"negotiation\"")
        let second = line(of: "name = \"Contract\"", in: text) - 1
        #expect(problems(text) == ["p.toml:\(second): duplicate stage key 'negotiation'"])
    }

    @Test func leadStatusIsNotAStage() throws {
        let text = try edited("key = \"contract\"", "key = \"won\"")
        #expect(problems(text) == ["p.toml:\(line(of: "key = \"won\"", in: text)): 'won' is a lead status, not a stage"])
    }

    @Test func pipelineNeedsAStage() {
        var definition = ProcessDefinition.standard
        definition.pipeline.stages = []
        definition.triggers = []
        #expect(ProcessValidator.problems(in: definition).map(\.message) == ["the pipeline needs at least one stage"])
    }

    // MARK: - Cycles

    @Test func triggersThatSetEachOtherOffNameTheCycle() throws {
        let text = ProcessDefinitionTOML.encode(.standard) + """

            [[trigger]]
            name = "x-to-y"
            on = "tag-added:x"
            actions = ["add-tag:y"]

            [[trigger]]
            name = "y-to-x"
            on = "tag-added:y"
            actions = ["add-tag:x"]

            """
        #expect(problems(text) == ["p.toml:\(line(of: "add-tag:y", in: text)): triggers set each other off in a cycle: x-to-y → y-to-x → x-to-y"])
    }

    @Test func stageMovesCanFormACycleToo() throws {
        let text = ProcessDefinitionTOML.encode(.standard) + """

            [[trigger]]
            name = "back"
            on = "stage-entered:negotiation"
            actions = ["move-stage:proposal"]

            [[trigger]]
            name = "forth"
            on = "stage-entered:proposal"
            actions = ["move-stage:negotiation"]

            """
        #expect(problems(text) == [
            "p.toml:\(line(of: "move-stage:proposal", in: text)): triggers set each other off in a cycle: back → forth → back",
        ])
    }

    @Test func aMoveThatLeavesAStageCanFormACycleThroughStageLeft() throws {
        let text = ProcessDefinitionTOML.encode(.standard) + """

            [[trigger]]
            name = "t1"
            on = "stage-entered:proposal"
            actions = ["move-stage:negotiation"]

            [[trigger]]
            name = "t2"
            on = "stage-left:proposal"
            actions = ["move-stage:proposal"]

            """
        #expect(problems(text) == [
            "p.toml:\(line(of: "move-stage:negotiation", in: text)): triggers set each other off in a cycle: t1 → t2 → t1",
        ])
    }

    @Test func triggerThatSetsItselfOff() throws {
        let text = ProcessDefinitionTOML.encode(.standard) + """

            [[trigger]]
            name = "hot-again"
            on = "tag-added:hot"
            actions = ["add-tag:hot"]

            """
        #expect(problems(text) == [
            "p.toml:\(line(of: "add-tag:hot", in: text)): trigger 'hot-again' sets itself off again: its actions cause its own event",
        ])
    }

    @Test func aChainWithoutALoopIsFine() {
        var definition = ProcessDefinition.standard
        definition.triggers += [
            TriggerRule(name: "a", event: .tagAdded("a"), actions: [.addTag("b")]),
            TriggerRule(name: "b", event: .tagAdded("b"), actions: [.addTag("c")]),
            TriggerRule(name: "c", event: .tagAdded("c"), actions: [.riskAlert]),
        ]
        #expect(ProcessValidator.problems(in: definition).isEmpty)
    }

    @Test func poolOverflowCycleIsNamed() {
        var definition = ProcessDefinition.standard
        definition.pools[0].overflow = "south"
        definition.pools[1].overflow = "east"
        #expect(ProcessValidator.problems(in: definition).map(\.message) == ["pool overflow is cyclic: east → south → east"])
    }

    // MARK: - Assignment

    @Test func ruleRoutedToAnUnknownPool() throws {
        let text = try edited("to = \"pool:south\"", "to = \"pool:north\"")
        #expect(problems(text) == ["p.toml:\(line(of: "pool:north", in: text)): rule 'web-south' routes to unknown pool 'north'"])
    }

    @Test func ruleRoutedToAMisspelledPoolSuggestsTheKnownOne() throws {
        let text = try edited("to = \"pool:south\"", "to = \"pool:sooth\"")
        #expect(problems(text) == ["p.toml:\(line(of: "pool:sooth", in: text)): rule 'web-south' routes to unknown pool 'sooth'; did you mean 'south'?"])
    }

    @Test func ruleShadowedByABroaderEarlierRuleCanNeverFire() throws {
        let text = try edited("to = \"pool:south\"\n", """
            to = "pool:south"

            [[assignment]]
            name = "hangzhou-web"
            source = ["website"]
            region = ["华东"]
            city = ["杭州"]
            to = "rep:alice"

            """)
        #expect(problems(text) == [
            "p.toml:\(line(of: "name = \"hangzhou-web\"", in: text) - 1): rule 'hangzhou-web' can never fire: rule 'web-east' above already matches every lead it matches",
        ])
    }

    @Test func ruleWithTheSameConditionsButAnotherTargetContradicts() throws {
        let text = try edited("to = \"pool:south\"\n", """
            to = "pool:south"

            [[assignment]]
            name = "web-east-again"
            region = ["华东"]
            source = ["WEBSITE", "官网"]
            to = "pool:south"

            """)
        #expect(problems(text) == [
            "p.toml:\(line(of: "web-east-again", in: text) - 1): rule 'web-east-again' contradicts rule 'web-east': same conditions, but routes to pool:south instead of pool:east",
        ])
    }

    @Test func catchAllRuleFirstShadowsEveryLaterRule() {
        var definition = ProcessDefinition.standard
        definition.assignment.insert(AssignmentRule(name: "everyone", conditions: [], target: .pool("east")), at: 0)
        #expect(ProcessValidator.problems(in: definition).map(\.message) == [
            "rule 'web-east' can never fire: rule 'everyone' above already matches every lead it matches",
            "rule 'web-south' can never fire: rule 'everyone' above already matches every lead it matches",
        ])
    }

    @Test func coverage() {
        let web = AssignmentRule(name: "web", conditions: [AssignmentCondition(field: .source, values: ["官网", "Website"])], target: .pool("east"))
        let webEast = AssignmentRule(name: "web-east", conditions: [AssignmentCondition(field: .source, values: ["website"]),
                                                                     AssignmentCondition(field: .region, values: ["华东"])], target: .pool("east"))
        let east = AssignmentRule(name: "east", conditions: [AssignmentCondition(field: .region, values: ["华东"])], target: .pool("east"))
        let all = AssignmentRule(name: "all", conditions: [], target: .pool("east"))
        #expect(webEast.isCovered(by: web))
        #expect(webEast.isCovered(by: east))
        #expect(!web.isCovered(by: webEast))
        #expect(!web.isCovered(by: east))
        #expect(web.isCovered(by: all))
        #expect(!all.isCovered(by: web))
        #expect(web.isCovered(by: web))
    }

    @Test func unknownGradeInACondition() throws {
        let text = try edited("region = [\"华南\"]\nto", "region = [\"华南\"]\ngrade = [\"A\", \"D\"]\nto")
        #expect(problems(text) == ["p.toml:\(line(of: "grade = [\"A\", \"D\"]", in: text)): rule 'web-south': unknown grade 'D'; use A, B or C"])
    }

    // MARK: - Cadences, SLAs, scoring

    @Test func cadenceWithDuplicateStepKeys() throws {
        let text = try edited("key = \"material\"", "key = \"call\"")
        let at = line(of: "title = \"电话跟进 Follow-up call\"", in: text) - 2
        #expect(problems(text) == ["p.toml:\(at): duplicate step 'call' in the grade B cadence"])
    }

    @Test func duplicateCadenceForAGrade() throws {
        let text = try edited("grade = \"C\"", "grade = \"B\"")
        #expect(problems(text) == ["p.toml:\(line(of: "title = \"轻触达", in: text) - 5): duplicate cadence for grade B"])
    }

    @Test func escalationBeforeTheReminder() throws {
        let text = try edited("confirm_within = \"1 working hour\"", "confirm_within = \"3 working hours\"")
        #expect(problems(text) == [
            "p.toml:\(line(of: "escalate_unconfirmed_after", in: text)): escalate_unconfirmed_after (2 working hours) must be later than confirm_within (3 working hours)",
        ])
    }

    @Test func escalationComparesAcrossUnits() {
        var definition = ProcessDefinition.standard
        definition.sla.confirmWithin = .workingDays(1)
        definition.sla.escalateUnconfirmedAfter = .hours(8)
        #expect(ProcessValidator.problems(in: definition).map(\.message) == [
            "escalate_unconfirmed_after (8 hours) must be later than confirm_within (1 working day)",
        ])
        definition.sla.escalateUnconfirmedAfter = .days(1)
        #expect(ProcessValidator.problems(in: definition).isEmpty)
    }

    @Test func gradeThresholdsOutOfOrder() throws {
        let text = try edited("grade_b = 40", "grade_b = 80")
        #expect(problems(text) == [
            "p.toml:\(line(of: "grade_b = 80", in: text)): grade thresholds out of order: need 100 ≥ grade_a > grade_b ≥ 0, got grade_a = 70, grade_b = 80",
        ])
    }

    @Test func ruleWorthMoreThanItsDimension() throws {
        let text = try edited("max_yuan = 300000\npoints = 20", "max_yuan = 300000\npoints = 45")
        #expect(problems(text) == [
            "p.toml:\(line(of: "points = 45", in: text)): rule 'budget 10–30万' gives 45 points; must be 0…40 (the weight of 'budget')",
        ])
    }

    @Test func unknownScoringFieldSuggestsTheKnownOne() throws {
        let text = try edited("field = \"need\"\ncontains", "field = \"neeed\"\ncontains")
        #expect(problems(text) == ["p.toml:\(line(of: "neeed", in: text)): unknown field 'neeed'; did you mean 'need'?"])
    }

    @Test func everyProblemIsFoundAtOnce() {
        var definition = ProcessDefinition.standard
        definition.pipeline.stages[3].key = "proposal"
        definition.assignment[1].target = .pool("west")
        definition.cadences[2].steps.append(definition.cadences[2].steps[0])
        #expect(ProcessValidator.problems(in: definition).map(\.message) == [
            "duplicate stage key 'proposal'",
            "rule 'web-south' routes to unknown pool 'west'",
            "duplicate step 'touch' in the grade C cadence",
        ])
    }
}

/// The process file of issue 11: templates in the file, trigger tasks with due and cc, numeric
/// budget rules, and old files still loading.
@Suite("Process file as the seeds describe it")
struct SeedProcessFileTests {
    @Test func anUnknownTemplateIsAnError() throws {
        let text = try edited("\"email-customer:contract-confirmation\"", "\"email-customer:no-such-template\"")
        let found = problems(text)
        #expect(found.count == 1)
        #expect(found.first?.contains("unknown template 'no-such-template'") == true, "\(found)")
        #expect(found.first?.hasPrefix("p.toml:\(line(of: "no-such-template", in: text)):") == true)
    }

    @Test func anUnknownPlaceholderIsAnError() throws {
        let text = try edited("subject_en = \"Welcome · {customer}\"", "subject_en = \"Welcome · {custmer}\"")
        #expect(problems(text).contains { $0.contains("unknown placeholder {custmer}") && $0.contains("did you mean") })
    }

    @Test func theDefaultFileReadsLikeTheSeeds() throws {
        let text = ProcessDefinitionTOML.encode(.standard)
        for expected in ["default_language = \"zh\"", "min_yuan = 500000", "due = \"2 working days\"", "cc = [\"supervisor\"]",
                         "[[template]]", "name = \"contract-confirmation\"", "subject_zh = ", "body_en = \"\"\"", "within = \"24 hours\"",
                         "within = \"48 hours\"", "events_raise_grade = false"] {
            #expect(text.contains(expected), "the default file lacks \(expected)")
        }
        #expect(try ProcessDefinitionTOML.decode(text, file: "p.toml").get() == .standard, "it reads back as the standard process")
    }

    @Test func aFileWithoutTemplatesAndWithTextBudgetRulesStillLoads() throws {
        var text = ProcessDefinitionTOML.encode(.standard)
        text = String(text[..<text.range(of: "# Customer email templates")!.lowerBound])
        text = text.replacingOccurrences(of: "min_yuan = 500000\n", with: "contains = [\"50万以上\"]\n")
        let definition = try ProcessDefinitionTOML.decode(text, file: "old.toml").get()
        #expect(definition.templates == MessageTemplate.standard)
        #expect(definition.scoring.dimensions[0].rules[0].match == .contains(["50万以上"]))
    }

    /// Seed 004: grade A's first call (24 h) is due before grade B's first material (48 h).
    @Test func gradeAIsCalledBeforeGradeBGetsMaterial() throws {
        let standard = ProcessDefinition.standard
        let calendar = WorkingCalendar.standard(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let friday = CalendarDay(year: 2026, month: 11, day: 27).date(in: calendar.timeZone).addingTimeInterval(17 * 3_600)
        let a = try #require(standard.cadence(for: .a)?.steps.first).within.date(after: friday, on: calendar)
        let b = try #require(standard.cadence(for: .b)?.steps.first).within.date(after: friday, on: calendar)
        #expect(a < b)
        #expect(a == friday.addingTimeInterval(24 * 3_600))
    }
}
