/// Why a change to the user directory was refused.
public enum UserDirectoryError: BilingualError, Equatable {
    /// A user with that login exists.
    case exists(login: String)
    /// The user is deactivated: they cannot be given work or act.
    case deactivated(login: String)
    /// The user was deactivated before.
    case alreadyDeactivated(login: String)
    /// Someone's work cannot be handed over to themself.
    case handoverToSelf(login: String)
    /// The last active admin cannot be deactivated.
    case lastAdmin(login: String)
    /// The successor's role cannot own the open leads being handed over.
    case successorCannotOwnLeads(successor: String, role: Role, login: String, openLeads: Int)

    public var english: String {
        switch self {
        case let .exists(login): "user \(login) already exists"
        case let .deactivated(login): "\(login) is deactivated"
        case let .alreadyDeactivated(login): "\(login) is already deactivated"
        case let .handoverToSelf(login): "cannot hand \(login)'s work over to \(login)"
        case let .lastAdmin(login): "\(login) is the last active admin; make someone else admin first"
        case let .successorCannotOwnLeads(successor, role, login, openLeads):
            "\(successor) is \(role.rawValue) and cannot take over \(login)'s \(openLeads) open leads; hand over to a rep or supervisor"
        }
    }

    public var chinese: String {
        switch self {
        case let .exists(login): "用户 \(login) 已存在"
        case let .deactivated(login): "\(login) 已停用"
        case let .alreadyDeactivated(login): "\(login) 已经停用"
        case let .handoverToSelf(login): "不能把 \(login) 的工作交接给自己"
        case let .lastAdmin(login): "\(login) 是最后一位在职管理员，请先设置其他管理员"
        case let .successorCannotOwnLeads(successor, role, login, openLeads):
            "\(successor) 的角色是 \(role.rawValue)，不能接手 \(login) 的 \(openLeads) 条未结线索；请交接给销售或主管"
        }
    }
}
