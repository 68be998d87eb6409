import Foundation

/// Why a plan, a payment or an invoice was refused.
public enum ReceivableError: BilingualError, Equatable {
    case nonPositiveAmount
    case amountAboveLimit
    case badInstalmentCount(Int)
    case periodNotForward(String)
    case badShare(String)
    case sharesNotWhole(basisPoints: Int)
    case duesNotAscending(String)
    /// More than the open instalments owe, without `--credit`.
    case overpayment(owed: Money, offered: Money)
    /// The contract is not signed yet (plans, invoices and payments follow the signature).
    case notSigned(String)
    /// The contract has no plan yet: payments go against instalments.
    case noPlan(String)
    /// The contract's plan has money against it: it is not replaced.
    case planHasPayments(String)
    /// A plan exists; `--replace` replaces it (when nothing is paid).
    case planExists(String)
    case unknownPayment(Int64)
    case alreadyReversed(Int64)
    /// A reversal is not reversed again: record the payment anew.
    case reversalOfReversal(Int64)
    case badTaxRate(String)
    case badInvoiceKind(String)
    case emptyInvoiceNumber
    case duplicateInvoiceNumber(String)
    /// Invoices would pass the contract's amount.
    case overInvoiced(contract: String, invoiced: Money, amount: Money)
    case emptyReason

    public var english: String {
        switch self {
        case .nonPositiveAmount: "the amount must be above zero"
        case .amountAboveLimit: "the amount is above the largest Clew accepts, \(Money.limit)"
        case let .badInstalmentCount(n): "\(n) instalments: a plan has 1 to \(PaymentPlan.maximumInstalments)"
        case let .periodNotForward(span): "the period '\(span)' must move forward (e.g. '30d', '1 month')"
        case let .badShare(text): "cannot read '\(text)'; write DATE:PERCENT, e.g. 2027-01-15:40%"
        case let .sharesNotWhole(points): "the shares add up to \(Self.percent(points)), not 100%"
        case let .duesNotAscending(day): "due dates must ascend; \(day) is not after the one before"
        case let .overpayment(owed, offered):
            "\(offered) is more than the \(owed) still owed; add --credit to keep the rest as credit on the customer"
        case let .notSigned(number): "contract \(number) is not signed yet; plans, invoices and payments follow the win"
        case let .noPlan(number): "contract \(number) has no payment plan yet (clew receivable plan \(number) …)"
        case let .planHasPayments(number): "contract \(number)'s plan has payments against it; reverse them first"
        case let .planExists(number): "contract \(number) already has a plan; add --replace to replace it"
        case let .unknownPayment(id): "no payment #\(id) that you may see"
        case let .alreadyReversed(id): "payment #\(id) is already reversed"
        case let .reversalOfReversal(id): "payment #\(id) is a reversal; record the payment again instead"
        case let .badTaxRate(text): "cannot read the tax rate '\(text)'; write e.g. 13%, 9%, 6%, 0%"
        case let .badInvoiceKind(text): "'\(text)' is not an invoice type; use 专票 (special) or 普票 (normal)"
        case .emptyInvoiceNumber: "an invoice needs its number (--number)"
        case let .duplicateInvoiceNumber(number): "invoice \(number) is already recorded"
        case let .overInvoiced(contract, invoiced, amount):
            "contract \(contract) would be invoiced \(invoiced), more than its \(amount)"
        case .emptyReason: "a reversal needs a reason (--reason)"
        }
    }

    public var chinese: String {
        switch self {
        case .nonPositiveAmount: "金额必须大于零"
        case .amountAboveLimit: "金额超过上限 100 亿元"
        case let .badInstalmentCount(n): "分期数 \(n) 不在 1 到 \(PaymentPlan.maximumInstalments) 之间"
        case let .periodNotForward(span): "周期「\(span)」必须向后推进"
        case let .badShare(text): "无法识别「\(text)」，格式为 日期:百分比"
        case let .sharesNotWhole(points): "各期比例合计 \(Self.percent(points))，不是 100%"
        case let .duesNotAscending(day): "到期日必须递增，\(day) 不晚于上一期"
        case let .overpayment(owed, offered): "回款 \(offered) 超过未收金额 \(owed)；加 --credit 将多余部分记为客户余额"
        case let .notSigned(number): "合同 \(number) 尚未签订"
        case let .noPlan(number): "合同 \(number) 还没有回款计划"
        case let .planHasPayments(number): "合同 \(number) 的回款计划已有回款，请先冲销"
        case let .planExists(number): "合同 \(number) 已有回款计划；加 --replace 替换"
        case let .unknownPayment(id): "没有可查看的回款 #\(id)"
        case let .alreadyReversed(id): "回款 #\(id) 已冲销"
        case let .reversalOfReversal(id): "回款 #\(id) 本身是冲销记录"
        case let .badTaxRate(text): "无法识别税率「\(text)」"
        case let .badInvoiceKind(text): "「\(text)」不是发票类型，请用 专票 或 普票"
        case .emptyInvoiceNumber: "发票需要号码"
        case let .duplicateInvoiceNumber(number): "发票 \(number) 已登记"
        case let .overInvoiced(contract, invoiced, amount): "合同 \(contract) 开票合计 \(invoiced) 将超过合同金额 \(amount)"
        case .emptyReason: "冲销需要原因"
        }
    }

    static func percent(_ points: Int) -> String {
        points % 100 == 0 ? "\(points / 100)%" : "\(points / 100).\(points % 100 < 10 ? "0" : "")\(points % 100)%"
    }
}
