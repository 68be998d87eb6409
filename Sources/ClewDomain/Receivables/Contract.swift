import Foundation

/// A contract (合同) on a customer: opened as a draft when its deal enters the contract stage
/// (合同签订), signed when the deal is won. Its amount is the total of its lines when it has
/// lines, else the deal's amount.
public struct Contract: Hashable, Sendable, Codable {
    public var id: Int64
    /// `HT-` and the lead's number: `HT-20261123-0007`.
    public var number: String
    public var customerID: Int64
    public var customerName: String
    public var leadID: Int64
    public var leadNumber: String
    /// The rep whose deal it is.
    public var owner: String?
    public var status: ContractStatus
    public var amount: Money
    public var signedOn: CalendarDay?
    public var expectedDelivery: CalendarDay?
    public var lines: [ContractLine]
    public var version: Int

    public init(id: Int64, number: String, customerID: Int64, customerName: String, leadID: Int64, leadNumber: String, owner: String?,
                status: ContractStatus, amount: Money, signedOn: CalendarDay?, expectedDelivery: CalendarDay?, lines: [ContractLine] = [],
                version: Int = 1) {
        self.id = id
        self.number = number
        self.customerID = customerID
        self.customerName = customerName
        self.leadID = leadID
        self.leadNumber = leadNumber
        self.owner = owner
        self.status = status
        self.amount = amount
        self.signedOn = signedOn
        self.expectedDelivery = expectedDelivery
        self.lines = lines
        self.version = version
    }

    /// The contract number for the deal `leadNumber`.
    public static func number(forLead leadNumber: String) -> String { "HT-\(leadNumber)" }
}

/// Where a contract is in its life.
public enum ContractStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// Opened on entering the contract stage; lines and dates still being agreed.
    case draft
    /// The deal was won: the contract is in force, and finance plans and collects it.
    case signed
    /// The deal was lost before signing.
    case cancelled

    public var chineseName: String {
        switch self {
        case .draft: "草稿"
        case .signed: "已签订"
        case .cancelled: "已作废"
        }
    }
}

/// One line of a contract: a product or service, how many, at what unit price.
public struct ContractLine: Hashable, Sendable, Codable {
    public var item: String
    public var quantity: Int
    public var unitPrice: Money

    /// The most units one line may hold.
    public static let maximumQuantity = 1_000_000
    /// The most lines one contract may hold.
    public static let maximumLines = 200

    public init(item: String, quantity: Int, unitPrice: Money) {
        self.item = item
        self.quantity = quantity
        self.unitPrice = unitPrice
    }

    /// Parses `ITEM:QUANTITY:UNIT_PRICE` (`软件许可:2:19万`, `实施服务:1:50000`); the item may
    /// itself contain colons (the last two fields are the numbers).
    public init(parsing text: String) throws(ContractError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3 else { throw .badLine(text) }
        let item = TextNormalization.trimmed(parts.dropLast(2).joined(separator: ":"))
        guard !item.isEmpty, item.count <= 120 else { throw .badLine(text) }
        guard let quantity = Int(TextNormalization.trimmed(parts[parts.count - 2])) else { throw .badLine(text) }
        guard let price = Money(parsing: parts[parts.count - 1]) else { throw .badLine(text) }
        self.init(item: item, quantity: quantity, unitPrice: price)
        _ = try total()
    }

    /// Quantity × unit price, exact in fen.
    ///
    /// - Throws: ``ContractError/badQuantity(_:)`` outside 1…``maximumQuantity``,
    ///   ``ContractError/amountAboveLimit(_:)`` when the total passes ``Money/limit``.
    public func total() throws(ContractError) -> Money {
        guard (1...Self.maximumQuantity).contains(quantity) else { throw .badQuantity(quantity) }
        guard unitPrice.fen >= 0, unitPrice.isWithinLimit else { throw .amountAboveLimit(item) }
        let (product, overflow) = unitPrice.fen.multipliedReportingOverflow(by: Int64(quantity))
        guard !overflow, Money(fen: product).isWithinLimit else { throw .amountAboveLimit(item) }
        return Money(fen: product)
    }

    /// The total of `lines`, exact in fen.
    ///
    /// - Throws: ``ContractError`` for a bad line, too many lines or a total above ``Money/limit``.
    public static func total(of lines: [ContractLine]) throws(ContractError) -> Money {
        guard lines.count <= maximumLines else { throw .tooManyLines(lines.count) }
        var sum: Int64 = 0
        for line in lines {
            sum += try line.total().fen  // each within the limit, so the sum of 200 fits in Int64
            guard Money(fen: sum).isWithinLimit else { throw .amountAboveLimit(line.item) }
        }
        return Money(fen: sum)
    }
}

/// Why a contract could not be changed.
public enum ContractError: BilingualError, Equatable {
    case badLine(String)
    case badQuantity(Int)
    case tooManyLines(Int)
    case amountAboveLimit(String)
    /// Only a draft's lines and amount change; a signed contract is changed by finance's plan.
    case notDraft(String, ContractStatus)
    /// A contract needs an amount above zero before it is planned or signed.
    case noAmount(String)
    case unknown(String)

    public var english: String {
        switch self {
        case let .badLine(text): "cannot read the contract line '\(text)'; write ITEM:QUANTITY:UNIT_PRICE, e.g. '软件许可:2:190000'"
        case let .badQuantity(n): "quantity \(n) is not between 1 and \(ContractLine.maximumQuantity)"
        case let .tooManyLines(n): "\(n) lines is more than the \(ContractLine.maximumLines) a contract may hold"
        case let .amountAboveLimit(item): "the total of '\(item)' is above the largest amount Clew accepts, \(Money.limit)"
        case let .notDraft(number, status): "contract \(number) is \(status.rawValue); only a draft's lines and amount change"
        case let .noAmount(number): "contract \(number) has no amount yet: give it lines or an amount (clew contract edit \(number) --amount …)"
        case let .unknown(number): "no contract \(number) that you may see (clew contract list)"
        }
    }

    public var chinese: String {
        switch self {
        case let .badLine(text): "无法识别合同明细「\(text)」，格式为 品名:数量:单价"
        case let .badQuantity(n): "数量 \(n) 不在 1 到 \(ContractLine.maximumQuantity) 之间"
        case let .tooManyLines(n): "合同明细 \(n) 行，超过上限 \(ContractLine.maximumLines) 行"
        case let .amountAboveLimit(item): "「\(item)」的金额超过上限 100 亿元"
        case let .notDraft(number, status): "合同 \(number) \(status.chineseName)，只能修改草稿的明细和金额"
        case let .noAmount(number): "合同 \(number) 还没有金额"
        case let .unknown(number): "没有可查看的合同 \(number)"
        }
    }
}
