import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew export leads|customers|followups|tasks`: CSV (UTF-8 with BOM, or GB18030 with
/// `--excel`), JSON or .xlsx, with the filters of `lead list`, streamed page by page.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export leads, customers, follow-ups or tasks as CSV, JSON or .xlsx.",
        discussion: """
            Writes to stdout, or to --output FILE. CSV is UTF-8 with a byte-order mark (Excel opens it directly); --excel \
            writes GB18030 for older Excel and WPS. Lead CSV/xlsx columns are the headers 'clew import' reads, so an \
            export imports into another database as it is. Merged leads are left out unless --status merged.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "leads, customers, followups, tasks, contracts, instalments, payments or invoices.") var kind: String
    @Option(help: "csv (default), json or xlsx.") var format = "csv"
    @Flag(help: "CSV in GB18030 instead of UTF-8 (for older Excel and WPS).") var excel = false
    @Option(name: [.customShort("o"), .long], help: "Write to this file instead of stdout.") var output: String?
    @Flag(help: "Cells exactly as stored: no leading ' before a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR).")
    var raw = false
    @OptionGroup var filters: LeadFilterOptions

    static let formats = ["csv", "json", "xlsx"]

    func validate() throws {
        guard ExportService.Kind(rawValue: kind) != nil else {
            let kinds = ExportService.Kind.allCases.map(\.rawValue)
            throw ValidationError("unknown export '\(kind)'; use one of \(kinds.joined(separator: ", "))" + Suggestion.hint(for: kind, in: kinds))
        }
        guard Self.formats.contains(format) else {
            throw ValidationError("unknown format '\(format)'; use csv, json or xlsx" + Suggestion.hint(for: format, in: Self.formats))
        }
        if excel && format != "csv" { throw ValidationError("--excel applies to --format csv only") }
        if format == "xlsx" && output == nil && isatty(STDOUT_FILENO) == 1 {
            throw ValidationError("an .xlsx file is binary: use --output FILE.xlsx or redirect stdout to a file")
        }
    }

    func run() throws {
        guard let kind = ExportService.Kind(rawValue: kind) else { return }
        let environment = try CommandEnvironment.open(global)
        let query = try filters.query(for: environment.actor)
        let export = ExportService(context: environment.context, actor: environment.actor)

        let handle: FileHandle
        if format == "xlsx" {
            handle = FileHandle.standardOutput
        } else if let output {
            // Opened with the user's own group only: a team install's database is not theirs to overwrite.
            let fd = Privilege.asUser { open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666) }
            guard fd >= 0 else { throw ValidationError("cannot write \(output): \(String(cString: strerror(errno)))") }
            handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        } else {
            handle = FileHandle.standardOutput
        }
        defer { if output != nil && format != "xlsx" { try? handle.close() } }
        var written = 0
        let count: Int
        do {
            count = try write(kind, query: query, export: export, to: handle) { written += 1 }
        } catch {
            try? export.recordExport(kind, format: format, query: query, rows: written, destination: output, failed: true)
            throw error
        }
        try export.recordExport(kind, format: format, query: query, rows: count, destination: output)
        if let output {
            Output.line(Output.safe("Exported \(count) \(kind.rawValue) to \(output)."))
        }
    }

    /// Writes the export in `format`, calling `counting` once per row; returns the row count.
    private func write(_ kind: ExportService.Kind, query: LeadQuery, export: ExportService, to handle: FileHandle,
                       counting: () -> Void) throws -> Int {
        let count: Int
        switch format {
        case "json":
            count = try writeJSON(kind, query: query, export: export, to: handle, counting: counting)
        case "xlsx":
            let writer = try XLSXWriter(sheetName: kind.rawValue, safety: raw ? .raw : .spreadsheet)
            try writer.write(export.header(kind))
            count = try export.rows(kind, query: query) { try writer.write($0); counting() }
            let url = output.map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("clew-export-\(UUID().uuidString).xlsx")
            try Privilege.asUser { try writer.finish(to: url) }
            if output == nil {
                defer { try? FileManager.default.removeItem(at: url) }
                try handle.write(contentsOf: try Data(contentsOf: url))
            }
        default:
            // To a terminal nothing from the database may act on it, --raw or not.
            let toTerminal = output == nil && isatty(STDOUT_FILENO) == 1
            let safety: CellSafety = toTerminal ? (raw ? .terminalText : .terminal) : (raw ? .raw : .spreadsheet)
            let writer = try CSVWriter(handle: handle, encoding: excel ? .gb18030 : .utf8, safety: safety)
            try writer.write(export.header(kind))
            count = try export.rows(kind, query: query) { try writer.write($0); counting() }
            try writer.flush()
        }
        return count
    }

    /// A JSON array, one element per line: leads in the `lead list --json` form, other kinds as
    /// objects keyed by the table headers.
    private func writeJSON(_ kind: ExportService.Kind, query: LeadQuery, export: ExportService, to handle: FileHandle,
                           counting: () -> Void) throws -> Int {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Output.iso8601(date))
        }
        var buffer = Data("[".utf8)
        var first = true
        func append(_ data: Data) throws {
            buffer.append(contentsOf: (first ? "\n" : ",\n").utf8)
            first = false
            counting()
            buffer.append(contentsOf: Output.jsonSafe(String(decoding: data, as: UTF8.self)).utf8)
            if buffer.count > 1 << 16 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        let count: Int
        if kind == .leads {
            count = try export.forEachLead(query) { try append(try encoder.encode(LeadJSON($0))) }
        } else {
            let header = export.header(kind)
            count = try export.rows(kind, query: query) { cells in
                let object = Dictionary(zip(header, cells.map { $0.isEmpty ? nil : $0 }), uniquingKeysWith: { a, _ in a })
                try append(try encoder.encode(object))
            }
        }
        buffer.append(contentsOf: (first ? "]\n" : "\n]\n").utf8)
        try handle.write(contentsOf: buffer)
        return count
    }
}
