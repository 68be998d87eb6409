import Foundation

/// An invoice (发票) issued against a contract.
public struct Invoice: Hashable, Sendable, Codable {
    public var id: Int64
    public var contractID: Int64
    public var number: String
    public var kind: InvoiceKind
    /// The amount including tax (含税金额).
    public var amount: Money
    public var taxRate: TaxRate
    public var issuedOn: CalendarDay
    public var recordedBy: String

    public init(id: Int64, contractID: Int64, number: String, kind: InvoiceKind, amount: Money, taxRate: TaxRate,
                issuedOn: CalendarDay, recordedBy: String) {
        self.id = id
        self.contractID = contractID
        self.number = number
        self.kind = kind
        self.amount = amount
        self.taxRate = taxRate
        self.issuedOn = issuedOn
        self.recordedBy = recordedBy
    }

    /// The tax inside ``amount``: amount × rate ÷ (1 + rate), to the nearest fen.
    public var tax: Money { taxRate.tax(inGross: amount) }
}

/// The two kinds of VAT invoice.
public enum InvoiceKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// 增值税专用发票: the buyer deducts its input tax.
    case special
    /// 增值税普通发票.
    case normal

    /// Reads `专票`, `普票`, `special`, `normal`.
    public init(parsing text: String) throws(ReceivableError) {
        switch TextNormalization.trimmed(text).lowercased() {
        case "专票", "专用发票", "special": self = .special
        case "普票", "普通发票", "normal": self = .normal
        default: throw .badInvoiceKind(text)
        }
    }

    public var chineseName: String { self == .special ? "专票" : "普票" }
}

/// A VAT rate in hundredths of a percent (13% is 1 300).
public struct TaxRate: Hashable, Sendable, Codable, CustomStringConvertible {
    public var basisPoints: Int

    public init(basisPoints: Int) { self.basisPoints = basisPoints }

    /// Reads `13%`, `6%`, `0%`, `1.5%` (0–100%).
    public init(parsing text: String) throws(ReceivableError) {
        let trimmed = TextNormalization.trimmed(text)
        guard let points = PaymentPlan.Share.basisPoints(trimmed.hasSuffix("%") ? trimmed : trimmed + "%"), points <= 10_000 else {
            throw .badTaxRate(text)
        }
        basisPoints = points
    }

    public var description: String { ReceivableError.percent(basisPoints) }

    /// The tax inside a tax-inclusive `gross`, rounded half up to the fen.
    public func tax(inGross gross: Money) -> Money {
        let numerator = gross.fen * Int64(basisPoints)  // ≤ 10^12 × 10^4
        let denominator = Int64(10_000 + basisPoints)
        return Money(fen: (numerator * 2 + denominator) / (denominator * 2))
    }
}
