import ClewServices
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads the cells of one sheet of an .xlsx workbook: the archive with ZIPFoundation, the XML
/// with Foundation's `XMLParser`.
///
/// Handles what Excel, WPS and openpyxl write: shared strings (Excel, with rich-text runs) and
/// inline strings (openpyxl, `t="inlineStr"`), numbers stored as numbers (a phone typed as
/// `13800138000` is read back without an exponent), numbers stored as text, booleans, formula
/// results, and dates (a number with a date format becomes `2026-11-23`, with a time
/// `2026-11-23 14:05`); both the 1900 and the 1904 date systems.
///
/// ```swift
/// let workbook = try XLSXReader(url: url, file: "leads.xlsx")
/// let records = try workbook.records(of: try workbook.sheet(named: nil))   // the first sheet
/// ```
struct XLSXReader {
    struct Sheet: Equatable {
        var name: String
        /// The part's path in the archive, e.g. `xl/worksheets/sheet1.xml`.
        var path: String
    }

    private let archive: Archive
    private let file: String
    /// The sheets in workbook order.
    let sheets: [Sheet]
    private let date1904: Bool

    init(url: URL, file: String) throws {
        self.file = file
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw ImportFileError.malformedWorkbook(file, reason: "not a zip archive")
        }
        guard let workbookXML = try Self.data(archive, "xl/workbook.xml", file: file) else {
            throw ImportFileError.malformedWorkbook(file, reason: "no xl/workbook.xml")
        }
        let workbook = try Self.parse(WorkbookParser(), workbookXML, file: file, part: "xl/workbook.xml")
        let rels = try Self.data(archive, "xl/_rels/workbook.xml.rels", file: file)
            .map { try Self.parse(RelationshipParser(), $0, file: file, part: "xl/_rels/workbook.xml.rels").targets } ?? [:]
        var sheets: [Sheet] = []
        for (index, entry) in workbook.sheets.enumerated() {
            let target = entry.relationship.flatMap { rels[$0] } ?? "worksheets/sheet\(index + 1).xml"
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            sheets.append(Sheet(name: entry.name, path: path))
        }
        guard !sheets.isEmpty else { throw ImportFileError.malformedWorkbook(file, reason: "the workbook has no sheets") }
        self.sheets = sheets
        date1904 = workbook.date1904
    }

    /// The sheet called `name` (case-insensitively), or the first sheet when `name` is nil.
    func sheet(named name: String?) throws -> Sheet {
        guard let name else { return sheets[0] }
        if let sheet = sheets.first(where: { $0.name == name }) ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return sheet
        }
        throw ImportFileError.sheetNotFound(file, sheet: name, available: sheets.map(\.name))
    }

    /// Every non-empty row of `sheet`, with its row number.
    func records(of sheet: Sheet) throws -> [TabularRecord] {
        let shared = try Self.data(archive, "xl/sharedStrings.xml", file: file)
            .map { try Self.parse(SharedStringsParser(), $0, file: file, part: "xl/sharedStrings.xml").strings } ?? []
        let styles = try Self.data(archive, "xl/styles.xml", file: file)
            .map { try Self.parse(StylesParser(), $0, file: file, part: "xl/styles.xml") }
        guard let xml = try Self.data(archive, sheet.path, file: file) else {
            throw ImportFileError.malformedWorkbook(file, reason: "sheet '\(sheet.name)' has no part \(sheet.path)")
        }
        let parser = SheetParser(shared: shared, dateStyles: styles?.dateStyles ?? [], date1904: date1904)
        return try Self.parse(parser, xml, file: file, part: sheet.path).records
    }

    // MARK: - Archive and XML plumbing

    /// The most one part may inflate to (a sheet of a million rows fits).
    static let maximumPartBytes: UInt64 = 512 * 1_048_576
    /// The most a part may inflate relative to its compressed size, beyond the first megabyte:
    /// real sheets stay well under 100:1, a zip bomb reaches 1000:1.
    static let maximumRatio: UInt64 = 200

    /// Why a part of `compressed` bytes may not inflate to `inflated` bytes, or nil when it may.
    static func inflationProblem(inflated: UInt64, compressed: UInt64) -> String? {
        if inflated > maximumPartBytes { return "inflates beyond \(maximumPartBytes / 1_048_576) MB" }
        if inflated > 1_048_576 && inflated / max(compressed, 1) > maximumRatio {
            return "inflates more than \(maximumRatio) times its compressed size (\(compressed) bytes), which no spreadsheet does"
        }
        return nil
    }

    /// The inflated bytes of part `path`, refused as soon as they pass the size or ratio limit
    /// (by the sizes the archive declares, then by the bytes actually inflated), so a zip bomb
    /// fails fast with memory bounded by the limit.
    private static func data(_ archive: Archive, _ path: String, file: String) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        let compressed = UInt64(entry.compressedSize)
        if let problem = inflationProblem(inflated: entry.uncompressedSize, compressed: compressed) {
            throw ImportFileError.workbookTooLarge(file, part: path, reason: problem)
        }
        struct Refused: Error { var problem: String }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if let problem = inflationProblem(inflated: UInt64(data.count), compressed: compressed) { throw Refused(problem: problem) }
            }
        } catch let refused as Refused {
            throw ImportFileError.workbookTooLarge(file, part: path, reason: refused.problem)
        } catch {
            throw ImportFileError.malformedWorkbook(file, reason: "cannot unpack \(path)")
        }
        return data
    }

    private static func parse<P: XMLParserDelegate & PartParser>(_ delegate: P, _ data: Data, file: String, part: String) throws -> P {
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "malformed XML"
            throw ImportFileError.malformedWorkbook(file, reason: "\(part) line \(parser.lineNumber): \(reason)")
        }
        if let problem = delegate.problem { throw ImportFileError.malformedWorkbook(file, reason: "\(part): \(problem)") }
        return delegate
    }
}

