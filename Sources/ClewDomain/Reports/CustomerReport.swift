import Foundation

/// Top customers by won amount (成交金额排名, seed 000).
public struct CustomerReport: Hashable, Sendable, Codable {
    /// One customer's line.
    public struct Line: Hashable, Sendable, Codable {
        public var customerID: Int64
        public var name: String
        public var industry: String?
        public var region: String?
        public var deals: Int
        public var wonAmount: Money
        /// Mean days from registration to win over the customer's deals.
        public var averageCycleDays: Double?
        /// The last follow-up or win on any of the customer's leads.
        public var lastActivityAt: Date?

        public init(customerID: Int64, name: String, industry: String?, region: String?, deals: Int, wonAmount: Money,
                    averageCycleDays: Double?, lastActivityAt: Date?) {
            self.customerID = customerID
            self.name = name
            self.industry = industry
            self.region = region
            self.deals = deals
            self.wonAmount = wonAmount
            self.averageCycleDays = averageCycleDays
            self.lastActivityAt = lastActivityAt
        }
    }

    public var lines: [Line]

    public init(lines: [Line]) { self.lines = lines }
}
