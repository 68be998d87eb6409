import ClewServices
import Foundation
import ZIPFoundation

/// Writes a minimal valid .xlsx workbook — sheets of text cells (inline strings, so each sheet
/// streams row by row to a temporary file; ``addSheet(named:)`` starts the next) — packed with
/// ZIPFoundation.
///
/// ```swift
/// let writer = try XLSXWriter(sheetName: "leads")
/// try writer.write(["number", "customer"])
/// try writer.write(["XL-20261123-001", "杭州恒通科技有限公司"])
/// try writer.finish(to: URL(fileURLWithPath: "leads.xlsx"))
/// ```
///
/// Every cell is text (phone numbers keep their form, lead numbers are not read as dates).
/// Characters XML cannot carry (control characters, e.g. an escape sequence typed into a
/// note) are written as Excel's `_xHHHH_` escapes, which ``XLSXReader`` decodes again.
public final class XLSXWriter {
    private let directory: URL
    private var sheetURL: URL
    private var handle: FileHandle
    private var sheetName: String
    /// The sheets finished so far (name, file).
    private var sheets: [(name: String, url: URL)] = []
    private let safety: CellSafety
    private var row = 0
    private var buffer = ""

    /// A workbook with one sheet; `safety` is applied to every cell (by default a leading `'`
    /// on text a spreadsheet would read as a formula).
    public init(sheetName: String, safety: CellSafety = .spreadsheet) throws {
        self.sheetName = sheetName
        self.safety = safety
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        (sheetURL, handle) = try Self.openSheet(1, in: directory)
        buffer = Self.sheetStart
    }

    private static let sheetStart = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#

    private static func openSheet(_ number: Int, in directory: URL) throws -> (URL, FileHandle) {
        let url = directory.appendingPathComponent("sheet\(number).xml")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        return (url, try FileHandle(forWritingTo: url))
    }

    /// Ends the current sheet and starts another named `name` (names are cut to Excel's 31 characters).
    public func addSheet(named name: String) throws {
        try closeSheet()
        (sheetURL, handle) = try Self.openSheet(sheets.count + 1, in: directory)
        sheetName = name
        row = 0
        buffer = Self.sheetStart
    }

    private func closeSheet() throws {
        buffer += "</sheetData></worksheet>"
        try flush()
        try handle.close()
        sheets.append((sheetName, sheetURL))
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Appends one row.
    public func write(_ cells: [String]) throws {
        row += 1
        buffer += "<row r=\"\(row)\">"
        for (index, cell) in cells.enumerated() where !cell.isEmpty {
            buffer += "<c r=\"\(Self.columnName(index))\(row)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Self.escaped(safety.apply(cell)))</t></is></c>"
        }
        buffer += "</row>"
        if buffer.utf8.count > 1 << 16 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer = ""
    }

    /// Closes the sheet and writes the workbook to `url` (replacing a file there).
    public func finish(to url: URL) throws {
        try closeSheet()
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        let archive = try Archive(url: url, accessMode: .create)
        let numbered = sheets.indices.map { (number: $0 + 1, name: Self.escaped(String(sheets[$0].name.prefix(31)))) }
        let overrides = numbered.map { #"<Override PartName="/xl/worksheets/sheet\#($0.number).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"# }
            .joined()
        let sheetList = numbered.map { #"<sheet name="\#($0.name)" sheetId="\#($0.number)" r:id="rId\#($0.number)"/>"# }.joined()
        let relations = numbered.map {
            #"<Relationship Id="rId\#($0.number)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0.number).xml"/>"#
        }.joined()
        let stylesID = "rId\(sheets.count + 1)"
        let parts: [(String, String)] = [
            ("[Content_Types].xml", #"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\#(overrides)<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
                """#),
            ("_rels/.rels", #"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """#),
            ("xl/workbook.xml", #"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\#(sheetList)</sheets></workbook>
                """#),
            ("xl/_rels/workbook.xml.rels", #"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(relations)<Relationship Id="\#(stylesID)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
                """#),
            ("xl/styles.xml", #"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
                """#),
        ]
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        for (index, sheet) in sheets.enumerated() {
            try archive.addEntry(with: "xl/worksheets/sheet\(index + 1).xml", fileURL: sheet.url, compressionMethod: .deflate)
        }
    }

    /// `0` → `A`, `26` → `AA`.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// XML-escaped text; characters XML 1.0 forbids become `_xHHHH_` (and a literal `_x` is
    /// escaped as `_x005F_x` so it reads back unchanged).
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var scalars = text.unicodeScalars.makeIterator()
        var previousUnderscore = false
        while let scalar = scalars.next() {
            let value = scalar.value
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                if (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || value == 0xFFFE || value == 0xFFFF {
                    out += String(format: "_x%04X_", value)
                } else if scalar == "x" && previousUnderscore {
                    out.removeLast()
                    out += "_x005F_x"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            previousUnderscore = scalar == "_"
        }
        return out
    }
}
