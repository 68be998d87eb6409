import ClewDomain
import ClewServices
import Foundation
import TOMLKit

// The sections of issue 17: `[approvals]` (which deals need approval beyond a stage skip) and
// `[screening]` (the time rules of seed 004).
extension ProcessDefinitionTOML {
    /// `[approvals]`, or the standard policy when the file has none; a threshold left out is off.
    static func readApprovals(_ root: TOMLTable, _ r: inout TOMLReader) -> ApprovalPolicy {
        guard let t = r.table(root, "approvals", section: "") else { return .standard }
        let s = "approvals"
        r.checkKeys(t, s, nil, allowed: ["contract_stage", "amount_above_yuan", "director_above_yuan"])
        func yuan(_ key: String) -> Money? {
            guard t[key] != nil, let value = r.int(t, key, s, nil) else { return nil }
            guard value >= 0 else { r.fail(s, nil, key, token: key, "'\(key)' must not be negative"); return nil }
            return Money(yuan: Int64(value))
        }
        let policy = ApprovalPolicy(contractStage: r.bool(t, "contract_stage", s, nil, default: false),
                                    amountAbove: yuan("amount_above_yuan"), directorAbove: yuan("director_above_yuan"))
        for problem in policy.problems { r.fail(s, nil, "director_above_yuan", token: "director_above_yuan", problem) }
        return policy
    }

    /// Writes `[approvals]` with what each setting does.
    static func writeApprovals(_ policy: ApprovalPolicy, _ w: inout TOMLWriter) {
        w.comment("Approvals (审批) beyond a stage skip (销售总监可审批合同). contract_stage = true: every deal entering the")
        w.comment("contract stage needs the owner's supervisor. A deal expected (its budget's upper end) above amount_above_yuan")
        w.comment("needs the supervisor too; above director_above_yuan the supervisor's own supervisor (总监), else an admin.")
        w.comment("Leave a threshold out to turn it off. Requests wait in the approver's inbox: clew approval approve|reject ID.")
        w.header("[approvals]")
        w.line("contract_stage = \(policy.contractStage)")
        if let amount = policy.amountAbove { w.line("amount_above_yuan = \(amount.fen / 100)") }
        if let amount = policy.directorAbove { w.line("director_above_yuan = \(amount.fen / 100)") }
    }

    /// `[screening]`, or the standard rules when the file has none; a key left out keeps its standard value.
    static func readScreening(_ root: TOMLTable, _ r: inout TOMLReader) -> ScreeningRules {
        let standard = ScreeningRules.standard
        guard let t = r.table(root, "screening", section: "") else { return standard }
        let s = "screening"
        r.checkKeys(t, s, nil, allowed: ["screen_by", "escalate_by", "object_within", "register_within"])
        func time(_ key: String, _ fallback: TimeOfDay) -> TimeOfDay {
            guard let text = r.string(t, key, s, nil, required: false) else { return fallback }
            guard let time = TimeOfDay(parsing: text) else { r.fail(s, nil, key, token: text, "'\(key)' must be a time of day like \"10:00\""); return fallback }
            return time
        }
        let rules = ScreeningRules(screenBy: time("screen_by", standard.screenBy), escalateBy: time("escalate_by", standard.escalateBy),
                                   objectWithin: r.duration(t, "object_within", s, nil, required: false) ?? standard.objectWithin,
                                   registerWithin: r.duration(t, "register_within", s, nil, required: false) ?? standard.registerWithin)
        if rules.escalateBy < rules.screenBy {
            r.fail(s, nil, "escalate_by", token: "escalate_by", "escalate_by (\(rules.escalateBy)) must not be before screen_by (\(rules.screenBy))")
        }
        return rules
    }

    /// Writes `[screening]` with what each setting does.
    static func writeScreening(_ rules: ScreeningRules, _ w: inout TOMLWriter) {
        w.comment("Screening time rules (筛选时效, seed 004). Each working day by screen_by the queue is to be screened: what")
        w.comment("entered it before then and is still unscreened reminds the supervisors, and at escalate_by an admin.")
        w.comment("An assignee objects on their own within object_within of the assignment, later the supervisor decides.")
        w.comment("A lead registered more than register_within after its capture (lead add --captured-at) is flagged late-registration.")
        w.header("[screening]")
        w.pair("screen_by", rules.screenBy.description)
        w.pair("escalate_by", rules.escalateBy.description)
        w.pair("object_within", rules.objectWithin.description)
        w.pair("register_within", rules.registerWithin.description)
    }
}
