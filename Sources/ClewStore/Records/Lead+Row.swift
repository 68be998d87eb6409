import ClewDomain
import ClewServices
import Foundation
import GRDB

// MARK: - Reading

/// The columns a lead is read from, in the order of ``Lead/selection``: one mapping, so the SQL
/// and the decoding cannot drift apart (a test compares the names SQLite reports with these).
///
/// Rows are read by position (``Lead/init(row:)``), not by name: a name lookup lower-cases and
/// compares every column name, which cost more than the rest of decoding a list page.
enum LeadColumn: Int, CaseIterable {
    case id, number, status, stage, grade, suggestedGrade, score, owner
    case pool, customer, contact, title, phone, phoneKey, email, emailKey
    case industry, need, source, campaign, region, city, budget, amountFen
    case flags, tags, lostReason, mergedNumber
    case createdBy, createdAt, updatedBy, updatedAt, version, statusChangedAt
    case stageEnteredAt, lastFollowUpAt, contactLanguage, previousNumber, customerID
    case employees, revenueFen, companyType, foundedYear, decisionChain, capturedAt

    /// The column's name in the result (snake case, as the table spells it).
    var name: String {
        switch self {
        case .customerID: "customer_id"
        default: String(describing: self).reduce(into: "") { name, character in
            if character.isUppercase { name += "_" + character.lowercased() } else { name.append(character) }
        }
        }
    }

    /// The expression that selects it (`lead.`-prefixed, so joins are safe).
    var expression: String {
        switch self {
        case .mergedNumber: "(SELECT m.number FROM lead m WHERE m.id = lead.merged_into) AS merged_number"
        case .previousNumber: "(SELECT p.number FROM lead p WHERE p.id = lead.previous_lead_id) AS previous_number"
        default: "lead.\(name)"
        }
    }
}

extension Lead {
    /// The columns ``init(row:)`` reads, for SELECTs: ``LeadColumn`` in order.
    static let selection = LeadColumn.allCases.map(\.expression).joined(separator: ", ")

    /// The names of ``selection``'s columns, in order.
    static let selectionNames = LeadColumn.allCases.map(\.name)

    /// Reads a lead from a row whose first columns are ``selection`` (any others follow it).
    init(row: Row) throws {
        func value<T: DatabaseValueConvertible>(_ column: LeadColumn) -> T { row[column.rawValue] }
        func optional<T: DatabaseValueConvertible>(_ column: LeadColumn) -> T? { row[column.rawValue] }
        let numberText: String = value(.number)
        guard let number = LeadNumber(numberText) else {
            throw StoreError.sqlite("malformed lead number '\(numberText)' in the database")
        }
        let statusText: String = value(.status)
        guard let status = LeadStatus(rawValue: statusText) else {
            throw StoreError.sqlite("unknown status '\(statusText)' on \(numberText)")
        }
        let details = LeadDraft(
            customer: optional(.customer), contact: optional(.contact), title: optional(.title), phone: optional(.phone),
            email: optional(.email), industry: optional(.industry), need: optional(.need), source: optional(.source),
            campaign: optional(.campaign), region: optional(.region), city: optional(.city), budget: optional(.budget),
            employees: (optional(.employees) as Int?).map(String.init),
            revenue: (optional(.revenueFen) as Int64?).map { Money(fen: $0).description },
            companyType: (optional(.companyType) as String?).flatMap(CompanyType.init(rawValue:))?.chineseName,
            founded: (optional(.foundedYear) as Int?).map(String.init), decisionChain: optional(.decisionChain)
        )
        self.init(
            id: value(.id), number: number, status: status, stage: optional(.stage),
            grade: (optional(.grade) as String?).flatMap(Grade.init(rawValue:)),
            suggestedGrade: (optional(.suggestedGrade) as String?).flatMap(Grade.init(rawValue:)),
            score: optional(.score), owner: optional(.owner), pool: optional(.pool), details: details,
            phoneKey: optional(.phoneKey), emailKey: optional(.emailKey),
            amount: (optional(.amountFen) as Int64?).map(Money.init(fen:)),
            flags: Set(TagSet.decode(optional(.flags)).compactMap(LeadFlag.init(spelling:))), tags: TagSet.decode(optional(.tags)),
            lostReason: (optional(.lostReason) as String?).flatMap(LostReason.init(parsing:)),
            mergedInto: (optional(.mergedNumber) as String?).flatMap(LeadNumber.init),
            createdBy: value(.createdBy), createdAt: Date(storage: value(.createdAt)),
            updatedBy: value(.updatedBy), updatedAt: Date(storage: value(.updatedAt)),
            version: value(.version), statusChangedAt: Date(storage: value(.statusChangedAt)),
            stageEnteredAt: (optional(.stageEnteredAt) as Double?).map(Date.init(storage:)),
            lastFollowUpAt: (optional(.lastFollowUpAt) as Double?).map(Date.init(storage:)),
            contactLanguage: (optional(.contactLanguage) as String?).flatMap(ContactLanguage.init(rawValue:)),
            previousLead: (optional(.previousNumber) as String?).flatMap(LeadNumber.init),
            customerID: optional(.customerID),
            capturedAt: (optional(.capturedAt) as Double?).map(Date.init(storage:))
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
            c("employees", details.employeeCount),
            c("revenue_fen", details.annualRevenue?.fen),
            c("company_type", details.companyKind?.rawValue),
            c("founded_year", details.foundedYear),
            c("decision_chain", details.decisionChain),
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
    package var storage: Double { timeIntervalSince1970 }

    package init(storage: Double) { self.init(timeIntervalSince1970: storage) }
}

// MARK: - Concurrency

extension Lead {
    /// Columns outside ``Lead`` that ``Mutation/update(_:to:action:mergedIntoID:also:)`` writes
    /// without an audit row of their own (timestamps and the score breakdown); the change that
    /// sets them is audited.
    static let silentColumns: Set<String> = ["assigned_at", "closed_at", "score_parts", "previous_lead_id"]
}
