/// What the permission rules need to know about one lead.
public struct LeadAccessFacts: Hashable, Sendable {
    public var status: LeadStatus
    /// The owner's login, if the lead has one.
    public var owner: String?
    /// Who registered the lead.
    public var createdBy: String
    /// The pool the lead sits in, when pooled.
    public var pool: String?

    public init(status: LeadStatus, owner: String?, createdBy: String, pool: String? = nil) {
        self.status = status
        self.owner = owner
        self.createdBy = createdBy
        self.pool = pool
    }
}
