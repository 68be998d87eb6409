/// Checks a ``ProcessDefinition`` as a whole and reports every problem at once.
///
/// Checks what the definition alone can tell: unknown stages, fields and pools referenced,
/// duplicate keys, rules that contradict or shadow earlier ones, cycles (pool overflow, triggers
/// that set off each other), bad durations and thresholds out of order. Whether the users and
/// pools' members exist is left to the store.
public enum ProcessValidator {
    /// Every problem, in file order by section; empty when the definition is sound.
    public static func problems(in definition: ProcessDefinition) -> [ProcessProblem] {
        var problems: [ProcessProblem] = []
        if definition.version < 1 { problems.append(ProcessProblem(section: "", key: "version", message: "version must be 1 or more")) }
        problems += stageProblems(definition.pipeline)
        problems += scoringProblems(definition.scoring, tagDimensions: definition.tagDimensions.map(\.name))
        problems += assignmentProblems(definition)
        problems += poolProblems(definition.pools)
        problems += cadenceProblems(definition.cadences)
        problems += slaProblems(definition.sla)
        problems += keywordProblems(definition.keywordTags)
        problems += triggerProblems(definition)
        problems += templateProblems(definition.templates)
        problems += ReceivablePolicy.problems(in: definition)
        problems += TagDimension.problems(in: definition.tagDimensions)
        problems += definition.sourceList?.problems(field: "source") ?? []
        problems += definition.industryList?.problems(field: "industry") ?? []
        return problems
    }

    static func stageProblems(_ pipeline: Pipeline) -> [ProcessProblem] {
        var problems: [ProcessProblem] = []
        if pipeline.stages.isEmpty { problems.append(ProcessProblem(section: "stage", message: "the pipeline needs at least one stage")) }
        var seen = Set<String>()
        for (i, stage) in pipeline.stages.enumerated() {
            if !isKey(stage.key) {
                problems.append(ProcessProblem(section: "stage", index: i, key: "key",
                                               message: "stage key '\(stage.key)' must be lowercase letters, digits and '-'"))
            } else if !seen.insert(stage.key).inserted {
                problems.append(ProcessProblem(section: "stage", index: i, key: "key", message: "duplicate stage key '\(stage.key)'"))
            }
            if ["screening", "assigned", "won", "lost", "pooled"].contains(stage.key) {
                problems.append(ProcessProblem(section: "stage", index: i, key: "key",
                                               message: "'\(stage.key)' is a lead status, not a stage"))
            }
            if stage.englishName.trimmed.isEmpty { problems.append(ProcessProblem(section: "stage", index: i, key: "name", message: "stage '\(stage.key)' needs a name")) }
            if stage.chineseName.trimmed.isEmpty { problems.append(ProcessProblem(section: "stage", index: i, key: "name_zh", message: "stage '\(stage.key)' needs a Chinese name (name_zh)")) }
            let days = switch stage.expected { case let .workingDays(n), let .days(n): n }
            if days <= 0 {
                problems.append(ProcessProblem(section: "stage", index: i, key: "expected",
                                               message: "stage '\(stage.key)' expected duration must be positive, not \(days)"))
            }
        }
        return problems
    }

