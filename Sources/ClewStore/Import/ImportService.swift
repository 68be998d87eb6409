import ClewDomain
import Foundation
import GRDB

/// Imports leads from CSV and .xlsx files (issue 5): every row goes through the rules of
/// `clew lead add` — validation, normalisation, duplicate detection, scoring, region from the
/// city, an audit row per lead — inside **one** write transaction, so an import is all or
/// nothing (a `kill -9` half-way leaves the database exactly as it was).
///
/// ```swift
/// let summary = try ImportService(context: context, actor: me).run(path: "leads.csv")
/// summary.line   // "1284 rows: 1102 new leads, 131 merged into existing leads, 51 rejected (see leads.rejects.csv), 17 flagged"
/// ```
///
/// Rows that match a lead by normalised phone or email — in the database or earlier in the same
/// file — are merged into it with ``LeadMerging/absorb(_:from:into:_:)`` (empty fields filled,
/// differing values kept as a note, owner unchanged, the import in its history); a row that
/// adds nothing is counted as `unchanged`, so importing a file twice writes nothing the second time.
public struct ImportService: Sendable {
    let context: ClewContext
    /// The user importing.
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// How many rows of the rejects are listed in the summary itself.
    static let rejectsInSummary = 20
    /// How many lead numbers are reserved at a time.
    static let numberChunk = 512

    /// Imports the file at `path`.
    ///
    /// - Parameter progress: called every few hundred rows (on the calling thread).
    /// - Throws: ``PermissionError`` (the actor may not register leads), ``ImportFileError``
    ///   (the file cannot be read or parsed: nothing is written), ``StoreError``.
    public func run(path: String, options: ImportOptions = ImportOptions(),
                    progress: ((ImportProgress) -> Void)? = nil) throws -> ImportSummary {
        try AccessPolicy.check(.registerLeads, actor)
        let started = Date()
        let fileName = (path as NSString).lastPathComponent
        // The file the user named is read with the user's own group only (a team install).
        var source = try Privilege.asUser { try ImportSource.open(path, options: options) }
        var summary = ImportSummary(file: fileName, format: source.format, encoding: source.encoding?.rawValue, sheet: source.sheet)
        summary.dryRun = options.dryRun

        // The header: the first row with recognisable headers among the first few (a title
        // line such as 客户信息登记表 may sit above it).
        var buffered: [TabularRecord] = []
        while buffered.count < 10, let record = try source.records.next() {
            if !record.isBlank { buffered.append(record) }
        }
        guard !buffered.isEmpty else { throw ImportFileError.empty(fileName) }
        let headerIndex = buffered.firstIndex { ImportColumnMapping.recognisedCount($0.cells) >= 2 }
            ?? buffered.firstIndex { ImportColumnMapping.recognisedCount($0.cells) >= 1 } ?? 0
        let header = buffered[headerIndex]
        let mapping = try ImportColumnMapping(headers: header.cells, overrides: options.mappings, file: fileName)
        summary.skippedTitleLines = headerIndex
        summary.columns = Dictionary(mapping.fieldColumns.map { ($0.header, $0.field.rawValue) }, uniquingKeysWith: { a, _ in a })
        summary.customFields = mapping.customColumns
        summary.ignoredColumns = mapping.ignoredColumns
        buffered.removeFirst(headerIndex + 1)

        let rejectsPath = options.rejectsPath ?? Self.defaultRejectsPath(for: path)
        let rejects = options.dryRun ? nil : try RejectsFile(path: rejectsPath, headers: mapping.headers)
        defer { rejects?.discard() }

        let write = Writer(context: context, actor: actor, fileName: fileName, now: context.clock.now(), mapping: mapping)
        let pending = buffered
        do {
            try context.database.pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    var state = try write.begin(db, summary: summary)
                    func handle(_ record: TabularRecord) throws {
                        guard !record.isBlank else { return }
                        try write.row(record, &state, &summary, rejects: rejects, db)
                        if summary.rows % 256 == 0 {
                            progress?(ImportProgress(rows: summary.rows, fraction: source.records.fractionRead))
                        }
                    }
                    for record in pending { try handle(record) }
                    while let record = try source.records.next() { try handle(record) }
                    guard summary.rows > 0 else { throw ImportFileError.headerOnly(fileName) }
                    summary.seconds = Date().timeIntervalSince(started)
                    try write.finish(db, &state, summary: summary)
                    if !options.dryRun { summary.id = state.importID }
                    return options.dryRun ? .rollback : .commit
                }
            }
        } catch let error as DatabaseError {
            throw StoreError(error)
        }
        if !options.dryRun && summary.rows >= 1_000 { context.database.checkpoint() }
        progress?(ImportProgress(rows: summary.rows, fraction: 1))
        if let rejects {
            if summary.rejected > 0 {
                try rejects.keep()
                summary.rejectsFile = rejectsPath
            } else {
                rejects.discard()
            }
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// `leads.csv` → `leads.rejects.csv` beside it.
    public static func defaultRejectsPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingPathExtension().appendingPathExtension("rejects.csv").path
    }
}

