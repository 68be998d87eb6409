/// The one rule for a new registration whose phone or email matches an existing lead (issue 11),
/// used by `lead add`, import and intake alike:
///
/// - an open lead the registrant can see → refused, naming its number and owner (or merged into
///   it with `--merge-into`; an import merges into it when the importer may edit it);
/// - an open lead they cannot see → refused without naming its number or owner, and that lead's
///   supervisor is told (no one learns about another team's lead from a refusal);
/// - a won lead → a new lead linked to that customer (a repeat purchase), not a refusal;
/// - a lost lead → a new lead linked to the old one, whose history stays one key away.
///
/// A match on a merged tombstone is decided on the lead it was merged into.
public enum DuplicatePolicy {
    /// What the registering user may know and do about the lead a registration matched.
    public struct Match: Hashable, Sendable {
        /// The matched lead's status (after following merges).
        public var status: LeadStatus
        /// Whether the registrant may see the matched lead.
        public var visible: Bool
        /// Whether the registrant may edit it (merge details into it).
        public var editable: Bool

        public init(status: LeadStatus, visible: Bool, editable: Bool) {
            self.status = status
            self.visible = visible
            self.editable = editable && visible
        }

        /// The match as `user` sees a lead with `facts`.
        public init(_ facts: LeadAccessFacts, by user: ActingUser) {
            self.init(status: facts.status, visible: AccessPolicy.canRead(facts, by: user),
                      editable: AccessPolicy.allows(.edit, on: facts, by: user))
        }
    }

    /// What to do with the registration.
    public enum Decision: Hashable, Sendable {
        /// No match: register it.
        case register
        /// An open lead the registrant can see: refuse, naming it (`editable`: a merge is possible).
        case refuseNaming(editable: Bool)
        /// An open lead the registrant cannot see: refuse without naming it; tell its supervisor.
        case refuseHidden
        /// A won lead: register a new lead linked to its customer (a repeat purchase).
        case repeatPurchase
        /// A lost lead: register a new lead linked to it.
        case followLostLead
    }

    /// The decision for a registration matching `match` (nil: nothing matched).
    public static func decide(_ match: Match?) -> Decision {
        guard let match else { return .register }
        switch match.status {
        case .won: return .repeatPurchase
        case .lost: return .followLostLead
        // A tombstone's survivor is looked up first; one left dangling blocks nothing.
        case .merged: return .register
        case .new, .screening, .assigned, .active, .pooled:
            return match.visible ? .refuseNaming(editable: match.editable) : .refuseHidden
        }
    }

    /// The refusal a registrant sees for a hidden match: it names neither the lead nor its owner.
    public static let hiddenRefusal =
        "this phone or email belongs to an open lead of another team; its supervisor has been told "
        + "(该电话或邮箱属于其他团队正在跟进的线索,已通知其主管)"
}
