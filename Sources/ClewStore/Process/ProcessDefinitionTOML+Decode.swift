import ClewDomain
import ClewServices
import Foundation
import TOMLKit

extension ProcessDefinitionTOML {
    /// Parses and validates a process file; on failure, every problem as `file:line: reason`
    /// (syntax errors, unknown keys with suggestions, bad values, then ``ProcessValidator``'s
    /// findings), in line order.
    public static func decode(_ text: String, file: String) -> Result<ProcessDefinition, Failure> {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let line = max(1, error.source.begin.line)
            return .failure(Failure(diagnostics: [ConfigDiagnostic(file: file, line: line, token: "", message: "syntax error: \(error.description)")]))
        } catch {
            return .failure(Failure(diagnostics: [ConfigDiagnostic(file: file, line: 1, token: "", message: "syntax error: \(error)")]))
        }
        var r = TOMLReader(file: file, text: text)
        let definition = read(root, &r)
        var diagnostics = r.diagnostics
        let reported = Set(diagnostics.map(\.line))
        for problem in ProcessValidator.problems(in: definition) {
            let line = r.lines.line(section: problem.section, index: problem.index, key: problem.key)
            if reported.contains(line) { continue }
            diagnostics.append(ConfigDiagnostic(file: file, line: line, token: problem.key ?? problem.section, message: problem.message))
        }
        guard diagnostics.isEmpty else {
            return .failure(Failure(diagnostics: diagnostics.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)))
        }
        return .success(definition)
    }

    private static func read(_ root: TOMLTable, _ r: inout TOMLReader) -> ProcessDefinition {
        r.checkKeys(root, "", nil, allowed: ["version", "default_language", "stage", "scoring", "assignment", "pool", "cadence", "sla", "keyword", "trigger", "template", "receivable", "approvals", "screening", "tag", "fields"])
        let standard = ProcessDefinition.standard
        var stages: [StageDefinition] = []
        for (t, i) in r.tables(root, "stage", section: "stage") {
            r.checkKeys(t, "stage", i, allowed: ["key", "name", "name_zh", "owner", "expected"])
            let ownerText = r.string(t, "owner", "stage", i, required: false) ?? "rep"
            let owner = StageDefinition.Owner(rawValue: ownerText)
            if owner == nil { r.fail("stage", i, "owner", token: ownerText, "unknown owner '\(ownerText)'; use rep or supervisor") }
            let expected = r.duration(stage: t, i)
            stages.append(StageDefinition(key: r.string(t, "key", "stage", i) ?? "", englishName: r.string(t, "name", "stage", i) ?? "",
                                          chineseName: r.string(t, "name_zh", "stage", i) ?? "", owner: owner ?? .rep,
                                          expected: expected ?? .days(1)))
        }
        var definition = ProcessDefinition(
            version: r.int(root, "version", "", nil) ?? 1,
            pipeline: Pipeline(stages: stages),
            scoring: readScoring(root, &r) ?? standard.scoring,
            assignment: readAssignment(root, &r),
            pools: readPools(root, &r),
            cadences: readCadences(root, &r),
            sla: readSLA(root, &r) ?? standard.sla,
            keywordTags: readKeywords(root, &r),
            triggers: readTriggers(root, &r),
            templates: readTemplates(root, &r),
            defaultLanguage: readLanguage(root, &r)
        )
        definition.receivable = readReceivable(root, &r)
        definition.approvals = readApprovals(root, &r)
        definition.screening = readScreening(root, &r)
        definition.tagDimensions = readTagDimensions(root, &r)
        (definition.sourceList, definition.industryList) = readPickLists(root, &r)
        return definition
    }

    private static func readScoring(_ root: TOMLTable, _ r: inout TOMLReader) -> ScoringModel? {
        guard let t = r.table(root, "scoring", section: "") else { return nil }
        r.checkKeys(t, "scoring", nil, allowed: ["grade_a", "grade_b", "events_raise_grade", "dimension", "event"])
        var dimensions: [ScoringDimension] = []
        for (d, i) in r.tables(t, "dimension", section: "scoring.dimension") {
            r.checkKeys(d, "scoring.dimension", i, allowed: ["key", "weight", "rule"])
            var rules: [ScoringRule] = []
            for (rule, j) in r.tables(d, "rule", section: "scoring.dimension.rule") {
                let s = "scoring.dimension.rule"
                let kinds = ["contains", "equals", "present_except"]
                r.checkKeys(rule, s, j, allowed: ["label", "field", "points", "min_yuan", "max_yuan", "min", "max"] + kinds)
                let given = kinds.filter { rule[$0] != nil }
                let amounts = rule["min_yuan"] != nil || rule["max_yuan"] != nil
                let numbers = rule["min"] != nil || rule["max"] != nil
                if given.count + (amounts ? 1 : 0) + (numbers ? 1 : 0) != 1 {
                    r.fail(s, j, nil, token: "rule", "a scoring rule needs exactly one of contains, equals, present_except, min_yuan/max_yuan or min/max")
                }
                let values = given.first.flatMap { r.strings(rule, $0, s, j) } ?? []
                let match: FieldMatch = switch given.first {
                case "equals": .equals(values)
                case "present_except": .presentExcept(values)
                case nil where amounts:
                    .yuan(min: rule["min_yuan"] == nil ? nil : r.int(rule, "min_yuan", s, j).map(Int64.init),
                          max: rule["max_yuan"] == nil ? nil : r.int(rule, "max_yuan", s, j).map(Int64.init))
                case nil where numbers:
                    .number(min: rule["min"] == nil ? nil : r.int(rule, "min", s, j).map(Int64.init),
                            max: rule["max"] == nil ? nil : r.int(rule, "max", s, j).map(Int64.init))
                default: .contains(values)
                }
                rules.append(ScoringRule(label: r.string(rule, "label", s, j) ?? "", field: r.string(rule, "field", s, j) ?? "",
                                         match: match, points: r.int(rule, "points", s, j) ?? 0))
            }
            dimensions.append(ScoringDimension(key: r.string(d, "key", "scoring.dimension", i) ?? "",
                                               weight: r.int(d, "weight", "scoring.dimension", i) ?? 0, rules: rules))
        }
        var events: [ScoringEvent] = []
        for (e, i) in r.tables(t, "event", section: "scoring.event") {
            r.checkKeys(e, "scoring.event", i, allowed: ["event", "points"])
            events.append(ScoringEvent(event: r.string(e, "event", "scoring.event", i) ?? "", points: r.int(e, "points", "scoring.event", i) ?? 0))
        }
        return ScoringModel(dimensions: dimensions, events: events, gradeA: r.int(t, "grade_a", "scoring", nil, default: 70) ?? 70,
                            gradeB: r.int(t, "grade_b", "scoring", nil, default: 40) ?? 40,
                            eventsRaiseGrade: r.bool(t, "events_raise_grade", "scoring", nil, default: false))
    }

    private static func readAssignment(_ root: TOMLTable, _ r: inout TOMLReader) -> [AssignmentRule] {
        let fields = AssignmentCondition.Field.allCases
        return r.tables(root, "assignment", section: "assignment").map { t, i in
            r.checkKeys(t, "assignment", i, allowed: ["name", "to"] + fields.map(\.rawValue))
            let conditions = fields.compactMap { field in
                r.strings(t, field.rawValue, "assignment", i).map { AssignmentCondition(field: field, values: $0) }
            }
            let toText = r.string(t, "to", "assignment", i) ?? ""
            let target = AssignmentTarget(parsing: toText)
            if target == nil, !toText.isEmpty {
                r.fail("assignment", i, "to", token: toText, "cannot read to = '\(toText)'; use \"rep:LOGIN\", \"team:SUPERVISOR\" or \"pool:NAME\"")
            }
            return AssignmentRule(name: r.string(t, "name", "assignment", i) ?? "rule \(i + 1)", conditions: conditions, target: target ?? .pool(""))
        }
    }

    private static func readPools(_ root: TOMLTable, _ r: inout TOMLReader) -> [PoolDefinition] {
        r.tables(root, "pool", section: "pool").map { t, i in
            let s = "pool"
            r.checkKeys(t, s, i, allowed: ["name", "region", "industry", "members", "default_assignee", "recycle_days", "daily_claim_limit", "overflow"])
            let region = r.strings(t, "region", s, i)
            let industry = r.strings(t, "industry", s, i)
            if (region == nil) == (industry == nil) { r.fail(s, i, nil, token: "pool", "a pool needs exactly one of region = [...] or industry = [...]") }
            return PoolDefinition(name: r.string(t, "name", s, i) ?? "", scope: region == nil && industry != nil ? .industry : .region,
                                  values: region ?? industry ?? [], members: r.strings(t, "members", s, i) ?? [],
                                  defaultAssignee: r.string(t, "default_assignee", s, i, required: false),
                                  recycleDays: r.int(t, "recycle_days", s, i, default: 14) ?? 14,
                                  dailyClaimLimit: r.int(t, "daily_claim_limit", s, i, default: 10) ?? 10,
                                  overflow: r.string(t, "overflow", s, i, required: false))
        }
    }
}

extension TOMLReader {
    /// A stage's `expected`, which must be in (working) days.
    mutating func duration(stage t: TOMLTable, _ i: Int) -> ExpectedDuration? {
        guard let duration = duration(t, "expected", "stage", i) else { return nil }
        guard let expected = duration.expectedDuration else {
            fail("stage", i, "expected", token: duration.description, "'expected': a stage's duration is in days or working days, not \(duration)")
            return nil
        }
        return expected
    }
}
