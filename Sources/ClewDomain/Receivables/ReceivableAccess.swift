import Foundation

/// Who may see and change customers, contracts and money (issue 14): finance and supervisors
/// see all of it; a rep sees the customers of their own deals; support reads everything and
/// changes nothing; marketing sees none of it. Finance (and admins) record plans, invoices and
/// payments; a draft contract's lines and dates are also the owning rep's and the supervisors'.
public enum ReceivableAccess {
    /// What is asked.
    public enum Action: String, Hashable, Sendable, CaseIterable {
        case read
        case editContract = "edit-contract"
        case recordInvoice = "record-invoice"
        case planPayments = "plan-payments"
        case recordPayment = "record-payment"
    }

    /// Whether `user` sees every customer (else only those of their own deals).
    public static func seesAll(_ user: ActingUser) -> Bool {
        [.admin, .supervisor, .finance, .support].contains(user.role)
    }

    /// Whether `user` may do `action` to a contract owned by `owner` (in `status`).
    public static func allows(_ action: Action, owner: String?, status: ContractStatus, by user: ActingUser) -> Bool {
        let sees = seesAll(user) || user.role == .rep && owner == user.login
        guard sees else { return false }
        switch (action, user.role) {
        case (.read, _): return true
        case (_, .admin), (_, .finance): return action != .editContract || status != .cancelled
        case (.editContract, .supervisor): return status != .cancelled
        case (.editContract, .rep): return status == .draft
        default: return false
        }
    }

    /// Throws unless `user` may do `action` to `contract`.
    public static func check(_ action: Action, _ contract: Contract, by user: ActingUser) throws(ReceivableAccessError) {
        guard allows(.read, owner: contract.owner, status: contract.status, by: user) else { throw .notVisible(contract.number) }
        guard allows(action, owner: contract.owner, status: contract.status, by: user) else {
            throw .denied(action, contract: contract.number, login: user.login, role: user.role)
        }
    }
}

/// Why a customer's or a contract's record was refused.
public enum ReceivableAccessError: BilingualError, Equatable {
    case notVisible(String)
    case denied(ReceivableAccess.Action, contract: String, login: String, role: Role)

    public var english: String {
        switch self {
        case let .notVisible(what): "no \(what) that you may see"
        case let .denied(action, contract, login, role):
            "\(login) (\(role)) may not \(action.rawValue.replacingOccurrences(of: "-", with: " ")) on \(contract); finance records plans, invoices and payments"
        }
    }

    public var chinese: String {
        switch self {
        case let .notVisible(what): "没有可查看的 \(what)"
        case let .denied(_, contract, login, role): "\(login)（\(role.chineseName)）无权修改 \(contract)；回款计划、发票和回款由财务登记"
        }
    }
}
