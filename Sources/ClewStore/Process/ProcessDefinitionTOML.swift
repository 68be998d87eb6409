import ClewDomain
import ClewServices
import Foundation

/// Reads and writes a ``ProcessDefinition`` as the human-edited TOML file of
/// `clew process export / check / apply`.
///
/// It lives in ClewStore, not the pure domain, because it needs TOMLKit (a C++ parser);
/// ClewDomain stays free of dependencies.
///
/// ```swift
/// let text = ProcessDefinitionTOML.encode(.standard)
/// ProcessDefinitionTOML.decode(text, file: "process.toml") // .success(.standard)
/// ```
public enum ProcessDefinitionTOML {
    /// Every problem found, each as `file:line: reason`.
    public struct Failure: Error, Hashable, CustomStringConvertible {
        public var diagnostics: [ConfigDiagnostic]
        public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    }

    /// The definition as a commented file, stages named in English and Chinese.
    public static func encode(_ definition: ProcessDefinition) -> String {
        var w = TOMLWriter()
        w.comment("Clew process definition (流程定义). Edit, then: clew process check FILE; clew process apply FILE")
        w.comment("Durations: \"N working days\", \"N working hours\" (09:00–18:00 on the working calendar), \"N days\", \"N hours\".")
        w.line("version = \(definition.version)")
        w.comment("The language of contacts who have none (zh | en): it picks the text of customer email templates.")
        w.pair("default_language", definition.defaultLanguage.rawValue)
        w.comment("Pipeline stages (销售阶段), in order. owner: rep | supervisor. A deal past `expected` is stalled (异常).")
        for stage in definition.pipeline.stages {
            w.header("[[stage]]")
            w.pair("key", stage.key)
            w.pair("name", stage.englishName)
            w.pair("name_zh", stage.chineseName)
            w.pair("owner", stage.owner.rawValue)
            w.pair("expected", ProcessDuration(stage.expected).description)
        }
        w.comment("Scoring (评分): in each dimension the first matching rule gives its points (at most the weight).")
        w.comment("A rule tests a lead field (\(ScoringModel.fields.joined(separator: ", "))) or a tag dimension's")
        w.comment("value as field = \"tag:NAME\" (e.g. tag:客户类型 equals [\"高潜力\"]; putting the tag on rescores the lead) with")
        w.comment("contains = [...], equals = [...] or present_except = [...], or compares the budget as yuan: the lower")
        w.comment("end of 10-30万 / 50万以上 / ¥300,000 must be ≥ min_yuan and < max_yuan (the revenue field too), or compares a")
        w.comment("whole number with min = … / max = … (≥ min, < max: employees min = 500; founded max = 2016).")
        w.comment("Company fields: employees (员工人数), revenue (年营收), company-type (企业性质: equals [\"国企\"] also matches")
        w.comment("SOE/央企), founded (成立年份), decision-chain (决策链). The rules below give 500+ employees or 国企 10 points")
        w.comment("when no budget is stated, and a known decision chain 15 when the contact's title does not score.")
        w.comment("Score ≥ grade_a → A, ≥ grade_b → B, else C.")
        w.header("[scoring]")
        w.line("grade_a = \(definition.scoring.gradeA)")
        w.line("grade_b = \(definition.scoring.gradeB)")
        w.comment("A behaviour event that raises the suggestion always tells the owner; with true it also raises a")
        w.comment("grade a supervisor set (otherwise their grade is kept).")
        w.line("events_raise_grade = \(definition.scoring.eventsRaiseGrade)")
        for dimension in definition.scoring.dimensions {
            w.header("[[scoring.dimension]]")
            w.pair("key", dimension.key)
            w.line("weight = \(dimension.weight)")
            for rule in dimension.rules {
                w.header("[[scoring.dimension.rule]]")
                w.pair("label", rule.label)
                w.pair("field", rule.field)
                switch rule.match {
                case let .contains(values): w.list("contains", values)
                case let .equals(values): w.list("equals", values)
                case let .presentExcept(values): w.list("present_except", values)
                case let .yuan(min, max):
                    if let min { w.line("min_yuan = \(min)") }
                    if let max { w.line("max_yuan = \(max)") }
                case let .number(min, max):
                    if let min { w.line("min = \(min)") }
                    if let max { w.line("max = \(max)") }
                }
                w.line("points = \(rule.points)")
            }
        }
        w.comment("Behaviour events that add points.")
        for event in definition.scoring.events {
            w.header("[[scoring.event]]")
            w.pair("event", event.event)
            w.line("points = \(event.points)")
        }
        w.comment("Assignment rules (分配规则), tried in order; the first whose conditions all hold routes the lead.")
        w.comment("Conditions (any value matches): \(AssignmentCondition.Field.allCases.map(\.rawValue).joined(separator: ", ")).")
        w.comment("to = \"rep:LOGIN\" | \"team:SUPERVISOR\" | \"pool:NAME\". No rule matching → a suggested rep.")
        for rule in definition.assignment {
            w.header("[[assignment]]")
            w.pair("name", rule.name)
            for condition in rule.conditions { w.list(condition.field.rawValue, condition.values) }
            w.pair("to", rule.target.description)
        }
        w.comment("Pools (公海) by region or industry. Leads with no follow-up for recycle_days return to the pool.")
        for pool in definition.pools {
            w.header("[[pool]]")
            w.pair("name", pool.name)
            w.list(pool.scope.rawValue, pool.values)
            w.list("members", pool.members)
            if let login = pool.defaultAssignee { w.pair("default_assignee", login) }
            w.line("recycle_days = \(pool.recycleDays)")
            w.line("daily_claim_limit = \(pool.dailyClaimLimit)")
            if let next = pool.overflow { w.pair("overflow", next) }
        }
        w.comment("Cadences (跟进节奏) per grade: tasks generated on assignment and on a grade change; each step is")
        w.comment("due `within` after the previous one; `every` repeats it. method: \(FollowUpMethod.allCases.map(\.rawValue).joined(separator: ", ")).")
        for cadence in definition.cadences {
            w.header("[[cadence]]")
            w.pair("grade", cadence.grade.rawValue)
            for step in cadence.steps {
                w.header("[[cadence.step]]")
                w.pair("key", step.key)
                w.pair("method", step.method.rawValue)
                w.pair("title", step.title)
                w.pair("within", step.within.description)
                if let every = step.every { w.pair("every", every.description) }
            }
        }
        w.comment("Service levels (时效): reminders and escalations to the supervisor.")
        let sla = definition.sla
        w.header("[sla]")
        w.pair("confirm_within", sla.confirmWithin.description)
        w.pair("escalate_unconfirmed_after", sla.escalateUnconfirmedAfter.description)
        w.pair("first_follow_up_within", sla.firstFollowUpWithin.description)
        w.pair("remind_before", sla.remindBefore.description)
        w.line("flag_stalled = \(sla.flagStalled)")
        writeApprovals(definition.approvals, &w)
        writeScreening(definition.screening, &w)
        writeChoices(definition, &w)
        w.comment("Keyword tags (关键词标签) found in follow-up content and feedback.")
        for tag in definition.keywordTags {
            w.header("[[keyword]]")
            w.pair("tag", tag.tag)
            w.list("keywords", tag.keywords)
            w.line("risk_alert = \(tag.riskAlert)")
        }
        w.comment("Triggers (触发器). on: \(TriggerEvent.names.joined(separator: ", ")) (stage-…:STAGE, tag-added:TAG).")
        w.comment("actions: task:WHO:TITLE, notify:WHO, email-customer:TEMPLATE, add-tag:TAG, move-stage:STAGE, risk-alert.")
        w.comment("contract-signed fires on entering the last stage (合同签订); lead-won when the deal is won from it.")
        w.comment("Tasks are due `due` after the event (default \(TriggerRule.defaultTaskDue)); `cc` is told of each (抄送).")
        for trigger in definition.triggers {
            w.header("[[trigger]]")
            w.pair("name", trigger.name)
            w.pair("on", trigger.event.description)
            w.list("actions", trigger.actions.map(\.description))
            if trigger.actions.contains(where: { if case .task = $0 { true } else { false } }) || trigger.taskDue != TriggerRule.defaultTaskDue {
                w.pair("due", trigger.taskDue.description)
            }
            if !trigger.cc.isEmpty { w.list("cc", trigger.cc) }
        }
        w.comment("Customer email templates (邮件模板) for email-customer:NAME, in Chinese and English; the contact's")
        w.comment("language picks one. Placeholders: \(MessageTemplate.placeholders.map { "{\($0)}" }.joined(separator: " ")).")
        for template in definition.templates {
            w.header("[[template]]")
            w.pair("name", template.name)
            w.pair("subject_zh", template.zh.subject)
            w.multiline("body_zh", template.zh.body)
            w.pair("subject_en", template.en.subject)
            w.multiline("body_en", template.en.body)
        }
        writeReceivable(definition, &w)
        return w.text
    }
}

