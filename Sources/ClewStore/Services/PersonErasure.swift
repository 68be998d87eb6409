import ClewDomain
import ClewServices
import Foundation
import GRDB

/// `clew person erase --phone P | --email E` (admins): removes one person's personal data — the
/// PIPL right to deletion — and keeps the history and the counts.
///
/// In one transaction: the contact name, phone and email of every lead and customer contact with
/// that phone or email are cleared; their phone, email and name are replaced by `[已删除]` in
/// follow-ups, notes, custom fields, the outbox and the old/new values of the audit trail; the
/// search index follows (its triggers re-index every changed row). Leads, stages, follow-ups,
/// tasks and audit rows themselves stay, so reports and counts do not change. The erasure is
/// audited — with counts, never with the erased values.
///
/// ```swift
/// let report = try PersonErasure(context: context, actor: admin).erase(phone: "138 0013 8000")
/// report.leads   // 2
/// ```
public struct PersonErasure: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// What an erasure changed.
    public struct Report: Hashable, Sendable, Codable {
        public var leads = 0
        public var contacts = 0
        public var followUps = 0
        public var notes = 0
        public var customFields = 0
        public var outboxMessages = 0
        public var auditValues = 0
    }

    /// Erases the person with this phone or email (exactly one of them).
    ///
    /// - Throws: ``PermissionError`` for anyone but an admin; ``PhoneNumberError`` or
    ///   ``EmailAddressError`` for text that is not a phone or an email;
    ///   ``StoreError/notFound(_:)`` when no lead or contact has it.
    public func erase(phone: String? = nil, email: String? = nil) throws -> Report {
        try AccessPolicy.check(.administer, actor)
        let phoneKey = try phone.map { try PhoneNumber(parsing: $0).normalized }
        let emailKey = try email.map { try EmailAddress(parsing: $0).normalized }
        guard (phoneKey == nil) != (emailKey == nil) else {
            throw ErasureError.needsOnePerson
        }
        let key = phoneKey ?? emailKey ?? ""
        let column = phoneKey != nil ? "phone_key" : "email_key"
        let contactColumn = phoneKey != nil ? "phone_key" : "lower(email)"
        return try context.database.write { db in
            let m = Mutation(db: db, actor: actor, now: context.clock.now())
            let leads = try Row.fetchAll(db, sql: "SELECT id, contact, phone, email FROM lead WHERE \(column) = ?", arguments: [key])
            let contacts = try Row.fetchAll(db, sql: "SELECT id, name, phone, email FROM contact WHERE \(contactColumn) = ?", arguments: [key])
            guard !leads.isEmpty || !contacts.isEmpty else {
                throw StoreError.notFound("no lead or contact has \(phone ?? email ?? "")")
            }
            let rows = leads + contacts
            let redaction = PersonalDataRedaction(
                phones: [phone, phoneKey].compactMap { $0 } + rows.compactMap { $0["phone"] as String? },
                emails: [emailKey].compactMap { $0 } + rows.compactMap { $0["email"] as String? },
                names: leads.compactMap { $0["contact"] as String? } + contacts.compactMap { $0["name"] as String? })
            var report = Report()
            let leadIDs: [Int64] = leads.map { $0["id"] }
            for id in leadIDs {
                try db.execute(sql: """
                    UPDATE lead SET contact = NULL, phone = NULL, phone_key = NULL, email = NULL, email_key = NULL,
                      version = version + 1, updated_by = ?, updated_at = ? WHERE id = ?
                    """, arguments: [actor.login, m.now.storage, id])
                try m.audit("erase", entity: "lead", id: id, field: "personal data")
                report.leads += 1
            }
            for row in contacts {
                try db.execute(sql: "UPDATE contact SET name = ?, phone = NULL, phone_key = NULL, email = NULL WHERE id = ?",
                               arguments: [PersonalDataRedaction.placeholder, row["id"] as Int64])
                report.contacts += 1
            }
            let inLeads = leadIDs.isEmpty ? "0" : leadIDs.map(String.init).joined(separator: ",")
            report.followUps = try redact(db, table: "follow_up", columns: ["content", "feedback", "next_action", "contact_person"],
                                          leads: inLeads, redaction)
            report.notes = try redact(db, table: "note", columns: ["body"], leads: inLeads, redaction)
            report.customFields = try redact(db, table: "lead_extra", key: "rowid", columns: ["value"], leads: inLeads, redaction)
            report.outboxMessages = try redact(db, table: "outbox", columns: ["recipient", "subject", "body"], leads: inLeads, redaction)
            report.auditValues = try redactAudit(db, leads: inLeads, redaction)
            try m.audit("erase", entity: "person", id: 0, field: phoneKey != nil ? "phone" : "email",
                        new: "\(report.leads) leads, \(report.contacts) contacts, \(report.followUps) follow-ups, \(report.notes) notes, "
                            + "\(report.customFields) custom fields, \(report.outboxMessages) messages, \(report.auditValues) audit values")
            return report
        }
    }

    /// Replaces the needles in `columns` of the rows of `table` that belong to the erased leads
    /// or mention the person anywhere; returns how many rows changed.
    private func redact(_ db: Database, table: String, key: String = "id", columns: [String], leads: String,
                        _ redaction: PersonalDataRedaction) throws -> Int {
        let mentions = columns.flatMap { column in redaction.needles.map { _ in "instr(lower(\(column)), ?) > 0" } }
        let arguments = StatementArguments(columns.flatMap { _ in redaction.lowercasedNeedles })
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(key) AS key, \(columns.joined(separator: ", ")) FROM \(table)
            WHERE lead_id IN (\(leads)) OR \(mentions.isEmpty ? "0" : mentions.joined(separator: " OR "))
            """, arguments: arguments)
        var changed = 0
        for row in rows {
            let old = columns.map { row[$0] as String? }
            let new = old.map(redaction.redact)
            guard old != new else { continue }
            try db.execute(sql: "UPDATE \(table) SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE \(key) = ?",
                           arguments: StatementArguments(new + [row["key"] as Int64]))
            changed += 1
        }
        return changed
    }

    /// The audit trail is append-only (its triggers refuse updates); erasure is the one exception:
    /// the trigger is lifted inside this transaction (other connections never see it missing),
    /// the old/new values holding the person's data are blanked, and the trigger is put back from
    /// its exact stored SQL.
    private func redactAudit(_ db: Database, leads: String, _ redaction: PersonalDataRedaction) throws -> Int {
        let mentions = ["old", "new"].flatMap { column in redaction.needles.map { _ in "instr(lower(\(column)), ?) > 0" } }
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, old, new, (entity = 'lead' AND entity_id IN (\(leads)) AND field IN ('contact', 'phone', 'email')) AS personal
            FROM audit
            WHERE (entity = 'lead' AND entity_id IN (\(leads)) AND field IN ('contact', 'phone', 'email'))
               OR \(mentions.isEmpty ? "0" : mentions.joined(separator: " OR "))
            """, arguments: StatementArguments(redaction.lowercasedNeedles + redaction.lowercasedNeedles))
        guard !rows.isEmpty else { return 0 }
        guard let trigger = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_no_update'") else {
            throw StoreError.sqlite("the audit trail's append-only trigger is missing; run `clew doctor`")
        }
        try db.execute(sql: "DROP TRIGGER audit_no_update")
        for row in rows {
            // A contact, phone or email value of an erased lead goes whole; elsewhere, the mentions.
            let personal: Bool = row["personal"]
            let clean: (String?) -> String? = { value in
                personal ? value.map { _ in PersonalDataRedaction.placeholder } : redaction.redact(value)
            }
            try db.execute(sql: "UPDATE audit SET old = ?, new = ? WHERE id = ?",
                           arguments: [clean(row["old"]), clean(row["new"]), row["id"] as Int64])
        }
        try db.execute(sql: trigger)
        return rows.count
    }
}