/// A delegate that may find something wrong that the XML itself does not show.
protocol PartParser: AnyObject {
    var problem: String? { get }
}

// MARK: - workbook.xml, its relationships

private final class WorkbookParser: NSObject, XMLParserDelegate, PartParser {
    var sheets: [(name: String, relationship: String?)] = []
    var date1904 = false
    var problem: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch localName(name) {
        case "sheet":
            let relationship = attributes.first { $0.key == "r:id" || $0.key.hasSuffix(":id") }?.value
            sheets.append((attributes["name"] ?? "Sheet\(sheets.count + 1)", relationship))
        case "workbookPr":
            date1904 = attributes["date1904"] == "1" || attributes["date1904"] == "true"
        default: break
        }
    }
}

private final class RelationshipParser: NSObject, XMLParserDelegate, PartParser {
    var targets: [String: String] = [:]
    var problem: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if localName(name) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
    }
}

// MARK: - Shared strings

private final class SharedStringsParser: NSObject, XMLParserDelegate, PartParser {
    var strings: [String] = []
    var problem: String?
    private var current = ""
    private var inText = false
    private var phonetic = 0

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch localName(name) {
        case "si": current = ""
        case "t": inText = phonetic == 0
        case "rPh": phonetic += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch localName(name) {
        case "si": strings.append(unescapeOOXML(current))
        case "t": inText = false
        case "rPh": phonetic -= 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

// MARK: - Styles: which cell formats are dates

private final class StylesParser: NSObject, XMLParserDelegate, PartParser {
    /// Indexes into `cellXfs` whose number format is a date or time.
    var dateStyles: Set<Int> = []
    var problem: String?
    private var customFormats: [Int: String] = [:]
    private var inCellXfs = false
    private var xfIndex = 0

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch localName(name) {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init) { customFormats[id] = attributes["formatCode"] ?? "" }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs:
            let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
            if Self.isDate(id, customFormats[id]) { dateStyles.insert(xfIndex) }
            xfIndex += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if localName(name) == "cellXfs" { inCellXfs = false }
    }

    /// Built-in date formats (14–22, 27–36 and 50–58 in Chinese locales, 45–47), or a custom
    /// code with y, d, h or s outside quotes and brackets (`yyyy"年"m"月"d"日"`).
    static func isDate(_ id: Int, _ code: String?) -> Bool {
        if (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id) { return true }
        guard let code else { return false }
        var plain = ""
        var inQuote = false
        var inBracket = false
        var escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[" where !inQuote: inBracket = true
            case "]" where !inQuote: inBracket = false
            default: if !inQuote && !inBracket { plain.append(character) }
            }
        }
        let lowered = plain.lowercased()
        return lowered.contains("y") || lowered.contains("d") || lowered.contains("h") || lowered.contains("s") && !lowered.contains("general")
    }
}

// MARK: - A worksheet

private final class SheetParser: NSObject, XMLParserDelegate, PartParser {
    var records: [TabularRecord] = []
    var problem: String?
    private let shared: [String]
    private let dateStyles: Set<Int>
    private let date1904: Bool

