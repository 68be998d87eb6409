import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Streams leads, customers, follow-ups and tasks out of the database page by page (never the
/// whole table in memory), with the filters and visibility of `lead list`.
///
/// ```swift
/// let export = ExportService(context: context, actor: me)
/// try export.rows(.leads, query: LeadQuery()) { cells in try csv.write(cells) }
/// ```
public struct ExportService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    /// The team's calendar for ``time(_:)``, made once per export (not per cell).
    private let calendar: Calendar

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = context.calendar.timeZone
        self.calendar = calendar
    }

    /// What can be exported.
    public enum Kind: String, Sendable, CaseIterable {
        case leads, customers, followups, tasks
        /// After the win (issue 14): permissioned as ``ReceivableAccess`` reads, not by the lead filters.
        case contracts, instalments, payments, invoices
    }

    /// Rows fetched per page.
    static let pageSize = 1_000

    // MARK: - The audit row

    /// Records an export in the audit trail (`clew audit --action export`): who, what, with
    /// which filters, how many rows and where to — also when it failed part-way.
    public func recordExport(_ kind: Kind, format: String, query: LeadQuery, rows: Int, destination: String?, failed: Bool = false) throws {
        let summary = "\(rows) \(kind.rawValue) as \(format) to \(destination ?? "stdout")\(failed ? " (failed part-way)" : ""); filters: \(query.filterDescription)"
        try context.database.write { db in
            try Mutation(db: db, actor: actor, now: context.clock.now()).audit("export", entity: "export", id: 0, field: kind.rawValue, new: summary)
        }
    }

    // MARK: - Leads

    /// Calls `body` with every lead matching `query` that the actor may see, newest first, a
    /// page of 1000 at a time. Merged tombstones are left out unless `query` asks for them.
    /// Returns how many leads there were.
    @discardableResult
    public func forEachLead(_ query: LeadQuery, _ body: (Lead) throws -> Void) throws -> Int {
        var page = query
        page.limit = Self.pageSize
        page.after = nil
        if page.statuses.isEmpty { page.statuses = LeadStatus.allCases.filter { $0 != .merged } }
        let service = LeadService(context: context, actor: actor)
        var count = 0
        while true {
            let leads = try service.list(page)
            for lead in leads { try body(lead) }
            count += leads.count
            guard leads.count == Self.pageSize, let last = leads.last else { return count }
            page.after = last.number.description
        }
    }

    /// The lead columns of a table export; their names are the import's English headers, so an
    /// exported file imports as it is. The process file's tag dimensions follow, one column each
    /// (``header(_:)``).
    public static let leadHeader = [
        "number", "status", "stage", "grade", "score", "owner", "pool", "customer", "contact", "title", "phone", "email",
        "industry", "need", "source", "campaign", "region", "city", "budget", "amount", "lostReason", "flags", "tags",
        "createdBy", "createdAt", "updatedAt", "capturedAt",
        "employees", "revenue", "company-type", "founded", "decision-chain",
    ]

    /// The header of `kind`'s table in this process: for leads, ``leadHeader`` and then one column
    /// per tag dimension, named after it (客户类型), holding the lead's value of it.
    public func header(_ kind: Kind) -> [String] {
        kind == .leads ? Self.leadHeader + context.process.tagDimensions.map(\.name) : Self.header(kind)
    }

    /// One lead's cells under ``header(_:)``: a tag dimension's value is in its own column, the
    /// `tags` column has the other tags.
    func leadCells(_ lead: Lead) -> [String] {
        let d = lead.details
        let dimensions = context.process.tagDimensions
        let otherTags = dimensions.isEmpty ? lead.tags
            : lead.tags.filter { tag in !dimensions.contains { TagDimension.split(tag)?.name == $0.name } }
        let fixed: [String] = [
            lead.number.description, lead.status.rawValue, lead.stage ?? "", lead.grade?.rawValue ?? "", lead.score.map(String.init) ?? "",
            lead.owner ?? "", lead.pool ?? "", d.customer ?? "", d.contact ?? "", d.title ?? "", d.phone ?? "", d.email ?? "",
            d.industry ?? "", d.need ?? "", d.source ?? "", d.campaign ?? "", d.region ?? "", d.city ?? "", d.budget ?? "",
            lead.amount.map { String(format: "%.2f", $0.yuan) } ?? "", lead.lostReason?.key ?? "",
            lead.flags.sorted().map(\.rawValue).joined(separator: ","), otherTags.sorted().joined(separator: ","),
            lead.createdBy, time(lead.createdAt), time(lead.updatedAt), lead.capturedAt.map(time) ?? "",
        ]
        let revenue: String = d.annualRevenue.map { money in
            "\(money.fen / 100)" + (money.fen % 100 == 0 ? "" : String(format: ".%02d", Int(money.fen % 100)))
        } ?? ""
        let company: [String] = [d.employeeCount.map(String.init) ?? "", revenue, d.companyKind?.chineseName ?? "",
                                 d.foundedYear.map(String.init) ?? "", d.decisionChain ?? ""]
        return fixed + company + dimensions.map { TagDimension.value(of: $0.name, in: lead.tags) ?? "" }
    }

    // MARK: - Any kind as a table

    /// The header of `kind`'s table, without a process's tag dimensions (``header(_:)`` has them).
    public static func header(_ kind: Kind) -> [String] {
        switch kind {
        case .leads: leadHeader
        case .customers: ["id", "name", "industry", "region", "city", "contact", "title", "phone", "email", "sourceLead", "createdBy", "createdAt"]
        case .followups: ["id", "lead", "customer", "at", "author", "method", "contactPerson", "content", "feedback", "nextAction", "nextDue", "stage"]
        case .tasks: ["id", "lead", "customer", "assignee", "title", "kind", "dueAt", "status", "createdBy", "createdAt", "doneAt", "doneBy"]
        case .contracts, .instalments, .payments, .invoices: receivableHeader(kind)
        }
    }

    /// Streams `kind` as rows of text cells (after the ``header(_:)``), filtered by the lead
    /// they belong to. Returns how many rows there were.
    @discardableResult
    public func rows(_ kind: Kind, query: LeadQuery, _ body: ([String]) throws -> Void) throws -> Int {
        if kind == .leads { return try forEachLead(query) { try body(leadCells($0)) } }
        if Self.receivableKinds.contains(kind) { return try receivableRows(kind, body) }
        let (sql, idColumn) = Self.tableQuery(kind)
        var conditions = try leadConditions(query)
        if actor.role != .admin {
            // Rows without a lead: a task is visible to its assignee only, a customer to admins.
            conditions.sql = "(lead.id IS NOT NULL AND \(conditions.sql))"
            if kind == .tasks {
                conditions.sql = "((task.lead_id IS NULL AND task.assignee = ?) OR \(conditions.sql))"
                conditions.arguments = [actor.login] + conditions.arguments
            }
        }
        var afterID: Int64 = 0
        var count = 0
        while true {
            let page = try context.database.read { db in
                try Row.fetchAll(db, sql: "\(sql) WHERE \(conditions.sql) AND \(idColumn) > ? ORDER BY \(idColumn) LIMIT \(Self.pageSize)",
                                 arguments: conditions.arguments + [afterID])
            }
            for row in page { try body(cells(row, kind)) }
            count += page.count
            guard page.count == Self.pageSize, let last = page.last else { return count }
            afterID = last["id"]
        }
    }

    private static func tableQuery(_ kind: Kind) -> (sql: String, id: String) {
        switch kind {
        case .leads, .contracts, .instalments, .payments, .invoices: ("", "lead.id")
        case .customers:
            ("""
            SELECT customer.id, customer.name, customer.industry, customer.region, customer.city, customer.created_by, customer.created_at,
              c.name AS contact, c.title, c.phone, c.email, lead.number AS lead_number
            FROM customer LEFT JOIN lead ON lead.id = customer.source_lead_id
              LEFT JOIN contact c ON c.id = (SELECT min(id) FROM contact WHERE contact.customer_id = customer.id)
            """, "customer.id")
        case .followups:
            ("""
            SELECT follow_up.*, lead.number AS lead_number, lead.customer AS lead_customer
            FROM follow_up JOIN lead ON lead.id = follow_up.lead_id
            """, "follow_up.id")
        case .tasks:
            ("""
            SELECT task.*, lead.number AS lead_number, lead.customer AS lead_customer
            FROM task LEFT JOIN lead ON lead.id = task.lead_id
            """, "task.id")
        }
    }

    private func cells(_ row: Row, _ kind: Kind) -> [String] {
        func text(_ column: String) -> String { (row[column] as String?) ?? "" }
        func date(_ column: String) -> String { (row[column] as Double?).map { time(Date(storage: $0)) } ?? "" }
        let id = String(row["id"] as Int64)
        switch kind {
        case .leads, .contracts, .instalments, .payments, .invoices: return []
        case .customers:
            return [id, text("name"), text("industry"), text("region"), text("city"), text("contact"), text("title"), text("phone"),
                    text("email"), text("lead_number"), text("created_by"), date("created_at")]
        case .followups:
            return [id, text("lead_number"), text("lead_customer"), date("at"), text("author"), text("method"), text("contact_person"),
                    text("content"), text("feedback"), text("next_action"), date("next_due"), text("stage")]
        case .tasks:
            return [id, text("lead_number"), text("lead_customer"), text("assignee"), text("title"), text("kind"), date("due_at"),
                    text("status"), text("created_by"), date("created_at"), date("done_at"), text("done_by")]
        }
    }

    /// The `lead list` filters and the actor's visibility, over the joined `lead` row.
    private func leadConditions(_ query: LeadQuery) throws -> (sql: String, arguments: StatementArguments) {
        try query.criteria(among: [.readableBy(actor)], pipeline: context.pipeline, now: context.clock.now()).sql()
    }

    /// `2026-11-23 14:05` in the team's time zone.
    private func time(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ n: Int?) -> String { let n = n ?? 0; return n < 10 ? "0\(n)" : String(n) }
        let year = String(c.year ?? 0)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
    }
}