// MARK: - Writing rows

extension ImportService {
    /// The statements and counters of one import transaction.
    struct WriteState {
        var importID: Int64 = 0
        var insertLead: Statement
        var insertAudit: Statement
        var insertImportLead: Statement
        var insertExtra: Statement
        var findByPhone: Statement
        var findByEmail: Statement
        var fetchLead: Statement
        var day: CalendarDay
        var nextNumber = 1
        var numbersEnd = 0
    }

    /// Writes rows as one user at one instant, through statements prepared once.
    struct Writer {
        let context: ClewContext
        let actor: ActingUser
        let fileName: String
        let now: Date
        let mapping: ImportColumnMapping

        func begin(_ db: Database, summary: ImportSummary) throws -> WriteState {
            try db.execute(sql: """
                INSERT INTO import (file, format, encoding, sheet, actor, via, started_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'running')
                """, arguments: [fileName, summary.format, summary.encoding, summary.sheet, actor.login, actor.impersonator, now.storage])
            let importID = db.lastInsertedRowID
            var state = WriteState(
                insertLead: try db.makeStatement(sql: """
                    INSERT OR ROLLBACK INTO lead (number, status, suggested_grade, score, score_parts, customer, contact, title, phone, phone_key,
                      email, email_key, industry, need, source, campaign, region, city, budget, flags, tags, created_by, created_at, updated_by,
                      updated_at, version, status_changed_at, budget_min_yuan, budget_max_yuan)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, 1, ?, ?, ?)
                    """),
                insertAudit: try db.makeStatement(sql: """
                    INSERT INTO audit (at, actor, via, action, entity, entity_id, field, new) VALUES (?, ?, ?, 'import', 'lead', ?, 'import', ?)
                    """),
                insertImportLead: try db.makeStatement(sql: "INSERT OR IGNORE INTO import_lead (import_id, lead_id, row, action) VALUES (?, ?, ?, ?)"),
                insertExtra: try db.makeStatement(sql: "INSERT INTO lead_extra (lead_id, name, value, import_id) VALUES (?, ?, ?, ?)"),
                findByPhone: try db.makeStatement(sql: "SELECT id FROM lead WHERE phone_key = ? ORDER BY status = 'merged', id LIMIT 1"),
                findByEmail: try db.makeStatement(sql: "SELECT id FROM lead WHERE email_key = ? ORDER BY status = 'merged', id LIMIT 1"),
                fetchLead: try db.makeStatement(sql: "SELECT \(Lead.selection) FROM lead WHERE id = ?"),
                day: CalendarDay.containing(now, in: context.calendar.timeZone))
            state.importID = importID
            try Mutation(db: db, actor: actor, now: now).audit("import", entity: "import", id: importID, field: "file", new: fileName)
            return state
        }