    private var rowNumber = 0
    private var cells: [String] = []
    private var column = 0
    private var type: String?
    private var style: Int?
    private var value = ""
    private var inValue = false
    private var inInlineText = false

    init(shared: [String], dateStyles: Set<Int>, date1904: Bool) {
        self.shared = shared
        self.dateStyles = dateStyles
        self.date1904 = date1904
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch localName(name) {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells = []
            column = 0
        case "c":
            if let reference = attributes["r"], let index = Self.columnIndex(reference) { column = index }
            type = attributes["t"]
            style = attributes["s"].flatMap(Int.init)
            value = ""
        case "v": inValue = true
        case "t" where type == "inlineStr": inInlineText = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch localName(name) {
        case "v": inValue = false
        case "t": inInlineText = false
        case "c":
            let text = cellText()
            if !text.isEmpty {
                if cells.count <= column { cells.append(contentsOf: Array(repeating: "", count: column - cells.count + 1)) }
                cells[column] = text
            }
            column += 1
        case "row":
            if !cells.isEmpty { records.append(TabularRecord(line: rowNumber, cells: cells)) }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue || inInlineText { value += string }
    }

    private func cellText() -> String {
        switch type {
        case "s":
            guard let index = Int(value.trimmingCharacters(in: .whitespaces)), shared.indices.contains(index) else {
                if !value.isEmpty { problem = "row \(rowNumber): shared string \(value) does not exist" }
                return ""
            }
            return shared[index]
        case "inlineStr", "str": return unescapeOOXML(value)
        case "e": return value
        case "b": return value == "1" || value == "true" ? "TRUE" : "FALSE"
        case "d": return value.hasSuffix("T00:00:00") || value.hasSuffix("T00:00:00Z") ? String(value.prefix(10)) : value
        default:
            guard let number = Double(value) else { return value }
            if let style, dateStyles.contains(style) { return Self.dateText(number, date1904: date1904) }
            return Self.numberText(value, number)
        }
    }

    /// `1.3800138E10` → `13800138000`; integral values without `.0`; anything else as written.
    static func numberText(_ raw: String, _ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return raw
    }

    /// A date serial as `2026-11-23` or, with a time of day, `2026-11-23 14:05`.
    static func dateText(_ serial: Double, date1904: Bool) -> String {
        let base = date1904 ? -2_082_844_800.0 /* 1904-01-01 */ : -2_209_161_600.0 /* 1899-12-30 */
        let seconds = (serial * 86_400).rounded()
        let date = Date(timeIntervalSince1970: base + seconds)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let day = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        if serial == serial.rounded(.down) { return day }
        let time = String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
        return serial < 1 ? time : day + " " + time
    }

    /// `B5` → 1; `AA10` → 26.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard let value = Optional(scalar.value), (65...90).contains(value) || (97...122).contains(value) else { break }
            index = index * 26 + Int((value & 0xDF) - 64)
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }
}

/// Decodes Excel's `_xHHHH_` escapes (control characters that XML cannot carry; `_x005F_` is `_`).
func unescapeOOXML(_ text: String) -> String {
    guard text.contains("_x") else { return text }
    var out = String.UnicodeScalarView()
    let scalars = Array(text.unicodeScalars)
    var i = 0
    while i < scalars.count {
        if scalars[i] == "_", i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_",
           let value = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)...(i + 5)])), radix: 16),
           let decoded = Unicode.Scalar(value) {
            out.append(decoded)
            i += 7
        } else {
            out.append(scalars[i])
            i += 1
        }
    }
    return String(out)
}

/// `x:sheet` → `sheet` (some writers prefix every element).
private func localName(_ name: String) -> Substring {
    name.split(separator: ":").last ?? Substring(name)
}
