/// Which deals need approval beyond a stage skip (seed 000: 销售总监可审批合同), as the process
/// file's `[approvals]` sets it: entering the contract stage (合同签订), or any deal expected
/// above an amount; above a second amount the owner's supervisor's own supervisor (总监) decides.
public struct ApprovalPolicy: Hashable, Codable, Sendable {
    /// Every deal entering the contract stage needs the owner's supervisor's approval.
    public var contractStage: Bool
    /// A deal expected above this needs approval to enter the contract stage (nil: no threshold).
    public var amountAbove: Money?
    /// Above this the approver is the supervisor's own supervisor (nil: the supervisor always).
    public var directorAbove: Money?

    public init(contractStage: Bool = false, amountAbove: Money? = nil, directorAbove: Money? = nil) {
        self.contractStage = contractStage
        self.amountAbove = amountAbove
        self.directorAbove = directorAbove
    }

    /// The standard policy: deals expected above 100万 need the supervisor, above 500万 the director.
    public static let standard = ApprovalPolicy(contractStage: false, amountAbove: Money(yuan: 1_000_000), directorAbove: Money(yuan: 5_000_000))

    /// Who must approve.
    public enum Level: String, Hashable, Codable, Sendable, Comparable {
        /// The owner's supervisor (销售主管).
        case supervisor
        /// The supervisor's own supervisor (销售总监); an admin when there is none.
        case director

        public static func < (a: Level, b: Level) -> Bool { a == .supervisor && b == .director }
    }

    /// Why approval is needed, and from whom.
    public struct Requirement: Hashable, Sendable {
        public var level: Level
        /// The expected amount that set the level, when an amount threshold did.
        public var amount: Money?
    }

    /// What entering the contract stage needs for a deal expected at `expected` (nil: unknown):
    /// nil when nothing is needed.
    public func requirement(enteringContract expected: Money?) -> Requirement? {
        if let expected, let directorAbove, expected > directorAbove { return Requirement(level: .director, amount: expected) }
        if let expected, let amountAbove, expected > amountAbove { return Requirement(level: .supervisor, amount: expected) }
        return contractStage ? Requirement(level: .supervisor, amount: nil) : nil
    }

    /// The expected amount of a lead: its amount when set, else its budget's upper end (or lower
    /// end when open-ended).
    public static func expectedAmount(of lead: Lead) -> Money? {
        if let amount = lead.amount { return amount }
        guard let range = lead.budgetRange else { return nil }
        return Money(yuan: range.maxYuan ?? range.minYuan)
    }

    /// The approver for `level`: the owner's supervisor, or that supervisor's own; nil when the
    /// chain has no one there (an admin decides then).
    public static func approver(_ level: Level, supervisor: String?, director: String?) -> String? {
        switch level {
        case .supervisor: supervisor
        case .director: director
        }
    }

    /// What is wrong with the amounts (out of range, or the second below the first).
    public var problems: [String] {
        var found: [String] = []
        for amount in [amountAbove, directorAbove].compactMap({ $0 }) where amount.fen < 0 || !amount.isWithinLimit {
            found.append("\(amount) is not an amount Clew accepts (0 to \(Money.limit))")
        }
        if let amountAbove, let directorAbove, directorAbove < amountAbove {
            found.append("director_above_yuan (\(directorAbove)) must not be below amount_above_yuan (\(amountAbove))")
        }
        return found
    }
}
