import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Imports leads from CSV and .xlsx files (issue 5): every row goes through the rules of
/// `clew lead add` — validation, normalisation, duplicate detection, scoring, region from the
/// city, an audit row per lead.
///
/// Nobody waits on an import (issue 12): rows are parsed, cleaned and scored outside the write
/// lock and committed in chunks of ``ImportOptions/defaultChunkRows`` rows, each its own short
/// transaction tagged with the import's id, so other users' writes slip in between and the
/// imported leads appear (and count as duplicates for `clew lead add`) as they commit. The
/// `import` row records the last row committed: after a crash or a `kill -9`,
/// `clew import --resume FILE` continues from the next row, and `clew import undo ID` removes
/// a partial import as it does a finished one. The first chunk is read before anything is
/// written, so a file that cannot be read at all writes nothing.
///
/// ```swift
/// let summary = try ImportService(context: context, actor: me).run(path: "leads.csv")
/// summary.line   // "1284 rows: 1102 new leads, 131 merged into existing leads, 51 rejected (see leads.rejects.csv), 17 flagged"
/// ```
///
/// Rows that match a lead by normalised phone or email — in the database or earlier in the same
/// file — are merged into it with ``ClewServices/DetailsMerge/absorb(_:from:into:_:)`` (empty fields filled,
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
    /// The writing connection's page cache during an import, in KiB.
    static let cacheKibibytes = 65_536
    /// How long the import waits after its commit, and again while others keep committing,
    /// before taking the lock again (see `yieldToWaitingWriters`).
    static let yieldWindow: TimeInterval = 0.02

    /// Imports the file at `path` (or, with ``ImportOptions/resume``, continues its partial import).
    ///
    /// - Parameter progress: called every few hundred rows (on the calling thread).
    /// - Throws: ``PermissionError`` (the actor may not register leads), ``ImportFileError``
    ///   (the file cannot be read or parsed: nothing is written), ``ImportInterruptedError``
    ///   (it stopped after committing part of the file), ``StoreError``.
    public func run(path: String, options requested: ImportOptions = ImportOptions(),
                    progress: ((ImportProgress) -> Void)? = nil) throws -> ImportSummary {
        try AccessPolicy.check(.registerLeads, actor)
        let started = Date()
        let fileName = (path as NSString).lastPathComponent
        let absolutePath = URL(fileURLWithPath: path).standardizedFileURL.path
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        let resumed = requested.resume ? try partialImport(of: absolutePath, fileName: fileName, size: fileSize) : nil
        var options = requested
        if let resumed {
            options.encoding = resumed.options.encoding.flatMap(ImportEncoding.init(rawValue:))
            options.sheet = resumed.options.sheet
            options.mappings = resumed.options.mappings
            options.rejectsPath = resumed.options.rejectsPath
        }
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
        // A column named after a tag dimension (客户类型) becomes that tag, not a custom field.
        let dimensionKeys = Set(context.process.tagDimensions.map { LeadFieldHeader.key($0.name) })
        summary.customFields = mapping.customColumns.filter { !dimensionKeys.contains(LeadFieldHeader.key($0)) }
        summary.dimensionColumns = mapping.customColumns.filter { dimensionKeys.contains(LeadFieldHeader.key($0)) }
        summary.ignoredColumns = mapping.ignoredColumns
        buffered.removeFirst(headerIndex + 1)

        // The records, a chunk at a time, cleaned and scored outside the write lock (the next
        // chunk on another core while one commits); rows a resumed import committed before are
        // skipped.
        let skipThrough = resumed?.record.resumeRow ?? 0
        let write = Writer(context: context, actor: actor, fileName: fileName, now: context.clock.now(), mapping: mapping,
                           latestFounded: context.currentYear)
        let reader = ImportChunkReader(source: source, pending: buffered, skipThrough: skipThrough, size: options.chunkRows, writer: write)
        // The first chunk is read before anything is written: a file that cannot be parsed
        // near its top, or has no rows, leaves no trace.
        var chunk = try reader.next()
        guard !chunk.isEmpty || resumed != nil else { throw ImportFileError.headerOnly(fileName) }
        let rejectsPath = options.rejectsPath ?? Self.defaultRejectsPath(for: path)
        var importID: Int64 = 0
        if let resumed {
            importID = resumed.record.id
            summary.id = importID
            summary.resumedAfterRow = resumed.record.resumeRow
            summary.restoreCounts(from: resumed.record)
            try context.database.write { try write.claim(importID, $0) }
        } else if !options.dryRun {
            let stored = StoredImportOptions(encoding: source.encoding?.rawValue ?? options.encoding?.rawValue, sheet: source.sheet,
                                             mappings: options.mappings, rejectsPath: rejectsPath)
            importID = try context.database.write { db in
                try write.begin(db, summary: summary, path: absolutePath, size: fileSize, options: stored)
            }
            summary.id = importID
        }
        let rejects = options.dryRun ? nil : try RejectsFile(
            path: rejectsPath, part: rejectsPath + ".part-\(importID)", headers: mapping.headers,
            resumeAt: resumed.map { UInt64($0.record.rejectsBytes) })

        var committedThrough = skipThrough
        var seen = Set<String>()
        // How long the last transaction took after its rows (search index, bookkeeping, commit),
        // and the marks it is measured from.
        var afterRows: Duration = .zero
        var transactionBegan: ContinuousClock.Instant?
        var rowsEnded: ContinuousClock.Instant?
        // A chunk's pages fit in the writing connection's page cache, so SQLite does not spill
        // them into the WAL before the commit (the default cache is 2 MB).
        try context.database.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA cache_size = -\(Self.cacheKibibytes)") }
        defer { _ = try? context.database.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA cache_size = -2000") } }
        do {
            while let last = chunk.last {
                let prepared = chunk
                let lastRow = last.record.row
                let ahead = reader.prefetch()
                // A chunk whose rows do not repeat each other's phone or email only inserts new
                // leads or merges into older ones, so its leads are indexed for search in one go.
                let bulk = !ImportService.repeatsWithin(prepared.map(\.outcome))
                // The chunk's rows go in over as many transactions as keep each under
                // `transactionSeconds` (at least one row each): on a busy machine 2 000 rows
                // held the lock over a second while every other writer waited.
                var next = 0
                let body: (Database) throws -> Void = { db in
                    let began = ContinuousClock.now
                    transactionBegan = began
                    let first = next
                    // The rows stop early enough that, with what follows them (the chunk's search
                    // index, its bookkeeping, the commit: as long as last time), the whole hold
                    // stays near `transactionTime`; never less than half of it for the rows.
                    let rowTime = max(options.transactionTime - afterRows, options.transactionTime / 2)
                    var state = try write.state(db, importID: importID, dryRun: options.dryRun, seen: seen)
                    func rows() throws {
                        defer { rowsEnded = ContinuousClock.now }
                        while next < prepared.count {
                            if next > first, options.dryRun == false, ContinuousClock.now - began > rowTime { break }
                            let (record, outcome) = prepared[next]
                            try write.row(record, outcome, &state, &summary, rejects: rejects, db)
                            next += 1
                        }
                    }
                    if bulk { try SearchIndex.bulkIndexing(db, rows) } else { try rows() }
                    try write.finishChunk(db, &state, summary: summary, lastRow: prepared[next - 1].record.row,
                                          rejectsBytes: try rejects?.committedBytes() ?? 0)
                    seen = state.seen
                }
                do {
                    while next < prepared.count {
                        if options.dryRun { try context.database.rehearse(body) } else { try context.database.write(body) }
                        if let began = transactionBegan, let ended = rowsEnded, ended >= began {
                            afterRows = min(ContinuousClock.now - ended, options.transactionTime / 2)
                        }
                        committedThrough = prepared[next - 1].record.row
                        summary.transactions += 1
                        if !options.dryRun {
                            context.database.restartLogIfLarge()
                            yieldToWaitingWriters()
                        }
                    }
                    committedThrough = lastRow
                    summary.chunks += 1
                    if let stop = options.interruptAfterChunks, summary.chunks >= stop, !options.dryRun {
                        throw ImportJobError.interrupted(afterChunks: stop)
                    }
                } catch {
                    _ = try? ahead.wait()   // the reader is done with the file before we leave
                    throw error
                }
                chunk = try ahead.wait()
                progress?(ImportProgress(rows: summary.rows, fraction: reader.fraction))
            }
            summary.seconds = Date().timeIntervalSince(started)
            if !options.dryRun {
                try context.database.write { try write.finish($0, importID: importID, summary: summary) }
            }
        } catch {
            rejects?.leave()
            guard !options.dryRun, importID != 0 else { throw error }
            // This process no longer runs it: `--resume` and undo may take it on at once.
            _ = try? context.database.write { db in
                try db.execute(sql: "UPDATE import SET runner_host = NULL, runner_pid = NULL, runner_start = NULL WHERE id = ? AND status = 'running'",
                               arguments: [importID])
            }
            throw ImportInterruptedError(id: importID, file: fileName, committedThroughRow: committedThrough,
                                         reason: (error as? any UserFacingError)?.description ?? StoreError.mapping(error)?.description ?? "\(error)")
        }
        if !options.dryRun, importID != 0 {
            // The campaign triggers drafted every name the import's leads were first to carry.
            summary.draftCampaigns = try context.database.read { db in
                try String.fetchAll(db, sql: """
                    SELECT DISTINCT campaign.name FROM import_lead
                    JOIN lead ON lead.id = import_lead.lead_id JOIN campaign ON campaign.name = lead.campaign
                    WHERE import_lead.import_id = ? AND import_lead.action = 'insert' AND campaign.status = 'draft' AND campaign.created_at >= ?
                    ORDER BY campaign.name
                    """, arguments: [importID, started.storage - 1])
            }
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

    /// After a chunk, lets the writers that waited for the lock go first: pauses while other
    /// connections keep committing (`PRAGMA data_version` moves), ``yieldWindow`` at a time, at
    /// most a second. Without it the import took the lock again at once and waiting writers
    /// starved. The window is longer than the longest interval between a waiting writer's tries
    /// (``BusyWait``: 16 ms), so every writer waiting when the import commits gets a try before
    /// the import takes the lock again.
    private func yieldToWaitingWriters() {
        func version() -> Int? {
            try? context.database.pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA data_version") }
        }
        var last = version()
        for _ in 0..<Int(1 / Self.yieldWindow) {
            Thread.sleep(forTimeInterval: Self.yieldWindow)
            let now = version()
            if now == last { return }
            last = now
        }
    }

    /// Whether two accepted rows share a phone or an email.
    static func repeatsWithin(_ rows: [PreparedRow]) -> Bool {
        var keys = Set<String>()
        for case let .accepted(row, _) in rows {
            if let phone = row.lead.phone, !keys.insert("p:" + phone.normalized).inserted { return true }
            if let email = row.lead.email, !keys.insert("e:" + email.normalized).inserted { return true }
        }
        return false
    }

    /// `leads.csv` → `leads.rejects.csv` beside it.
    public static func defaultRejectsPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingPathExtension().appendingPathExtension("rejects.csv").path
    }

    /// The partial import of `path` by this actor that `--resume` continues.
    private func partialImport(of path: String, fileName: String, size: Int?) throws -> (record: PartialImport, options: StoredImportOptions) {
        let found = try context.database.read { db in
            try Row.fetchOne(db, sql: """
                SELECT import.*, 0 AS remaining FROM import WHERE status = 'running' AND path = ? AND actor = ? ORDER BY id DESC LIMIT 1
                """, arguments: [path, actor.login])
        }
        guard let row = found else {
            throw StoreError.notFound("no partial import of \(fileName) by \(actor.login) to resume; see 'clew import list' (没有可续传的导入)")
        }
        let record = PartialImport(row: row)
        if let runner = record.runner, !ProcessIdentity.isGone(runner) {
            throw ImportJobError.stillRunning(id: record.id, file: fileName, process: runner.description)
        }
        if let recorded = record.fileSize, let size, recorded != size {
            throw ImportJobError.fileChanged(id: record.id, file: fileName, from: Int64(recorded), to: Int64(size))
        }
        guard let text = record.optionsJSON, let options = try? JSONDecoder().decode(StoredImportOptions.self, from: Data(text.utf8)) else {
            throw ImportJobError.notResumable(id: record.id)
        }
        return (record, options)
    }
}

/// A partial import, as `--resume` finds it.
struct PartialImport {
    /// Its history row: counts so far, and the last row committed.
    var counts: ImportRecord
    var rejectsBytes: Int
    var fileSize: Int?
    var optionsJSON: String?
    var runner: ProcessIdentity?

    var id: Int64 { counts.id }
    var resumeRow: Int { counts.committedThroughRow }

    init(row: Row) {
        counts = ImportRecord(row: row)
        rejectsBytes = row["rejects_bytes"]
        fileSize = row["file_size"]
        optionsJSON = row["options"]
        runner = ImportRecord.runner(row)
    }
}

extension ImportSummary {
    /// The counts a partial import committed before it stopped.
    mutating func restoreCounts(from record: PartialImport) {
        (rows, inserted, merged, unchanged) = (record.counts.rows, record.counts.inserted, record.counts.merged, record.counts.unchanged)
        (rejected, flagged) = (record.counts.rejected, record.counts.flagged)
    }
}

// MARK: - Writing rows

extension ImportService {
    /// A row cleaned and scored outside the write lock.
    enum PreparedRow {
        case rejected(String)
        case accepted(ImportRowCleaner.Accepted, LeadScore)
    }

    /// The statements and counters of one chunk's transaction.
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
        /// Leads the chunk created or merged into (their `import_lead` rows get the version undo compares).
        var touched: [Int64] = []
        /// Leads the chunk created in `screening` that an assignment rule matches.
        var screening: [Int64] = []
        /// Every lead the chunk created.
        var inserted: Set<Int64> = []
        /// Leads the chunk created that a later row of it merged into (their details changed,
        /// so the assignment rules look at them again).
        var remerged: [Int64] = []
        /// A dry run: the phone and email keys of rows earlier in the file (its chunks are
        /// rolled back, so a later chunk finds them here rather than in the database).
        var dryRun = false
        var seen: Set<String> = []
    }

    /// Writes rows as one user at one instant, through statements prepared once per connection.
    struct Writer {
        let context: ClewContext
        let actor: ActingUser
        let fileName: String
        let now: Date
        let mapping: ImportColumnMapping
        /// The latest founding year a row's company may give (the year of ``now``).
        let latestFounded: Int

        /// Creates the `import` row (status `running`, this process as its runner) and its audit row.
        func begin(_ db: Database, summary: ImportSummary, path: String, size: Int?, options: StoredImportOptions) throws -> Int64 {
            let runner = ProcessIdentity.current
            let json = String(decoding: try JSONEncoder().encode(options), as: UTF8.self)
            try db.execute(sql: """
                INSERT INTO import (file, format, encoding, sheet, actor, via, started_at, status, path, file_size, options,
                                    runner_host, runner_pid, runner_start, rejects_path)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [fileName, summary.format, summary.encoding, summary.sheet, actor.login, actor.impersonator, now.storage,
                                 path, size, json, runner.host, Int64(runner.pid), runner.started, options.rejectsPath])
            let importID = db.lastInsertedRowID
            try Mutation(db: db, actor: actor, now: now).audit("import", entity: "import", id: importID, field: "file", new: fileName)
            return importID
        }

        /// Makes this process the runner of partial import `id` (`--resume`).
        func claim(_ id: Int64, _ db: Database) throws {
            let runner = ProcessIdentity.current
            try db.execute(sql: "UPDATE import SET runner_host = ?, runner_pid = ?, runner_start = ? WHERE id = ? AND status = 'running'",
                           arguments: [runner.host, Int64(runner.pid), runner.started, id])
            guard db.changesCount == 1 else { throw ImportJobError.noLongerRunning(id: id) }
            try Mutation(db: db, actor: actor, now: now).audit("resume", entity: "import", id: id, field: "status", new: "running")
        }

        /// Cleans and scores `record`: no database needed.
        func prepare(_ record: TabularRecord) -> PreparedRow {
            let clock = ImportRowCleaner.CaptureClock(now: now, calendar: context.calendar)
            return switch ImportRowCleaner.clean(record.cells, mapping: mapping, process: context.process, latestFounded: latestFounded, clock: clock) {
            case let .rejected(reason): .rejected(reason)
            case let .accepted(row): .accepted(row, context.process.scoring.score(row.lead.fields, tags: row.tags))
            }
        }

        /// The statements for one chunk (cached by the connection, so prepared once per import).
        /// A dry run inserts its `import` row in every chunk (each is rolled back).
        func state(_ db: Database, importID: Int64, dryRun: Bool, seen: Set<String>) throws -> WriteState {
            var importID = importID
            if dryRun {
                try db.execute(sql: "INSERT INTO import (file, format, actor, started_at, status) VALUES (?, 'csv', ?, ?, 'running')",
                               arguments: [fileName, actor.login, now.storage])
                importID = db.lastInsertedRowID
            } else {
                guard try String.fetchOne(db, sql: "SELECT status FROM import WHERE id = ?", arguments: [importID]) == "running" else {
                    throw ImportJobError.undoneWhileRunning(id: importID)
                }
            }
            var state = WriteState(
                insertLead: try db.cachedStatement(sql: """
                    INSERT OR ROLLBACK INTO lead (number, status, suggested_grade, score, score_parts, customer, contact, title, phone, phone_key,
                      email, email_key, industry, need, source, campaign, region, city, budget, flags, tags, created_by, created_at, updated_by,
                      updated_at, version, status_changed_at, budget_min_yuan, budget_max_yuan,
                      employees, revenue_fen, company_type, founded_year, decision_chain, captured_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """),
                insertAudit: try db.cachedStatement(sql: """
                    INSERT INTO audit (at, actor, via, action, entity, entity_id, field, new) VALUES (?, ?, ?, 'import', 'lead', ?, 'import', ?)
                    """),
                insertImportLead: try db.cachedStatement(sql: "INSERT OR IGNORE INTO import_lead (import_id, lead_id, row, action) VALUES (?, ?, ?, ?)"),
                insertExtra: try db.cachedStatement(sql: "INSERT INTO lead_extra (lead_id, name, value, import_id) VALUES (?, ?, ?, ?)"),
                findByPhone: try db.cachedStatement(sql: "SELECT id FROM lead WHERE phone_key = ? ORDER BY status = 'merged', id LIMIT 1"),
                findByEmail: try db.cachedStatement(sql: "SELECT id FROM lead WHERE email_key = ? ORDER BY status = 'merged', id LIMIT 1"),
                fetchLead: try db.cachedStatement(sql: "SELECT \(Lead.selection) FROM lead WHERE id = ?"),
                day: CalendarDay.containing(now, in: context.calendar.timeZone))
            state.importID = importID
            state.dryRun = dryRun
            state.seen = seen
            return state
        }

        /// One row: rejected, merged into the lead it duplicates, or inserted. Which of those is
        /// decided here, by ``duplicate(of:_:_:)`` and ``merge(_:line:into:_:_:)``.
        func row(_ record: TabularRecord, _ prepared: PreparedRow, _ state: inout WriteState, _ summary: inout ImportSummary,
                 rejects: RejectsFile?, _ db: Database) throws {
            summary.rows += 1
            func reject(_ reason: String) throws {
                summary.rejected += 1
                if summary.rejects.count < ImportService.rejectsInSummary { summary.rejects.append(RejectedRow(row: record.row, line: record.line, reason: reason)) }
                try rejects?.write(row: record.row, reason: reason, cells: record.cells)
            }
            let accepted: ImportRowCleaner.Accepted
            let score: LeadScore
            switch prepared {
            case let .rejected(reason): return try reject(reason)
            case let .accepted(row, rowScore): (accepted, score) = (row, rowScore)
            }
            if state.dryRun, seenEarlier(accepted.lead, &state) {
                summary.merged += 1
                return
            }
            let existing = try duplicate(of: accepted.lead, &state, db)
            switch DuplicatePolicy.decide(existing.map { DuplicatePolicy.Match($0.accessFacts, by: actor) }) {
            case .register:
                try insert(accepted, score: score, line: record.row, &state, db)
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
                try DuplicateNotice.tellSupervisor(of: existing, field: "phone or email", context.transaction(Mutation(db: db, actor: actor, now: now)))
                return try reject(DuplicatePolicy.hiddenRefusal)
            case .repeatPurchase, .followLostLead:
                guard let existing else { return }
                let id = try insert(accepted, score: score, line: record.row, &state, db)
                if let inserted = try Row.fetchOne(state.fetchLead, arguments: [id]).map(Lead.init(row:)) {
                    _ = try DuplicateNotice.link(inserted, to: existing, context.transaction(Mutation(db: db, actor: actor, now: now)))
                }
                summary.inserted += 1
            }
            if !accepted.flags.isEmpty {
                summary.flagged += 1
                for flag in accepted.flags { summary.flags[flag, default: 0] += 1 }
            }
            for aside in accepted.setAside {
                summary.warned += 1
                if summary.warnings.count < ImportService.rejectsInSummary {
                    summary.warnings.append(ImportWarning(file: fileName, row: record.row, line: record.line, field: aside.field.rawValue,
                                                          column: aside.header, value: aside.value, reason: aside.reason))
                }
            }
        }

        /// A dry run: whether a row of an earlier (rolled-back) chunk had this phone or email;
        /// records this row's keys for later chunks.
        private func seenEarlier(_ lead: ValidatedLead, _ state: inout WriteState) -> Bool {
            let keys = [lead.phone.map { "p:" + $0.normalized }, lead.email.map { "e:" + $0.normalized }].compactMap { $0 }
            if keys.contains(where: state.seen.contains) { return true }
            state.seen.formUnion(keys)
            return false
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
        private func insert(_ row: ImportRowCleaner.Accepted, score: LeadScore, line: Int, _ state: inout WriteState, _ db: Database) throws -> Int64 {
            if state.nextNumber > state.numbersEnd {
                let range = try LeadNumbering.reserve(db, count: ImportService.numberChunk, on: state.day)
                state.nextNumber = range.lowerBound
                state.numbersEnd = range.upperBound
            }
            let number = LeadNumber(day: state.day, sequence: state.nextNumber).description
            state.nextNumber += 1
            let d = row.lead.fields
            let at = now.storage
            try state.insertLead.execute(arguments: [
                number, row.lead.initialStatus.rawValue, score.suggestedGrade.rawValue, score.total, score.storedParts, d.customer, d.contact, d.title,
                d.phone, row.lead.phone?.normalized, d.email, row.lead.email?.normalized, d.industry, d.need, d.source, d.campaign,
                d.region, d.city, d.budget, TagSet.encode(row.flags), TagSet.encode(row.tags), actor.login, at, actor.login, at, at,
                d.budget.flatMap(BudgetRange.init(parsing:))?.minYuan, d.budget.flatMap(BudgetRange.init(parsing:))?.maxYuan,
                d.employeeCount, d.annualRevenue?.fen, d.companyKind?.rawValue, d.foundedYear, d.decisionChain, row.capturedAt?.storage,
            ])
            let id = db.lastInsertedRowID
            try state.insertAudit.execute(arguments: [at, actor.login, actor.impersonator, id, "#\(state.importID) \(fileName) row \(line): \(number)"])
            try state.insertImportLead.execute(arguments: [state.importID, id, line, "insert"])
            state.touched.append(id)
            state.inserted.insert(id)
            // New leads enter `tags` with their tag-dimension columns only; only those some assignment rule matches are routed.
            if row.lead.initialStatus == .screening, context.process.assignment.mayRoute(d, grade: score.suggestedGrade, tags: row.tags) {
                state.screening.append(id)
            }
            for (name, value) in row.extras {
                try state.insertExtra.execute(arguments: [id, name, value, state.importID])
            }
            // A tag-dimension column's value is a tag record, as `clew lead tag N add` makes it:
            // who put it on (the importer) and when, audited.
            if !row.tags.isEmpty {
                let m = Mutation(db: db, actor: actor, now: now)
                for name in row.tags.sorted() {
                    try m.insert(into: .leadTag, ["lead_id": id, "tag": name, "added_by": actor.login, "added_at": at],
                                 action: "tag", summary: ("tag", name))
                }
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
            // A tag-dimension column merged into an existing lead is kept as a custom field (nothing lost).
            var newExtras = row.extras + row.tags.sorted().compactMap { TagDimension.split($0).map { ($0.name, $0.value) } }
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
                _ = try DetailsMerge.absorb(incoming, from: "import #\(state.importID) (\(fileName) row \(line))", into: lead, context.transaction(m))
            } else {
                try m.audit("merge-details", entity: "lead", id: lead.id, field: "merged_from", new: "import #\(state.importID) (\(fileName) row \(line)): custom fields")
            }
            try state.insertImportLead.execute(arguments: [state.importID, lead.id, line, "merge"])
            state.touched.append(lead.id)
            if state.inserted.contains(lead.id) { state.remerged.append(lead.id) }
            return .merged
        }

        private static func comparable(_ value: String, _ field: LeadField) -> String {
            switch field {
            case .phone: PhoneNumber.normalize(value) ?? value
            case .email: EmailAddress.normalize(value) ?? value
            default: TextNormalization.trimmed(value)
            }
        }

        /// Ends a chunk's transaction: gives back the lead numbers reserved but not used (nobody
        /// else can have taken any: the transaction holds the write lock), sends the chunk's new
        /// leads through the assignment rules, records what "untouched since the import" means
        /// for undo, and moves the import's counts and resume point to the chunk's last row.
        func finishChunk(_ db: Database, _ state: inout WriteState, summary: ImportSummary, lastRow: Int, rejectsBytes: UInt64) throws {
            if state.nextNumber <= state.numbersEnd {
                try db.execute(sql: "UPDATE lead_sequence SET last = ? WHERE day = ? AND last = ?",
                               arguments: [state.nextNumber - 1, state.day.description, state.numbersEnd])
            }
            // New complete leads go through the assignment rules, as if registered by hand.
            if !context.process.assignment.isEmpty {
                let m = Mutation(db: db, actor: actor, now: now)
                let fetch = try db.cachedStatement(sql: "SELECT \(Lead.selection) FROM lead WHERE id = ? AND status = 'screening'")
                var seen = Set<Int64>()
                for id in state.screening + state.remerged where seen.insert(id).inserted {
                    if let lead = try Row.fetchOne(fetch, arguments: [id]).map(Lead.init(row:)) { _ = try context.publish(.readyForRouting, on: lead, m) }
                }
            }
            // What "untouched since the import" means for undo: this version and this many notes.
            // One statement for the chunk: its lead ids go in as a JSON array.
            try db.execute(sql: """
                UPDATE import_lead SET lead_version = (SELECT version FROM lead WHERE lead.id = import_lead.lead_id),
                  notes = (SELECT count(*) FROM note WHERE note.lead_id = import_lead.lead_id)
                WHERE import_id = ? AND lead_id IN (SELECT value FROM json_each(?))
                """, arguments: [state.importID, "[" + state.touched.map(String.init).joined(separator: ",") + "]"])
            try db.execute(sql: """
                UPDATE import SET rows = ?, inserted = ?, merged = ?, unchanged = ?, rejected = ?, flagged = ?, resume_row = ?, rejects_bytes = ?
                WHERE id = ?
                """, arguments: [summary.rows, summary.inserted, summary.merged, summary.unchanged, summary.rejected, summary.flagged,
                                 lastRow, Int64(rejectsBytes), state.importID])
            // The new leads' registration days and the visits routing opened, for the reports' summaries.
            try ReportSummaries.settle(db, calendar: context.calendar)
        }

        /// Marks the import done (its counts were kept up to date chunk by chunk).
        func finish(_ db: Database, importID: Int64, summary: ImportSummary) throws {
            try db.execute(sql: "UPDATE import SET finished_at = ?, status = 'done' WHERE id = ? AND status = 'running'",
                           arguments: [now.storage + summary.seconds, importID])
            guard db.changesCount == 1 else { throw ImportJobError.undoneWhileRunning(id: importID) }
            try Mutation(db: db, actor: actor, now: now).audit(
                "import", entity: "import", id: importID, field: "counts",
                new: "rows \(summary.rows), inserted \(summary.inserted), merged \(summary.merged), unchanged \(summary.unchanged), rejected \(summary.rejected), flagged \(summary.flagged)")
        }
    }
}
