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
        lead.stage_entered_at, lead.last_follow_up_at, lead.contact_language,
        (SELECT p.number FROM lead p WHERE p.id = lead.previous_lead_id) AS previous_number, lead.customer_id
        """

    /// The names of ``selection``'s columns, in order: ``init(row:)`` reads them by position.
    static let selectionNames = [
        "id", "number", "status", "stage", "grade", "suggested_grade", "score", "owner",
        "pool", "customer", "contact", "title", "phone", "phone_key", "email", "email_key",
        "industry", "need", "source", "campaign", "region", "city", "budget", "amount_fen",
        "flags", "tags", "lost_reason", "merged_number",
        "created_by", "created_at", "updated_by", "updated_at", "version", "status_changed_at",
        "stage_entered_at", "last_follow_up_at", "contact_language", "previous_number", "customer_id",
    ]

    /// Reads a lead from a row whose first columns are ``selection`` (any others follow it).
    ///
    /// Columns are read by position, not by name: a name lookup lower-cases and compares every
    /// column name, which cost more than the rest of decoding a list page.
    init(row: Row) throws {
        let numberText: String = row[1]
        guard let number = LeadNumber(numberText) else {
            throw StoreError.sqlite("malformed lead number '\(numberText)' in the database")
        }
        let statusText: String = row[2]
        guard let status = LeadStatus(rawValue: statusText) else {
            throw StoreError.sqlite("unknown status '\(statusText)' on \(numberText)")
        }
        let details = LeadDraft(
            customer: row[9], contact: row[10], title: row[11], phone: row[12],
            email: row[14], industry: row[16], need: row[17], source: row[18],
            campaign: row[19], region: row[20], city: row[21], budget: row[22]
        )
        self.init(
            id: row[0], number: number, status: status, stage: row[3],
            grade: (row[4] as String?).flatMap(Grade.init(rawValue:)),
            suggestedGrade: (row[5] as String?).flatMap(Grade.init(rawValue:)),
            score: row[6], owner: row[7], pool: row[8], details: details,
            phoneKey: row[13], emailKey: row[15],
            amount: (row[23] as Int64?).map(Money.init(fen:)),
            flags: Set(TagSet.decode(row[24]).compactMap(LeadFlag.init(spelling:))), tags: TagSet.decode(row[25]),
            lostReason: (row[26] as String?).flatMap(LostReason.init(parsing:)),
            mergedInto: (row[27] as String?).flatMap(LeadNumber.init),
            createdBy: row[28], createdAt: Date(storage: row[29]),
            updatedBy: row[30], updatedAt: Date(storage: row[31]),
            version: row[32], statusChangedAt: Date(storage: row[33]),
            stageEnteredAt: (row[34] as Double?).map(Date.init(storage:)),
            lastFollowUpAt: (row[35] as Double?).map(Date.init(storage:)),
            contactLanguage: (row[36] as String?).flatMap(ContactLanguage.init(rawValue:)),
            previousLead: (row[37] as String?).flatMap(LeadNumber.init),
            customerID: row[38]
        )
    }

    /// The leads (and whatever `extra` makes of each row) of a query whose columns start with
    /// ``selection``, decoded straight from the statement's cursor instead of copied rows.
    static func fetchAll<Extra>(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments(),
                                extra: (Row) throws -> Extra) throws -> [(lead: Lead, extra: Extra)] {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var result: [(lead: Lead, extra: Extra)] = []
        while let row = try rows.next() {
            result.append((try Lead(row: row), try extra(row)))
        }
        return result
    }

    /// The leads of a query whose columns start with ``selection``, decoded from its cursor.
    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Lead] {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var result: [Lead] = []
        while let row = try rows.next() {
            result.append(try Lead(row: row))
        }
        return result
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
            c("budget_min_yuan", budgetRange?.minYuan, audited: false),
            c("budget_max_yuan", budgetRange?.maxYuan, audited: false),
            c("amount_fen", amount?.fen),
            c("flags", TagSet.encode(Set(flags.map(\.rawValue)))),
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
            c("contact_language", contactLanguage?.rawValue),
            c("customer_id", customerID),
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

// MARK: - Concurrency

extension Lead {
    /// Columns recomputed from others (the score from the details and events, the flags from
    /// the phone and the automation): a concurrent change to them never makes an edit stale.
    static let derivedColumns: Set<String> = ["score", "suggested_grade", "flags"]

    /// Columns outside ``Lead`` that ``Mutation/update(_:to:action:mergedIntoID:also:)`` writes
    /// without an audit row of their own (timestamps and the score breakdown); the change that
    /// sets them is audited.
    static let silentColumns: Set<String> = ["assigned_at", "closed_at", "score_parts", "previous_lead_id"]
}
