import ClewDomain
import ClewServices
import Foundation

/// How `clew import` reads a file.
public struct ImportOptions: Sendable {
    /// Run every check and report, then roll back: nothing is written, not even the rejects file.
    public var dryRun = false
    /// Force the text encoding of a CSV file (detected otherwise).
    public var encoding: ImportEncoding?
    /// The sheet of an .xlsx workbook (the first one otherwise).
    public var sheet: String?
    /// `--map 'Column=field'` overrides.
    public var mappings: [String: String] = [:]
    /// Where rejected rows go (default: `FILE.rejects.csv` beside the file).
    public var rejectsPath: String?
    /// Continue the partial import of this file (`clew import --resume FILE`) with the options
    /// it was started with, from the row after the last one committed.
    public var resume = false
    /// Rows per write transaction.
    var chunkRows = ImportOptions.defaultChunkRows
    /// The longest a transaction of the import goes on adding rows before it commits (the
    /// rest of its chunk follows in the next), so nobody waits long behind one.
    var transactionTime: Duration = ImportOptions.defaultTransactionTime
    /// Tests: stop as if killed after this many chunks were committed.
    var interruptAfterChunks: Int?

    /// Rows per write transaction by default: each commits in well under a second.
    public static let defaultChunkRows = 2_000
    /// A transaction's time adding rows by default (its commit and assignment rules come after).
    public static let defaultTransactionTime: Duration = .milliseconds(200)

    public init(dryRun: Bool = false, encoding: ImportEncoding? = nil, sheet: String? = nil,
                mappings: [String: String] = [:], rejectsPath: String? = nil, resume: Bool = false) {
        self.dryRun = dryRun
        self.encoding = encoding
        self.sheet = sheet
        self.mappings = mappings
        self.rejectsPath = rejectsPath
        self.resume = resume
    }
}

/// What an import was started with, kept on its `import` row so `--resume` reads the file the
/// same way.
struct StoredImportOptions: Codable {
    var encoding: String?
    var sheet: String?
    var mappings: [String: String]
    var rejectsPath: String
}

/// An import that stopped after committing part of the file: what is in, and what to do.
public struct ImportInterruptedError: UserFacingError, Equatable {
    public var id: Int64
    public var file: String
    /// The last row of the file committed (0: none).
    public var committedThroughRow: Int
    public var reason: String

    public var description: String {
        "import #\(id) of \(file) stopped after row \(committedThroughRow) (\(reason)); rows up to it are imported — "
            + "continue with 'clew import --resume \(file)' or remove them with 'clew import undo \(id)' (导入中断：可续传或撤销)"
    }
}

/// How far an import has got, for the progress bar.
public struct ImportProgress: Sendable {
    /// Data rows read so far.
    public var rows: Int
    /// Share of the file read, 0…1.
    public var fraction: Double
}

/// One rejected row: where it is in the file and why.
public struct RejectedRow: Hashable, Sendable, Codable {
    /// The spreadsheet row (as Excel or WPS shows the file; the header is row 1).
    public var row: Int
    /// The text line it starts on (differs from ``row`` after cells with line breaks).
    public var line: Int
    public var reason: String
}

/// A value an imported row gave that went aside instead of into its field (a company field that
/// cannot be read, such as `100-499人` as a headcount): kept on the lead as a custom field named
/// after the column, the rest of the row imported.
public struct ImportWarning: Hashable, Sendable, Codable {
    public var file: String
    /// The spreadsheet row (the header is row 1).
    public var row: Int
    /// The text line it starts on.
    public var line: Int
    /// The lead field the column maps to (`employees`, `company-type`, …).
    public var field: String
    /// The column's header, as written: the custom field's name.
    public var column: String
    public var value: String
    public var reason: String

    /// `leads.csv line 3 (row 3), 规模 (employees): '100-499人' kept as a custom field — …`.
    public var text: String {
        "\(file) line \(line)\(row == line ? "" : " (row \(row))"), \(column) (\(field)): '\(value)' kept as a custom field — \(reason)"
    }
}

/// What an import did (or, with `--dry-run`, would do). `--json` prints it; the field names are
/// stable and documented in README.md.
public struct ImportSummary: Sendable, Codable {
    /// The import's id in `clew import list` (nil for a dry run).
    public var id: Int64?
    public var file: String
    /// `csv` or `xlsx`.
    public var format: String
    /// `utf-8`, `gb18030` or `utf-16` for CSV files.
    public var encoding: String?
    public var sheet: String?
    /// Data rows read (blank lines not counted).
    public var rows = 0
    /// New leads created.
    public var inserted = 0
    /// Rows whose details went into an existing lead (in the database or earlier in the file).
    public var merged = 0
    /// Rows that matched an existing lead and added nothing to it.
    public var unchanged = 0
    /// Rows not imported; see ``rejectsFile``.
    public var rejected = 0
    /// Imported rows that carry a data-quality flag (`invalid_email`, `invalid_phone`, `fake-phone`).
    public var flagged = 0
    public var dryRun = false
    /// Where the rejected rows were written (nil when none, or for a dry run).
    public var rejectsFile: String?
    /// Header → lead field.
    public var columns: [String: String] = [:]
    /// Columns kept as custom fields.
    public var customFields: [String] = []
    /// Columns named after a tag dimension (客户类型): their values become that dimension's tag.
    public var dimensionColumns: [String] = []
    /// Columns ignored (Clew's own columns from an export or a rejects file, or `--map … =ignore`).
    public var ignoredColumns: [String] = []
    /// Lines above the header row (a title such as `客户信息登记表`) that were skipped.
    public var skippedTitleLines = 0
    /// Flag → how many imported rows carry it.
    public var flags: [String: Int] = [:]
    /// The first rejected rows with their reasons (all of them are in the rejects file).
    public var rejects: [RejectedRow] = []
    /// Values set aside (kept as custom fields) on imported rows: how many.
    public var warned = 0
    /// The first of them, with file, line and field.
    public var warnings: [ImportWarning] = []
    /// Wall time in seconds.
    public var seconds = 0.0
    /// For `--resume`: the row the import continued after (earlier rows were committed before).
    public var resumedAfterRow: Int?
    /// Chunks of rows the import committed (``ImportOptions/defaultChunkRows`` each, the last smaller).
    public var chunks = 0
    /// Write transactions those chunks took: more than one for a chunk whose rows took longer
    /// than ``ImportOptions/defaultTransactionTime`` to add.
    public var transactions = 0
    /// Campaign names first seen in this import: created as draft campaigns for marketing to
    /// complete (`clew campaign list --status draft`).
    public var draftCampaigns: [String] = []

    /// Rows per second.
    public var rate: Double { rows == 0 ? 0 : Double(rows) / max(seconds, 1e-6) }

    /// `1284 rows: 1102 new leads, 131 merged into existing leads, 51 rejected (see leads.rejects.csv), 17 flagged`.
    public var line: String {
        var text = "\(rows) row\(rows == 1 ? "" : "s"): \(inserted) new lead\(inserted == 1 ? "" : "s"), "
            + "\(merged) merged into existing leads"
        if unchanged > 0 { text += ", \(unchanged) already present" }
        text += ", \(rejected) rejected"
        if let rejectsFile, rejected > 0 { text += " (see \(rejectsFile))" }
        text += ", \(flagged) flagged"
        if warned > 0 { text += ", \(warned) value\(warned == 1 ? "" : "s") set aside" }
        return text
    }
}
