import ClewDomain
import ClewServices
import Foundation
import TOMLKit

extension ProcessDefinitionTOML {
    static func readCadences(_ root: TOMLTable, _ r: inout TOMLReader) -> [CadenceDefinition] {
        r.tables(root, "cadence", section: "cadence").map { t, i in
            r.checkKeys(t, "cadence", i, allowed: ["grade", "step"])
            let gradeText = r.string(t, "grade", "cadence", i) ?? "A"
            let grade = Grade(parsing: gradeText)
            if grade == nil { r.fail("cadence", i, "grade", token: gradeText, "unknown grade '\(gradeText)'; use A, B or C") }
            let steps = r.tables(t, "step", section: "cadence.step").map { step, j in
                let s = "cadence.step"
                r.checkKeys(step, s, j, allowed: ["key", "method", "title", "within", "every"])
                let methodText = r.string(step, "method", s, j) ?? "other"
                let method = FollowUpMethod(parsing: methodText)
                if method == nil {
                    r.fail(s, j, "method", token: methodText, "unknown method '\(methodText)'"
                           + Suggestion.hint(for: methodText, in: FollowUpMethod.allCases.map(\.rawValue)))
                }
                return CadenceStep(key: r.string(step, "key", s, j) ?? "", method: method ?? .other, title: r.string(step, "title", s, j) ?? "",
                                   within: r.duration(step, "within", s, j) ?? .days(1), every: r.duration(step, "every", s, j, required: false))
            }
            return CadenceDefinition(grade: grade ?? .a, steps: steps)
        }
    }

    static func readSLA(_ root: TOMLTable, _ r: inout TOMLReader) -> SLAPolicy? {
        guard let t = r.table(root, "sla", section: "") else { return nil }
        let s = "sla"
        r.checkKeys(t, s, nil, allowed: ["confirm_within", "escalate_unconfirmed_after", "first_follow_up_within", "remind_before", "flag_stalled"])
        let standard = ProcessDefinition.standard.sla
        return SLAPolicy(confirmWithin: r.duration(t, "confirm_within", s, nil) ?? standard.confirmWithin,
                         escalateUnconfirmedAfter: r.duration(t, "escalate_unconfirmed_after", s, nil) ?? standard.escalateUnconfirmedAfter,
                         firstFollowUpWithin: r.duration(t, "first_follow_up_within", s, nil) ?? standard.firstFollowUpWithin,
                         remindBefore: r.duration(t, "remind_before", s, nil) ?? standard.remindBefore,
                         flagStalled: r.bool(t, "flag_stalled", s, nil, default: true))
    }

    static func readKeywords(_ root: TOMLTable, _ r: inout TOMLReader) -> [KeywordTag] {
        r.tables(root, "keyword", section: "keyword").map { t, i in
            r.checkKeys(t, "keyword", i, allowed: ["tag", "keywords", "risk_alert"])
            return KeywordTag(tag: r.string(t, "tag", "keyword", i) ?? "", keywords: r.strings(t, "keywords", "keyword", i) ?? [],
                              riskAlert: r.bool(t, "risk_alert", "keyword", i, default: true))
        }
    }

    static func readTriggers(_ root: TOMLTable, _ r: inout TOMLReader) -> [TriggerRule] {
        r.tables(root, "trigger", section: "trigger").map { t, i in
            r.checkKeys(t, "trigger", i, allowed: ["name", "on", "actions", "due", "cc"])
            let onText = r.string(t, "on", "trigger", i) ?? ""
            let event = TriggerEvent(parsing: onText)
            if event == nil, !onText.isEmpty {
                let name = onText.split(separator: ":").first.map(String.init) ?? onText
                r.fail("trigger", i, "on", token: onText, "unknown event '\(onText)'" + Suggestion.hint(for: name, in: TriggerEvent.names))
            }
            var actions: [TriggerAction] = []
            for text in r.strings(t, "actions", "trigger", i) ?? [] {
                if let action = TriggerAction(parsing: text) { actions.append(action); continue }
                let name = text.split(separator: ":").first.map(String.init) ?? text
                r.fail("trigger", i, "actions", token: text, "unknown action '\(text)'" + Suggestion.hint(for: name, in: TriggerAction.names))
            }
            return TriggerRule(name: r.string(t, "name", "trigger", i) ?? "trigger \(i + 1)", event: event ?? .leadWon, actions: actions,
                               taskDue: r.duration(t, "due", "trigger", i, required: false) ?? TriggerRule.defaultTaskDue,
                               cc: r.strings(t, "cc", "trigger", i) ?? [])
        }
    }

    /// The `[[template]]`s; a file without any (written before templates moved into the file)
    /// keeps the standard ones.
    static func readTemplates(_ root: TOMLTable, _ r: inout TOMLReader) -> [MessageTemplate] {
        guard root["template"] != nil else { return MessageTemplate.standard }
        return r.tables(root, "template", section: "template").map { t, i in
            let s = "template"
            r.checkKeys(t, s, i, allowed: ["name", "subject_zh", "body_zh", "subject_en", "body_en"])
            func text(_ key: String) -> String { r.string(t, key, s, i) ?? "" }
            return MessageTemplate(name: text("name"), zh: .init(subject: text("subject_zh"), body: text("body_zh")),
                                   en: .init(subject: text("subject_en"), body: text("body_en")))
        }
    }

    static func readLanguage(_ root: TOMLTable, _ r: inout TOMLReader) -> ContactLanguage {
        guard let text = r.string(root, "default_language", "", nil, required: false) else { return .zh }
        guard let language = ContactLanguage(parsing: text) else {
            r.fail("", nil, "default_language", token: text, "unknown default_language '\(text)'; use zh or en")
            return .zh
        }
        return language
    }
}