        func row(_ record: TabularRecord, _ state: inout WriteState, _ summary: inout ImportSummary, rejects: RejectsFile?, _ db: Database) throws {
            summary.rows += 1
            func reject(_ reason: String) throws {
                summary.rejected += 1
                if summary.rejects.count < ImportService.rejectsInSummary { summary.rejects.append(RejectedRow(row: record.row, line: record.line, reason: reason)) }
                try rejects?.write(row: record.row, reason: reason, cells: record.cells)
            }
            let accepted: ImportRowCleaner.Accepted
            switch ImportRowCleaner.clean(record.cells, mapping: mapping) {
            case let .rejected(reason): return try reject(reason)
            case let .accepted(row): accepted = row
            }
            let existing = try duplicate(of: accepted.lead, &state, db)
            switch DuplicatePolicy.decide(existing.map { DuplicatePolicy.Match($0.accessFacts, by: actor) }) {
            case .register:
                try insert(accepted, line: record.row, &state, db)
                summary.inserted += 1
            case .refuseNaming(editable: true):
                guard let existing else { return }
                switch try merge(accepted, line: record.row, into: existing, &state, db) {
                case .merged: summary.merged += 1
                case .unchanged: summary.unchanged += 1; return
                }
            case .refuseNaming(editable: false):
                guard let existing else { return }
                return try reject("duplicate of \(existing.number) (owner \(existing.owner ?? "none")), which you may not edit")
            case .refuseHidden:
                guard let existing else { return }
                try DuplicateNotice.tellSupervisor(of: existing, field: "phone or email", Mutation(db: db, actor: actor, now: now))
                return try reject(DuplicatePolicy.hiddenRefusal)
            case .repeatPurchase, .followLostLead:
                guard let existing else { return }
                let id = try insert(accepted, line: record.row, &state, db)
                if let inserted = try Row.fetchOne(state.fetchLead, arguments: [id]).map(Lead.init(row:)) {
                    _ = try DuplicateNotice.link(inserted, to: existing, Mutation(db: db, actor: actor, now: now))
                }
                summary.inserted += 1
            }
            if !accepted.flags.isEmpty {
                summary.flagged += 1
                for flag in accepted.flags { summary.flags[flag, default: 0] += 1 }
            }
        }

        /// The live lead with the same normalised phone (first) or email, following merges.
        private func duplicate(of lead: ValidatedLead, _ state: inout WriteState, _ db: Database) throws -> Lead? {
            var id: Int64?
            if let key = lead.phone?.normalized { id = try Int64.fetchOne(state.findByPhone, arguments: [key]) }
            if id == nil, let key = lead.email?.normalized { id = try Int64.fetchOne(state.findByEmail, arguments: [key]) }
            guard let id, var found = try Row.fetchOne(state.fetchLead, arguments: [id]).map(Lead.init(row:)) else { return nil }
            var hops = 0
            while found.status == .merged, let target = found.mergedInto, hops < 16, let next = try LeadLookup.fetch(db, number: target) {
                found = next
                hops += 1
            }
            return found
        }

        @discardableResult
        private func insert(_ row: ImportRowCleaner.Accepted, line: Int, _ state: inout WriteState, _ db: Database) throws -> Int64 {
            if state.nextNumber > state.numbersEnd {
                let range = try LeadNumbering.reserve(db, count: ImportService.numberChunk, on: state.day)
                state.nextNumber = range.lowerBound
                state.numbersEnd = range.upperBound
            }
            let number = LeadNumber(day: state.day, sequence: state.nextNumber).description
            state.nextNumber += 1
            let d = row.lead.fields
            let score = context.process.scoring.score(d)
            let at = now.storage
            try state.insertLead.execute(arguments: [
                number, row.lead.initialStatus.rawValue, score.suggestedGrade.rawValue, score.total, score.storedParts, d.customer, d.contact, d.title,
                d.phone, row.lead.phone?.normalized, d.email, row.lead.email?.normalized, d.industry, d.need, d.source, d.campaign,
                d.region, d.city, d.budget, TagSet.encode(row.flags), actor.login, at, actor.login, at, at,
                d.budget.flatMap(BudgetRange.init(parsing:))?.minYuan, d.budget.flatMap(BudgetRange.init(parsing:))?.maxYuan,
            ])
            let id = db.lastInsertedRowID
            try state.insertAudit.execute(arguments: [at, actor.login, actor.impersonator, id, "#\(state.importID) \(fileName) row \(line): \(number)"])
            try state.insertImportLead.execute(arguments: [state.importID, id, line, "insert"])
            for (name, value) in row.extras {
                try state.insertExtra.execute(arguments: [id, name, value, state.importID])
            }
            return id
        }

        enum MergeResult { case merged, unchanged }

