import ClewServices
import Foundation

/// An import file opened for reading: its records and what it turned out to be.
struct ImportSource {
    var records: any TabularSource
    /// `csv` or `xlsx`.
    var format: String
    var encoding: ImportEncoding?
    var sheet: String?

    /// Opens `path` by its extension: `.xlsx` as a workbook, `.csv`, `.txt` and `.tsv` (tabs) as text.
    static func open(_ path: String, options: ImportOptions) throws -> ImportSource {
        let name = (path as NSString).lastPathComponent
        let ext = (path as NSString).pathExtension.lowercased()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ImportFileError.unreadable(path: path, reason: isDirectory.boolValue ? "it is a directory" : "no such file")
        }
        switch ext {
        case "xlsx", "xlsm":
            let workbook = try XLSXReader(url: URL(fileURLWithPath: path), file: name)
            let sheet = try workbook.sheet(named: options.sheet)
            return ImportSource(records: ArrayRecords(records: try workbook.records(of: sheet)), format: "xlsx",
                                encoding: nil, sheet: sheet.name)
        case "xls":
            throw ImportFileError.unsupportedFormat(name + " (the old .xls format: save it as .xlsx or CSV)")
        case "csv", "txt", "tsv", "":
            // Read a block at a time: memory is bounded by a block and a chunk of rows.
            let input = try FileByteInput(path: path)
            if try input.read(upTo: 4) == [0x50, 0x4B, 0x03, 0x04] {
                throw ImportFileError.unsupportedFormat(name + " (it is a zip archive, perhaps an .xlsx: rename it to .xlsx)")
            }
            try input.rewind()
            var stream = try TextFileStream(input: input, file: name, forced: options.encoding)
            let first = try stream.next() ?? []
            let delimiter = ext == "tsv" || (ext == "txt" && Self.looksTabSeparated(first)) ? UInt8(ascii: "\t") : UInt8(ascii: ",")
            return ImportSource(records: CSVRecordReader(first: first, stream: stream, file: name, delimiter: delimiter), format: "csv",
                                encoding: stream.encoding, sheet: nil)
        default:
            throw ImportFileError.unsupportedFormat(name)
        }
    }

    /// Whether the first line has tabs and no commas (Excel's "Unicode text" export).
    private static func looksTabSeparated(_ bytes: [UInt8]) -> Bool {
        let first = bytes.prefix { $0 != 0x0A }
        return first.contains(0x09) && !first.contains(0x2C)
    }
}

/// Records already in memory (a parsed sheet).
struct ArrayRecords: TabularSource {
    let records: [TabularRecord]
    private var index = 0

    init(records: [TabularRecord]) { self.records = records }

    mutating func next() throws -> TabularRecord? {
        guard index < records.count else { return nil }
        defer { index += 1 }
        return records[index]
    }

    var fractionRead: Double { records.isEmpty ? 1 : Double(index) / Double(records.count) }
}