/// Builds the text of a TOML file line by line.
struct TOMLWriter {
    private(set) var text = ""

    mutating func line(_ s: String) { text += s + "\n" }
    mutating func blank() { if !text.hasSuffix("\n\n") { text += "\n" } }
    /// A comment line, set off from a preceding key or value by a blank line.
    mutating func comment(_ s: String) {
        if !text.isEmpty && !lastLineIsComment { blank() }
        line("# " + s)
    }

    /// A table header, after a blank line unless a comment introduces it.
    mutating func header(_ s: String) {
        if !lastLineIsComment { blank() }
        line(s)
    }

    private var lastLineIsComment: Bool {
        text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).last?.hasPrefix("#") ?? false
    }
    mutating func pair(_ key: String, _ value: String) { line("\(key) = \(Self.quoted(value))") }
    /// A multi-line basic string (`"""`), for template bodies; one-line values stay one line.
    mutating func multiline(_ key: String, _ value: String) {
        guard value.contains("\n") else { return pair(key, value) }
        // As ``quoted(_:)``, but line breaks stay line breaks.
        let escaped = value.split(separator: "\n", omittingEmptySubsequences: false)
            .map { Self.quoted(String($0)).dropFirst().dropLast() }.joined(separator: "\n")
        line("\(key) = \"\"\"\n\(escaped)\"\"\"")
    }

    mutating func list(_ key: String, _ values: [String]) { line("\(key) = [\(values.map(Self.quoted).joined(separator: ", "))]") }

    /// A TOML basic string.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += String(format: "\\u%04X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