        /// Merges a row into an open lead the importer may edit (``DuplicatePolicy`` decided so).
        private func merge(_ row: ImportRowCleaner.Accepted, line: Int, into lead: Lead, _ state: inout WriteState, _ db: Database) throws -> MergeResult {
            let incoming = row.lead.fields
            var fills = false
            var conflicts: [String] = []
            for field in LeadField.allCases {
                guard let value = incoming[field] else { continue }
                guard let existing = lead.details[field] else { fills = true; continue }
                if Self.comparable(existing, field) != Self.comparable(value, field) {
                    conflicts.append("\(field) (\(field.chineseName)): \(existing) ≠ \(value)")
                }
            }
            var newExtras = row.extras
            if !newExtras.isEmpty {
                let existingExtras = Set(try Row.fetchAll(db, sql: "SELECT name, value FROM lead_extra WHERE lead_id = ?", arguments: [lead.id])
                    .map { "\($0["name"] as String)\u{1F}\($0["value"] as String)" })
                newExtras.removeAll { existingExtras.contains("\($0.0)\u{1F}\($0.1)") }
            }
            if !fills && newExtras.isEmpty {
                // Nothing new unless a conflict has not been noted before (a re-import notes nothing twice).
                if conflicts.isEmpty { return .unchanged }
                let notes = try String.fetchAll(db, sql: "SELECT body FROM note WHERE lead_id = ? AND kind = 'merge'", arguments: [lead.id])
                if conflicts.allSatisfy({ conflict in notes.contains { $0.contains(conflict) } }) { return .unchanged }
            }
            let m = Mutation(db: db, actor: actor, now: now)
            for (name, value) in newExtras {
                try state.insertExtra.execute(arguments: [lead.id, name, value, state.importID])
            }
            if fills || !conflicts.isEmpty {
                _ = try LeadMerging.absorb(incoming, from: "import #\(state.importID) (\(fileName) row \(line))", into: lead, m)
            } else {
                try m.audit("merge-details", entity: "lead", id: lead.id, field: "merged_from", new: "import #\(state.importID) (\(fileName) row \(line)): custom fields")
            }
            try state.insertImportLead.execute(arguments: [state.importID, lead.id, line, "merge"])
            return .merged
        }

        private static func comparable(_ value: String, _ field: LeadField) -> String {
            switch field {
            case .phone: PhoneNumber.normalize(value) ?? value
            case .email: EmailAddress.normalize(value) ?? value
            default: TextNormalization.trimmed(value)
            }
        }

        func finish(_ db: Database, _ state: inout WriteState, summary: ImportSummary) throws {
            // Give back the numbers reserved but not used (nobody else can have taken any: this
            // transaction holds the write lock), so an import leaves no gap.
            if state.nextNumber <= state.numbersEnd {
                try db.execute(sql: "UPDATE lead_sequence SET last = ? WHERE day = ? AND last = ?",
                               arguments: [state.nextNumber - 1, state.day.description, state.numbersEnd])
            }
            // New complete leads go through the assignment rules, as if registered by hand.
            if !context.process.assignment.isEmpty {
                let m = Mutation(db: db, actor: actor, now: now)
                let routable = try Lead.fetchAll(db, sql: """
                    SELECT \(Lead.selection) FROM import_lead il JOIN lead ON lead.id = il.lead_id
                    WHERE il.import_id = ? AND il.action = 'insert' AND lead.status = 'screening' ORDER BY lead.id
                    """, arguments: [state.importID])
                for lead in routable { _ = try Routing.route(lead, context: context, m) }
            }
            // What "untouched since the import" means for undo: this version and this many notes.
            try db.execute(sql: """
                UPDATE import_lead SET lead_version = (SELECT version FROM lead WHERE lead.id = import_lead.lead_id),
                  notes = (SELECT count(*) FROM note WHERE note.lead_id = import_lead.lead_id)
                WHERE import_id = ?
                """, arguments: [state.importID])
            try db.execute(sql: """
                UPDATE import SET rows = ?, inserted = ?, merged = ?, unchanged = ?, rejected = ?, flagged = ?, finished_at = ?, status = 'done'
                WHERE id = ?
                """, arguments: [summary.rows, summary.inserted, summary.merged, summary.unchanged, summary.rejected, summary.flagged,
                                 now.storage + summary.seconds, state.importID])
            try Mutation(db: db, actor: actor, now: now).audit(
                "import", entity: "import", id: state.importID, field: "counts",
                new: "rows \(summary.rows), inserted \(summary.inserted), merged \(summary.merged), unchanged \(summary.unchanged), rejected \(summary.rejected), flagged \(summary.flagged)")
        }
    }
}
