import Foundation

/// Why a change to a lead was refused — each case one situation a caller can match.
public enum LeadError: BilingualError, Equatable {
    /// What a closed (won, lost, merged) lead cannot have done to it.
    public enum OpenOnlyWork: String, Sendable {
        case grading, followUp, event, details
    }

    /// The lead is closed; `work` is done on open leads only.
    case closed(number: String, status: LeadStatus, work: OpenOnlyWork)
    /// The lead was merged into `target`: work on that one.
    case merged(number: String, into: String?)
    /// Assigning needs a grade first.
    case notGraded(number: String)
    /// The lead is already assigned to that person.
    case alreadyAssigned(number: String, to: String)
    /// The user cannot own leads (finance, support, marketing, admin).
    case cannotOwnLeads(login: String, role: Role)
    /// The rep is away until then.
    case away(rep: String, until: Date)
    /// The rep owns as many open leads as their capacity allows.
    case atCapacity(rep: String, load: Int, capacity: Int)
    /// The actor reached the pool's daily claim limit.
    case claimLimitReached(pool: String, claimed: Int)
    /// The change needs a reason (`--reason …`).
    case reasonRequired(ReasonPurpose)
    /// The scoring model knows no such behaviour event.
    case unknownEvent(String, known: [String], suggestion: String?)
    /// A note needs text.
    case emptyNote
    /// A lead cannot be merged into itself.
    case mergeIntoItself(number: String)
    /// Only a won lead's amount can be corrected.
    case notWon(number: String, status: LeadStatus)
    /// The lead already waits for a decision on an approval.
    case awaitingApproval(number: String, approval: Int64)

    public var english: String {
        switch self {
        case let .closed(number, status, work):
            switch work {
            case .grading: "cannot grade \(number): it is \(status); only open leads are graded"
            case .followUp: "\(number) is \(status); follow-ups go on open leads"
            case .event: "\(number) is \(status); events are recorded on open leads"
            case .details: "\(number) is \(status); details are added to open leads only"
            }
        case let .merged(number, target): "\(number) was merged into \(target ?? "another lead"); merge into that one"
        case let .notGraded(number): "grade \(number) before assigning it (clew lead grade \(number) A --reason …)"
        case let .alreadyAssigned(number, login): "\(number) is already assigned to \(login)"
        case let .cannotOwnLeads(login, role): "\(login) is \(role.rawValue); leads go to reps or supervisors"
        case let .away(rep, until): "\(rep) is away until \(ErrorTimestamp.text(until)); choose someone else"
        case let .atCapacity(rep, load, capacity):
            "\(rep) is at capacity (\(load) of \(capacity) open leads); choose someone else or raise their capacity"
        case let .claimLimitReached(pool, claimed):
            "you have claimed \(claimed) lead\(claimed == 1 ? "" : "s") from pool \(pool) today, its daily limit; try again tomorrow"
        case let .reasonRequired(purpose): "\(purpose.english) needs a reason (--reason …)"
        case let .unknownEvent(event, known, suggestion):
            "unknown event '\(event)' (known: \(known.joined(separator: ", ")))" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .emptyNote: "a note cannot be empty"
        case let .mergeIntoItself(number): "cannot merge \(number) into itself"
        case let .notWon(number, status): "\(number) is \(status); only a won lead's amount is corrected"
        case let .awaitingApproval(number, approval): "\(number) already waits for approval #\(approval)"
        }
    }

    public var chinese: String {
        switch self {
        case let .closed(number, status, work):
            switch work {
            case .grading: "\(number) 处于“\(status.chineseName)”状态，只能对未关闭的线索评级"
            case .followUp: "\(number) 处于“\(status.chineseName)”状态，只能对未关闭的线索记录跟进"
            case .event: "\(number) 处于“\(status.chineseName)”状态，只能对未关闭的线索记录行为"
            case .details: "\(number) 处于“\(status.chineseName)”状态，只能向未关闭的线索补充信息"
            }
        case let .merged(number, target): "\(number) 已合并到 \(target ?? "另一条线索")，请合并到那一条"
        case let .notGraded(number): "请先为 \(number) 评级，再分配"
        case let .alreadyAssigned(number, login): "\(number) 已分配给 \(login)"
        case let .cannotOwnLeads(login, role): "\(login) 的角色是 \(role.rawValue)，线索只能分配给销售或主管"
        case let .away(rep, until): "\(rep) 休假至 \(ErrorTimestamp.text(until))，请选择其他人"
        case let .atCapacity(rep, load, capacity): "\(rep) 已满负荷（\(load)/\(capacity) 条未关闭线索），请选择其他人或提高其容量"
        case let .claimLimitReached(pool, claimed): "今天已从线索池 \(pool) 领取 \(claimed) 条，达到每日上限，请明天再领"
        case let .reasonRequired(purpose): "\(purpose.chinese)需要填写原因（--reason …）"
        case let .unknownEvent(event, known, suggestion):
            "未知行为事件“\(event)”（可用：\(known.joined(separator: "、"))）" + (suggestion.map { "，是否想输入“\($0)”？" } ?? "")
        case .emptyNote: "备注不能为空"
        case let .mergeIntoItself(number): "不能把 \(number) 合并到它自己"
        case let .notWon(number, status): "\(number) 是\(status.chineseName)状态，只能更正已成交线索的金额"
        case let .awaitingApproval(number, approval): "\(number) 已在等待审批 #\(approval)"
        }
    }
}

/// The changes that need a reason, for ``LeadError/reasonRequired(_:)``.
public enum ReasonPurpose: String, Sendable, CaseIterable {
    case grading, objection, returning, reopening, rejecting, correctingAmount

    /// How the English message names the change.
    public var english: String {
        switch self {
        case .grading: "grading"
        case .objection: "an objection"
        case .returning: "returning a lead"
        case .reopening: "reopening"
        case .rejecting: "rejecting"
        case .correctingAmount: "correcting a won amount"
        }
    }

    /// How the Chinese message names the change.
    public var chinese: String {
        switch self {
        case .grading: "评级"
        case .objection: "提出异议"
        case .returning: "退回线索"
        case .reopening: "重新打开线索"
        case .rejecting: "驳回审批"
        case .correctingAmount: "更正成交金额"
        }
    }
}
