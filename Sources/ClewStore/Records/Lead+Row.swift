import ClewDomain
import Foundation
import GRDB

// MARK: - Reading

extension Lead {
    /// The columns ``init(row:)`` reads, for SELECTs (`lead.` prefixed, so joins are safe).
    static let selection = """
        lead.id, lead.number, lead.status, lead.stage, lead.grade, lead.suggested_grade, lead.score, lead.owner,
        lead.pool, lead.customer, lead.contact, lead.title, lead.phone, lead.phone_key, lead.email, lead.email_key,
        lead.industry, lead.need, lead.source, lead.campaign, lead.region, lead.city, lead.budget, lead.amount_fen,
        lead.flags, lead.tags, lead.lost_reason, (SELECT m.number FROM lead m WHERE m.id = lead.merged_into) AS merged_number,
        lead.created_by, lead.created_at, lead.updated_by, lead.updated_at, lead.version, lead.status_changed_at,
        lead.stage_entered_at, lead.last_follow_up_at
        """

    /// Reads a lead from a row selected with ``selection``.
    init(row: Row) throws {
        let numberText: String = row["number"]
        guard let number = LeadNumber(numberText) else {
            throw StoreError.sqlite("malformed lead number '\(numberText)' in the database")
        }
        let statusText: String = row["status"]
        guard let status = LeadStatus(rawValue: statusText) else {
            throw StoreError.sqlite("unknown status '\(statusText)' on \(numberText)")
        }
        let details = LeadDraft(
            customer: row["customer"], contact: row["contact"], title: row["title"], phone: row["phone"],
            email: row["email"], industry: row["industry"], need: row["need"], source: row["source"],
            campaign: row["campaign"], region: row["region"], city: row["city"], budget: row["budget"]
        )
        self.init(
            id: row["id"], number: number, status: status, stage: row["stage"],
            grade: (row["grade"] as String?).flatMap(Grade.init(rawValue:)),
            suggestedGrade: (row["suggested_grade"] as String?).flatMap(Grade.init(rawValue:)),
            score: row["score"], owner: row["owner"], pool: row["pool"], details: details,
            phoneKey: row["phone_key"], emailKey: row["email_key"],
            amount: (row["amount_fen"] as Int64?).map(Money.init(fen:)),
            flags: TagSet.decode(row["flags"]), tags: TagSet.decode(row["tags"]),
            lostReason: (row["lost_reason"] as String?).flatMap(LostReason.init(parsing:)),
            mergedInto: (row["merged_number"] as String?).flatMap(LeadNumber.init),
            createdBy: row["created_by"], createdAt: Date(storage: row["created_at"]),
            updatedBy: row["updated_by"], updatedAt: Date(storage: row["updated_at"]),
            version: row["version"], statusChangedAt: Date(storage: row["status_changed_at"]),
            stageEnteredAt: (row["stage_entered_at"] as Double?).map(Date.init(storage:)),
            lastFollowUpAt: (row["last_follow_up_at"] as Double?).map(Date.init(storage:))
        )
    }
}

// MARK: - Writing

extension Lead {
    /// A stored column: its name, its value, and whether a change to it is worth an audit row.
    struct Column {
        let name: String
        let value: DatabaseValue
        let audited: Bool
    }

    /// Every column but `id`, in table order.
    func columns(mergedIntoID: Int64?) -> [Column] {
        func c(_ name: String, _ value: (any DatabaseValueConvertible)?, audited: Bool = true) -> Column {
            Column(name: name, value: value?.databaseValue ?? .null, audited: audited)
        }
        return [
            c("number", number.description),
            c("status", status.rawValue),
            c("stage", stage),
            c("grade", grade?.rawValue),
            c("suggested_grade", suggestedGrade?.rawValue),
            c("score", score),
            c("owner", owner),
            c("pool", pool),
            c("customer", details.customer ?? ""),
            c("contact", details.contact),
            c("title", details.title),
            c("phone", details.phone),
            c("phone_key", phoneKey, audited: false),
            c("email", details.email),
            c("email_key", emailKey, audited: false),
            c("industry", details.industry),
            c("need", details.need),
            c("source", details.source),
            c("campaign", details.campaign),
            c("region", details.region),
            c("city", details.city),
            c("budget", details.budget),
            c("amount_fen", amount?.fen),
            c("flags", TagSet.encode(flags)),
            c("tags", TagSet.encode(tags)),
            c("lost_reason", lostReason?.key),
            c("merged_into", mergedIntoID),
            c("created_by", createdBy, audited: false),
            c("created_at", createdAt.storage, audited: false),
            c("updated_by", updatedBy, audited: false),
            c("updated_at", updatedAt.storage, audited: false),
            c("version", version, audited: false),
            c("status_changed_at", statusChangedAt.storage, audited: false),
            c("stage_entered_at", stageEnteredAt?.storage, audited: false),
            c("last_follow_up_at", lastFollowUpAt?.storage, audited: false),
        ]
    }
}

// MARK: - Encodings

/// Sets of short labels (flags, tags) stored as `,a,b,` so `LIKE '%,a,%'` finds one.
enum TagSet {
    static func encode(_ set: Set<String>) -> String {
        set.isEmpty ? "" : "," + set.sorted().joined(separator: ",") + ","
    }

    static func decode(_ text: String?) -> Set<String> {
        Set((text ?? "").split(separator: ",").map(String.init))
    }
}

extension Date {
    /// Dates are stored as seconds since 1970 (REAL): compact, fast to compare, zone-free.
    var storage: Double { timeIntervalSince1970 }

    init(storage: Double) { self.init(timeIntervalSince1970: storage) }
}
