import ClewServices
import GRDB

/// The full-text index's current shape: what each FTS5 table indexes, and bulk indexing.
///
/// `lead_search` and `follow_up_search` are *contentless* FTS5 tables (`content=''`, since
/// migration `v3-search-contentless`): they hold only the index of ``SearchText``'s form of the
/// row, not a second copy of the text, and searches read rowids from them and text from `lead`
/// and `follow_up`. A contentless table cannot find a row's old tokens by itself, so the update
/// and delete triggers hand FTS5 the `'delete'` command with the *old* values run through the
/// same deterministic `clew_search_text` function. Hence:
///
/// - ``SearchText/indexForm(of:)`` must not change without a migration that rebuilds the index
///   (drop and recreate the tables, then ``rebuildSQL``); recomputing old values with a changed
///   function would delete tokens that were never indexed.
/// - The expressions here are the ones the current triggers use; a migration that changes the
///   triggers changes them here too (``bulkIndexing(_:_:)`` and ``rebuildSQL`` use them).
enum SearchIndex {
    /// The expression indexed for a lead, reading the columns of `row` (`new`, `old`, `lead`).
    static func leadBody(_ row: String) -> String {
        let phone = "\(row).phone"
        let digits = "replace(replace(replace(replace(\(phone), ' ', ''), '-', ''), '(', ''), ')', '')"
        let fields = ["\(row).number", "\(row).customer", "\(row).contact", "\(row).title", phone, digits, "\(row).phone_key",
                      "\(row).email", "\(row).industry", "\(row).need", "\(row).source", "\(row).campaign", "\(row).region",
                      "\(row).city", "\(row).tags"]
        return "\(SearchText.sqlFunctionName)(\(fields.joined(separator: ", ")))"
    }

    /// The `lead` columns ``leadBody(_:)`` reads: the update trigger fires when one changes.
    static let leadColumns = "number, customer, contact, title, phone, phone_key, email, industry, need, source, campaign, region, city, tags"

    /// The expression indexed for a follow-up, reading the columns of `row`.
    static func followUpBody(_ row: String) -> String {
        "\(SearchText.sqlFunctionName)(\(row).content, \(row).feedback, \(row).next_action, \(row).contact_person)"
    }

    /// The `follow_up` columns ``followUpBody(_:)`` reads.
    static let followUpColumns = "content, feedback, next_action, contact_person"

    /// Fills both (empty) FTS tables from `lead` and `follow_up`.
    static var rebuildSQL: String {
        """
        INSERT INTO lead_search(rowid, body) SELECT id, \(leadBody("lead")) FROM lead;
        INSERT INTO follow_up_search(rowid, body) SELECT id, \(followUpBody("follow_up")) FROM follow_up;
        """
    }

    /// The insert triggers whose work ``bulkIndexing(_:_:)`` takes over.
    private static let insertTriggers = ["lead_search_insert", "follow_up_search_insert"]

    /// Runs `body`, which may only *insert* leads and follow-ups, with the search index filled
    /// once at the end instead of row by row; all inside the caller's transaction.
    ///
    /// Why: on SQLite before 3.45, FTS5 flushes its pending in-memory index to disk at every
    /// statement savepoint, and an `INSERT` whose trigger writes to an FTS5 table always runs in
    /// one. Row-by-row, that writes one tiny index segment per row and then merges them all over
    /// again, most of the time of a bulk insert. So the insert triggers are dropped for the
    /// duration of `body` (DDL is transactional: other connections never see them missing) and
    /// recreated from their exact stored SQL, after one `INSERT … SELECT` has indexed the new rows.
    static func bulkIndexing<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        precondition(db.isInsideTransaction, "bulk indexing must run inside a transaction")
        let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('\(insertTriggers.joined(separator: "','"))')")
        guard triggers.count == insertTriggers.count else {
            throw StoreError.sqlite("search triggers missing; run `clew doctor`")
        }
        let lastLead = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM lead") ?? 0
        let lastFollowUp = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM follow_up") ?? 0
        for trigger in triggers {
            try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)")
        }
        let result = try body()
        try db.execute(sql: "INSERT INTO lead_search(rowid, body) SELECT id, \(leadBody("lead")) FROM lead WHERE id > ?",
                       arguments: [lastLead])
        try db.execute(sql: "INSERT INTO follow_up_search(rowid, body) SELECT id, \(followUpBody("follow_up")) FROM follow_up WHERE id > ?",
                       arguments: [lastFollowUp])
        for trigger in triggers {
            try db.execute(sql: trigger["sql"] as String)
        }
        return result
    }
}
