import ClewDomain
import Foundation

/// What a lead was converted into (转换线索), shown with the lead.
public struct LeadConversionSummary: Hashable, Sendable, Codable {
    public var customerID: Int64
    public var customerName: String
    /// When the rep converted the lead; nil when the records were made by the win alone.
    public var convertedAt: Date?
    /// The contacts made from this lead under the customer.
    public var contacts: [String]
    public var opportunityID: Int64?
    public var opportunityStatus: OpportunityStatus?
    /// The expected amount while open, the won amount once won.
    public var opportunityAmount: Money?

    /// A value with each of its fields given.
    public init(customerID: Int64, customerName: String, convertedAt: Date? = nil, contacts: [String], opportunityID: Int64? = nil,
                opportunityStatus: OpportunityStatus? = nil, opportunityAmount: Money? = nil) {
        self.customerID = customerID
        self.customerName = customerName
        self.convertedAt = convertedAt
        self.contacts = contacts
        self.opportunityID = opportunityID
        self.opportunityStatus = opportunityStatus
        self.opportunityAmount = opportunityAmount
    }
}
