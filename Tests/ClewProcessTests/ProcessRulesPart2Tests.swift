import ClewDomain
import ClewServices
@testable import ClewStore
import Testing

/// The process file's sections of issue 17: `[approvals]` and `[screening]`.
@Suite struct ProcessRulesPart2Tests {
    @Test func theDefaultFileShowsTheNewSettingsWithComments() throws {
        let text = ProcessDefinitionTOML.encode(.standard)
        for line in ["[approvals]", "contract_stage = false", "amount_above_yuan = 1000000", "director_above_yuan = 5000000",
                     "[screening]", "screen_by = \"10:00\"", "escalate_by = \"12:00\"", "object_within = \"2 working hours\"",
                     "register_within = \"2 working hours\"", "# Approvals (审批)", "# Screening time rules (筛选时效"] {
            #expect(text.contains(line), "\(line)")
        }
    }

    @Test func theSettingsRoundTripAndAThresholdLeftOutIsOff() throws {
        var definition = ProcessDefinition.standard
        definition.approvals = ApprovalPolicy(contractStage: true, amountAbove: Money(yuan: 300_000), directorAbove: nil)
        definition.screening = ScreeningRules(screenBy: TimeOfDay(hour: 9, minute: 30), escalateBy: TimeOfDay(hour: 11, minute: 0),
                                              objectWithin: .workingHours(4), registerWithin: .hours(24))
        let text = ProcessDefinitionTOML.encode(definition)
        #expect(!text.contains("director_above_yuan ="))
        #expect(try ProcessDefinitionTOML.decode(text, file: "p.toml").get() == definition)
        // A file without the sections gets the standard ones.
        let bare = text.components(separatedBy: "\n").filter { !$0.hasPrefix("[approvals]") && !$0.hasPrefix("contract_stage")
            && !$0.hasPrefix("amount_above") && !$0.hasPrefix("[screening]") && !$0.hasPrefix("screen_by") && !$0.hasPrefix("escalate_by")
            && !$0.hasPrefix("object_within") && !$0.hasPrefix("register_within") }.joined(separator: "\n")
        let decoded = try ProcessDefinitionTOML.decode(bare, file: "p.toml").get()
        #expect(decoded.approvals == .standard && decoded.screening == .standard)
    }

    @Test func badValuesSayFileLineAndWhy() throws {
        let base = ProcessDefinitionTOML.encode(.standard)
        let bad = base.replacingOccurrences(of: "director_above_yuan = 5000000", with: "director_above_yuan = 500000")
            .replacingOccurrences(of: "amount_above_yuan = 1000000", with: "amount_above_yuan = 1000000\nsupervisor_above = 3")
            .replacingOccurrences(of: "screen_by = \"10:00\"", with: "screen_by = \"10h\"")
        guard case let .failure(failure) = ProcessDefinitionTOML.decode(bad, file: "p.toml") else { Issue.record("accepted"); return }
        let text = failure.description
        #expect(text.contains("must not be below amount_above_yuan"), "\(text)")
        #expect(text.contains("supervisor_above"), "\(text)")
        #expect(text.contains("'screen_by' must be a time of day like \"10:00\""), "\(text)")
        #expect(failure.diagnostics.allSatisfy { $0.file == "p.toml" && $0.line > 1 })
    }

    @Test func theRulesDecide() throws {
        let policy = ApprovalPolicy.standard
        #expect(policy.requirement(enteringContract: nil) == nil)
        #expect(policy.requirement(enteringContract: Money(yuan: 1_000_000)) == nil)
        #expect(policy.requirement(enteringContract: Money(yuan: 1_000_001))?.level == .supervisor)
        #expect(policy.requirement(enteringContract: Money(yuan: 6_000_000))?.level == .director)
        #expect(ApprovalPolicy(contractStage: true).requirement(enteringContract: nil)?.level == .supervisor)
        #expect(TimeOfDay(parsing: "24:00") == nil && TimeOfDay(parsing: "9:30") == nil && TimeOfDay(parsing: "09:30")?.description == "09:30")
    }
}
