import Foundation

/// Turns a won lead into the customer (客户), contact (联系人) and opportunity (商机) records
/// that finance and support work with. The lead itself stays, with its whole history, and points
/// to what it became.
public struct LeadConversion: Hashable, Sendable {
    /// The account to create (or reuse when one with the same name exists).
    public struct Customer: Hashable, Sendable {
        public var name: String
        public var industry: String?
        public var region: String?
        public var city: String?
    }

    /// The person to create under the customer.
    public struct Contact: Hashable, Sendable {
        public var name: String
        public var title: String?
        public var phone: String?
        public var phoneKey: String?
        public var email: String?
    }

    /// The won deal.
    public struct Opportunity: Hashable, Sendable {
        public var title: String
        public var amount: Money
        public var owner: String?
        public var wonAt: Date
    }

    public var customer: Customer
    public var contact: Contact?
    public var opportunity: Opportunity

    /// The conversion of `lead`, won for `amount` at `date`.
    ///
    /// - Throws: ``ConversionError/nonPositiveAmount`` for a zero amount.
    public static func convert(_ lead: Lead, amount: Money, at date: Date) throws(ConversionError) -> LeadConversion {
        guard amount.fen > 0 else { throw .nonPositiveAmount }
        guard amount.isWithinLimit else { throw .amountAboveLimit(amount) }
        let draft = draft(of: lead)
        return LeadConversion(
            customer: draft.customer, contact: draft.contact,
            opportunity: Opportunity(title: draft.title, amount: amount, owner: lead.owner, wonAt: date)
        )
    }

    /// The customer, contact and opportunity title `lead`'s details make, won or not.
    static func draft(of lead: Lead) -> (customer: Customer, contact: Contact?, title: String) {
        let details = lead.details
        let customerName = details.customer ?? lead.number.description
        let contact = details.contact.map {
            Contact(name: $0, title: details.title, phone: details.phone, phoneKey: lead.phoneKey, email: details.email)
        }
        let title = details.need.map { "\(customerName) · \($0)" } ?? customerName
        return (Customer(name: customerName, industry: details.industry, region: details.region, city: details.city),
                contact, String(title.prefix(120)))
    }
}

/// Why a lead could not be converted.
public enum ConversionError: UserFacingError, Equatable {
    case nonPositiveAmount
    /// Above ``Money/limit``.
    case amountAboveLimit(Money)

    public var description: String {
        switch self {
        case .nonPositiveAmount: "a won deal needs an amount above zero (--amount 380000)"
        case let .amountAboveLimit(amount):
            "\(amount) is above the largest amount Clew accepts, \(Money.limit) (金额不能超过 100 亿元)"
        }
    }
}
