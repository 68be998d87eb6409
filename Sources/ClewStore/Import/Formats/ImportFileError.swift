import ClewDomain
import ClewServices

/// Why a file could not be imported at all. Each message names the line (or sheet row) where
/// the problem is, so the user can open the file there; nothing is written when one is thrown.
public enum ImportFileError: UserFacingError, Equatable {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file has no bytes (or only a byte-order mark and blank lines).
    case empty(String)
    /// The file has a header row but no data rows.
    case headerOnly(String)
    /// The file is not text: NUL bytes or control characters at `line`.
    case binary(String, line: Int)
    /// The bytes are neither UTF-8 nor GB18030 (or not the forced encoding) from `line` on.
    case undecodable(String, encoding: String, line: Int)
    /// A quoted cell opened on `line` is never closed.
    case unclosedQuote(String, line: Int)
    /// A cell on `line` is larger than the limit.
    case cellTooLarge(String, line: Int, column: Int, limit: Int)
    /// No header could be matched to a lead field.
    case noRecognisableColumns(String, seen: [String])
    /// Columns were recognised, but not one that every row needs.
    case missingRequiredColumn(String, what: String, seen: [String])
    /// `--map` names a column the file does not have, or a field Clew does not know.
    case badMapping(String)
    /// The extension is not .csv, .txt, .tsv or .xlsx.
    case unsupportedFormat(String)
    /// The .xlsx archive or its XML is damaged.
    case malformedWorkbook(String, reason: String)
    /// `--sheet` names a sheet the workbook does not have.
    case sheetNotFound(String, sheet: String, available: [String])
    /// A part of the .xlsx archive inflates beyond the size or ratio limits (a zip bomb, or a
    /// sheet too large to import in one go).
    case workbookTooLarge(String, part: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read \(path): \(reason)"
        case let .workbookTooLarge(file, part, reason):
            "\(file): \(part) \(reason); split the workbook or save the sheet as CSV (工作簿过大，请拆分或另存为 CSV)"
        case let .empty(file): "\(file) is empty: no header and no rows"
        case let .headerOnly(file): "\(file) has a header row but no data rows"
        case let .binary(file, line): "\(file) is not a text file (binary data at line \(line)); save it as CSV (UTF-8) or .xlsx"
        case let .undecodable(file, encoding, line):
            "\(file) line \(line): the bytes are not valid \(encoding); save it as CSV (UTF-8) or pass --encoding gb18030"
        case let .unclosedQuote(file, line): "\(file) line \(line): a quoted cell (\") is never closed"
        case let .cellTooLarge(file, line, column, limit):
            "\(file) line \(line), column \(column): a cell is larger than \(limit / 1_048_576) MB"
        case let .noRecognisableColumns(file, seen):
            "\(file): no recognisable columns (saw: \(Self.list(seen))); see 'clew import --template' or use --map 'Column=field'"
        case let .missingRequiredColumn(file, what, seen):
            "\(file): no \(what) column (saw: \(Self.list(seen))); use --map 'Column=field'"
        case let .badMapping(message): message
        case let .unsupportedFormat(file): "\(file): unsupported file type; use .csv (or .txt/.tsv) or .xlsx"
        case let .malformedWorkbook(file, reason): "\(file) is not a readable .xlsx workbook: \(reason)"
        case let .sheetNotFound(file, sheet, available):
            "\(file) has no sheet '\(sheet)'; sheets: \(available.joined(separator: ", "))"
                + Suggestion.hint(for: sheet, in: available)
        }
    }

    private static func list(_ headers: [String]) -> String {
        let shown = headers.prefix(20).map { $0.isEmpty ? "(blank)" : TextNormalization.terminalSafe($0) }
        return shown.joined(separator: ", ") + (headers.count > 20 ? ", …" : "")
    }
}
