import ClewDomain
import Foundation

/// Finding the lead a registration or an edit duplicates, by its normalised phone or email.
public enum DuplicateLookup {
    /// How far a chain of merges is followed (a merged lead names the one it went into).
    static let mergeHops = 16

    /// The existing lead with the same normalised phone or email as `lead` (phone first; a
    /// merged tombstone followed to the lead it was merged into), with the refusal naming it.
    public static func match(_ lead: ValidatedLead, in leads: any LeadRepository,
                             excluding id: Int64? = nil) throws -> (lead: Lead, error: DuplicateLeadError)? {
        let keys = [lead.phone.map { ContactKey.phone($0.normalized) }, lead.email.map { ContactKey.email($0.normalized) }]
        for case let key? in keys {
            guard var found = try leads.firstLead(withContact: key, excluding: id) else { continue }
            var hops = 0
            while found.status == .merged, let target = found.mergedInto, hops < mergeHops, let next = try leads.lead(number: target) {
                found = next
                hops += 1
            }
            if let id, found.id == id { continue }
            let shown: String
            switch key {
            case let .phone(normalized): shown = found.details.phone ?? normalized
            case let .email(normalized): shown = found.details.email ?? normalized
            }
            return (found, DuplicateLeadError(number: found.number.description, owner: found.owner, field: key.field, value: shown))
        }
        return nil
    }

    /// The refusal of an edit that gives lead `id` the phone or email of an open lead `actor`
    /// can see (naming it) or cannot (without naming it); nil when it duplicates no open lead.
    public static func refusal(of lead: ValidatedLead, in leads: any LeadRepository, excluding id: Int64? = nil,
                               by actor: ActingUser) throws -> (any Error)? {
        guard let match = try match(lead, in: leads, excluding: id) else { return nil }
        switch DuplicatePolicy.decide(DuplicatePolicy.Match(match.lead.accessFacts, by: actor)) {
        case .register, .repeatPurchase, .followLostLead: return nil
        case .refuseNaming: return match.error
        case .refuseHidden: return HiddenDuplicateError()
        }
    }
}
