import ClewDomain
import Foundation

extension Lead {
    /// The lead's audited fields as the SQLite store names its `lead` columns and writes their
    /// values in audit rows, in the table's order: what the in-memory store's audit trail says
    /// of an update, so both stores' trails read alike (the conformance suite compares them).
    /// `merged_into` is left out: merging still runs on the SQLite store only.
    var auditedFields: [(name: String, text: String?)] {
        func encoded(_ set: Set<String>) -> String {
            set.isEmpty ? "" : "," + set.sorted().joined(separator: ",") + ","
        }
        return [
            ("number", number.description),
            ("status", status.rawValue),
            ("stage", stage),
            ("grade", grade?.rawValue),
            ("suggested_grade", suggestedGrade?.rawValue),
            ("score", score.map(String.init)),
            ("owner", owner),
            ("pool", pool),
            ("customer", details.customer ?? ""),
            ("contact", details.contact),
            ("title", details.title),
            ("phone", details.phone),
            ("email", details.email),
            ("industry", details.industry),
            ("need", details.need),
            ("source", details.source),
            ("campaign", details.campaign),
            ("region", details.region),
            ("city", details.city),
            ("budget", details.budget),
            ("amount_fen", amount.map { String($0.fen) }),
            ("flags", encoded(Set(flags.map(\.rawValue)))),
            ("tags", encoded(tags)),
            ("lost_reason", lostReason?.key),
            ("contact_language", contactLanguage?.rawValue),
            ("customer_id", customerID.map(String.init)),
            ("employees", details.employeeCount.map(String.init)),
            ("revenue_fen", details.annualRevenue.map { String($0.fen) }),
            ("company_type", details.companyKind?.rawValue),
            ("founded_year", details.foundedYear.map(String.init)),
            ("decision_chain", details.decisionChain),
        ]
    }
}