    /// `tagDimensions`: the dimension names a rule may test as `tag:NAME`.
    static func scoringProblems(_ scoring: ScoringModel, tagDimensions: [String] = []) -> [ProcessProblem] {
        var problems: [ProcessProblem] = []
        if !(0...100).contains(scoring.gradeA) || !(0...100).contains(scoring.gradeB) || scoring.gradeA <= scoring.gradeB {
            problems.append(ProcessProblem(section: "scoring", key: "grade_b", message:
                "grade thresholds out of order: need 100 ≥ grade_a > grade_b ≥ 0, got grade_a = \(scoring.gradeA), grade_b = \(scoring.gradeB)"))
        }
        var keys = Set<String>()
        var ruleIndex = 0
        for (i, dimension) in scoring.dimensions.enumerated() {
            if !keys.insert(dimension.key).inserted {
                problems.append(ProcessProblem(section: "scoring.dimension", index: i, key: "key", message: "duplicate scoring dimension '\(dimension.key)'"))
            }
            if dimension.weight <= 0 {
                problems.append(ProcessProblem(section: "scoring.dimension", index: i, key: "weight", message: "dimension '\(dimension.key)' weight must be positive"))
            }
            for rule in dimension.rules {
                defer { ruleIndex += 1 }
                let testable = ScoringModel.fields + tagDimensions.map { ScoringModel.tagFieldPrefix + $0 }
                if !testable.contains(rule.field) {
                    problems.append(ProcessProblem(section: "scoring.dimension.rule", index: ruleIndex, key: "field",
                                                   message: "unknown field '\(rule.field)'" + Suggestion.hint(for: rule.field, in: testable)))
                }
                // A weight that is itself wrong is reported above; checking points against it would only add noise.
                if dimension.weight > 0, rule.points < 0 || rule.points > dimension.weight {
                    problems.append(ProcessProblem(section: "scoring.dimension.rule", index: ruleIndex, key: "points",
                                                   message: "rule '\(rule.label)' gives \(rule.points) points; must be 0…\(dimension.weight) (the weight of '\(dimension.key)')"))
                }
                if rule.field == LeadField.companyType.rawValue, case let .equals(values) = rule.match {
                    for value in values where CompanyType(parsing: value) == nil {
                        problems.append(ProcessProblem(section: "scoring.dimension.rule", index: ruleIndex, key: "equals",
                                                       message: "rule '\(rule.label)': '\(value)' is not a company type; use "
                                                        + CompanyType.allCases.map(\.chineseName).joined(separator: ", ")))
                    }
                }
                switch rule.match {
                case let .contains(values), let .equals(values):
                    if values.isEmpty {
                        problems.append(ProcessProblem(section: "scoring.dimension.rule", index: ruleIndex, message: "rule '\(rule.label)' has nothing to match"))
                    }
                case .presentExcept: break
                case let .number(min, max):
                    if min == nil && max == nil {
                        problems.append(ProcessProblem(section: "scoring.dimension.rule", index: ruleIndex, message: "rule '\(rule.label)' needs min or max"))
                    } else if let min, let max, min >= max {
                        problems.append(ProcessProblem(section: "scoring.dimension.rule", index: ruleIndex, key: "max",
                                                       message: "rule '\(rule.label)': max (\(max)) must be above min (\(min))"))
                    }
                case let .yuan(min, max):
                    if min == nil && max == nil {
                        problems.append(ProcessProblem(section: "scoring.dimension.rule", index: ruleIndex, message: "rule '\(rule.label)' needs min_yuan or max_yuan"))
                    } else if [min, max].contains(where: { ($0 ?? 0) < 0 || ($0 ?? 0) > BudgetRange.maximumYuan }) {
                        problems.append(ProcessProblem(section: "scoring.dimension.rule", index: ruleIndex, key: "min_yuan",
                                                       message: "rule '\(rule.label)': amounts must be 0…\(BudgetRange.maximumYuan) yuan"))
                    } else if let min, let max, min >= max {
                        problems.append(ProcessProblem(section: "scoring.dimension.rule", index: ruleIndex, key: "max_yuan",
                                                       message: "rule '\(rule.label)': max_yuan (\(max)) must be above min_yuan (\(min))"))
                    }
                }
            }
        }
        var events = Set<String>()
        for (i, event) in scoring.events.enumerated() where !events.insert(event.event).inserted {
            problems.append(ProcessProblem(section: "scoring.event", index: i, key: "event", message: "duplicate scoring event '\(event.event)'"))
        }
        return problems
    }

    static func assignmentProblems(_ definition: ProcessDefinition) -> [ProcessProblem] {
        var problems: [ProcessProblem] = []
        let pools = definition.pools.map(\.name)
        var names = Set<String>()
        for (i, rule) in definition.assignment.enumerated() {
            if !names.insert(rule.name).inserted {
                problems.append(ProcessProblem(section: "assignment", index: i, key: "name", message: "duplicate assignment rule '\(rule.name)'"))
            }
            for condition in rule.conditions {
                if condition.values.isEmpty {
                    problems.append(ProcessProblem(section: "assignment", index: i, key: condition.field.rawValue,
                                                   message: "rule '\(rule.name)': \(condition.field) lists no values"))
                }
                if condition.field == .grade, let bad = condition.values.first(where: { Grade(parsing: $0) == nil }) {
                    problems.append(ProcessProblem(section: "assignment", index: i, key: "grade", message: "rule '\(rule.name)': unknown grade '\(bad)'; use A, B or C"))
                }
            }
            if case let .pool(name) = rule.target, !pools.contains(name) {
                problems.append(ProcessProblem(section: "assignment", index: i, key: "to",
                                               message: "rule '\(rule.name)' routes to unknown pool '\(name)'" + Suggestion.hint(for: name, in: pools)))
            }
            if let earlier = definition.assignment[..<i].first(where: rule.isCovered(by:)) {
                let message = earlier.target != rule.target && earlier.isCovered(by: rule)
                    ? "rule '\(rule.name)' contradicts rule '\(earlier.name)': same conditions, but routes to \(rule.target) instead of \(earlier.target)"
                    : "rule '\(rule.name)' can never fire: rule '\(earlier.name)' above already matches every lead it matches"
                problems.append(ProcessProblem(section: "assignment", index: i, message: message))
            }
        }
        return problems
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}

/// A stable key: lowercase ASCII letters, digits and `-`, starting with a letter.
func isKey(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
    return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
}
