import ClewDomain
import ClewServices
import Foundation
import TOMLKit

// MARK: - [receivable] (issue 14)

extension ProcessDefinitionTOML {
    /// `[[receivable.level]]` (name, offset, actions); nil when the file has no `[receivable]` or
    /// its levels are the standard ones (nil stands for those).
    static func readReceivable(_ root: TOMLTable, _ r: inout TOMLReader) -> ReceivablePolicy? {
        guard let t = r.table(root, "receivable", section: "") else { return nil }
        r.checkKeys(t, "receivable", nil, allowed: ["level"])
        let s = "receivable.level"
        let levels = r.tables(t, "level", section: s).map { l, i in
            r.checkKeys(l, s, i, allowed: ["name", "offset", "actions"])
            let offsetText = r.string(l, "offset", s, i) ?? "0 days"
            var offset = CalendarSpan.days(0)
            do { offset = try CalendarSpan(parsing: offsetText) } catch { r.fail(s, i, "offset", token: offsetText, (error as? CalendarSpanError)?.english ?? "\(error)") }
            var actions: [ReceivableAction] = []
            for text in r.strings(l, "actions", s, i) ?? [] {
                if let action = ReceivableAction(parsing: text) { actions.append(action); continue }
                r.fail(s, i, "actions", token: text, "unknown action '\(text)'; use task:WHO, email-customer:TEMPLATE, sms-customer:TEMPLATE, notify:WHO, mark-overdue, escalate")
            }
            return ReceivableLevel(name: r.string(l, "name", s, i) ?? "level-\(i + 1)", offset: offset, actions: actions)
        }
        return levels == ReceivableLevel.standard ? nil : ReceivablePolicy(levels: levels)
    }

    /// Writes the reminder levels in force.
    static func writeReceivable(_ definition: ProcessDefinition, _ w: inout TOMLWriter) {
        w.comment("Receivable reminder levels (回款提醒): offset from each instalment's due date (\"-3 days\" before, \"0 days\" on it,")
        w.comment("\"30 days\" after; \"2 working days\"). A calendar day on a weekend or holiday moves to a working day (before due:")
        w.comment("the one before; on or after due: the next). Fired once per instalment and level by the tick while money is owed.")
        w.comment("actions: task:WHO (finance, owner, supervisor, a login), email-customer:TEMPLATE, sms-customer:TEMPLATE,")
        w.comment("notify:WHO, mark-overdue (逾期), escalate (to the owner's supervisor).")
        for level in definition.receivableLevels {
            w.header("[[receivable.level]]")
            w.pair("name", level.name)
            w.pair("offset", level.offset.description)
            w.list("actions", level.actions.map(\.description))
        }
    }
}
