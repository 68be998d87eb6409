/// Converting a lead once the rep has confirmed the customer's intent, before the win (转换线索,
/// seed 003: 确认客户的意图和需要后，就可以把线索转化为客户或商机): the customer always, and the
/// contact and the opportunity when asked for. The win later closes that opportunity instead of
/// creating another one.
public struct IntentConversion: Hashable, Sendable {
    /// What a lead already became, read from the store.
    public struct Existing: Hashable, Sendable {
        /// The customer the lead was converted into (or a repeat purchase comes from).
        public var customerID: Int64?
        /// Whether the lead was converted already (a customer made for it by `convert`).
        public var converted: Bool
        /// Whether a contact was made from this lead.
        public var hasContact: Bool
        /// The lead's opportunity, if one exists.
        public var opportunity: OpportunityStatus?

        public init(customerID: Int64? = nil, converted: Bool = false, hasContact: Bool = false, opportunity: OpportunityStatus? = nil) {
            self.customerID = customerID
            self.converted = converted
            self.hasContact = hasContact
            self.opportunity = opportunity
        }
    }

    /// The customer to create, or the existing one to reuse (``Existing/customerID``).
    public var customer: LeadConversion.Customer
    /// The contact to create, when asked for and not made before.
    public var contact: LeadConversion.Contact?
    /// The open opportunity to create (or to reopen, after a loss), when asked for.
    public var opportunity: OpenOpportunity?

    /// The opportunity while the deal is worked: its expected amount is the lead's, if any.
    public struct OpenOpportunity: Hashable, Sendable {
        public var title: String
        public var expectedAmount: Money?
        public var owner: String?
    }

    /// What converting `lead` makes, given what it became already.
    ///
    /// - Parameters:
    ///   - contact: also create the contact (联系人) from the lead's contact person.
    ///   - opportunity: also create the opportunity (商机).
    /// - Throws: ``IntentConversionError/notActive(number:status:)`` unless the lead is active
    ///   (confirmed and worked in the pipeline); ``IntentConversionError/noContactPerson(number:)``
    ///   for `contact` on a lead without one; ``IntentConversionError/alreadyConverted(number:)``
    ///   when everything asked for exists already.
    public static func plan(_ lead: Lead, contact: Bool, opportunity: Bool, existing: Existing) throws(IntentConversionError) -> IntentConversion {
        let number = lead.number.description
        guard lead.status == .active else { throw .notActive(number: number, status: lead.status) }
        let won = LeadConversion.draft(of: lead)
        if contact, won.contact == nil { throw .noContactPerson(number: number) }
        let newContact = contact && !existing.hasContact
        let newOpportunity = opportunity && existing.opportunity != .open
        guard !existing.converted || newContact || newOpportunity else { throw .alreadyConverted(number: number) }
        return IntentConversion(
            customer: won.customer,
            contact: newContact ? won.contact : nil,
            opportunity: newOpportunity ? OpenOpportunity(title: won.title, expectedAmount: lead.amount, owner: lead.owner) : nil)
    }
}

/// Why a lead could not be converted before the win.
public enum IntentConversionError: BilingualError, Equatable {
    /// Only an active lead (confirmed by its owner, in the pipeline) is converted.
    case notActive(number: String, status: LeadStatus)
    /// `--contact` on a lead that names no contact person.
    case noContactPerson(number: String)
    /// The customer, and the contact and opportunity asked for, exist already.
    case alreadyConverted(number: String)

    public var english: String {
        switch self {
        case let .notActive(number, status):
            "\(number) is \(status); only an active lead, confirmed by its owner, is converted"
        case let .noContactPerson(number): "\(number) names no contact person; add one (lead edit --contact) before --contact"
        case let .alreadyConverted(number): "\(number) is converted already; nothing more to create"
        }
    }

    public var chinese: String {
        switch self {
        case let .notActive(number, status): "\(number) 状态为\(status.chineseName)，只有跟进中的线索可以转换"
        case let .noContactPerson(number): "\(number) 没有联系人，请先补充联系人"
        case let .alreadyConverted(number): "\(number) 已转换，无需重复转换"
        }
    }
}
