import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew import …`: leads from CSV and Excel files, the import history, and undo.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import leads from a CSV or .xlsx file; list past imports; undo one.",
        discussion: """
            clew import FILE [--dry-run] [--json]     import (the 'file' subcommand is the default)
            clew import --resume FILE                 continue an import that stopped part-way
            clew import --template > template.csv     the headers Clew understands
            clew import list                          past imports with their counts
            clew import undo ID                       remove the leads an import created, unless worked on since
            """,
        subcommands: [ImportFileCommand.self, ImportListCommand.self, ImportUndoCommand.self],
        defaultSubcommand: ImportFileCommand.self)
}

struct ImportFileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "file", abstract: "Import leads from a CSV (UTF-8 or GB18030/GBK) or .xlsx file.",
        discussion: """
            Every row goes through the rules of 'clew lead add'. Rows without a customer name or without a valid phone \
            or email are rejected and written, with their line number and reason, to FILE.rejects.csv. A row whose phone \
            or email matches a lead (in the database or earlier in the file) is merged into it. Rows are committed in \
            chunks of \(ImportOptions.defaultChunkRows), so nobody else waits on an import and its leads appear as it goes; \
            an import that stops part-way (a crash, kill -9, a full disk) is continued with --resume FILE or removed \
            with 'clew import undo ID'.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The file: .csv, .txt, .tsv or .xlsx.") var file: String?
    @Flag(name: .customLong("dry-run"), help: "Check everything and report; write nothing.") var dryRun = false
    @Flag(help: "Continue the partial import of FILE (as it was started) after its last committed row.") var resume = false
    @Option(help: "Force the encoding of a CSV file: utf-8, gb18030 (gbk) or utf-16.") var encoding: String?
    @Option(help: "The sheet of an .xlsx workbook (default: the first).") var sheet: String?
    @Option(name: .customLong("map"), help: ArgumentHelp("Map a column to a field: 'Column Name=field' (or =custom, =ignore). Repeatable.", valueName: "column=field"))
    var mappings: [String] = []
    @Option(help: "Where to write rejected rows (default: FILE.rejects.csv).") var rejects: String?
    @Flag(help: "Print the headers Clew understands, as a CSV template, and exit.") var template = false
    @Flag(name: .customLong("no-progress"), help: "No progress bar on stderr.") var noProgress = false
    @Flag(help: "Print the summary as JSON.") var json = false

    func validate() throws {
        if template { return }
        guard file != nil else { throw ValidationError("give the file to import (or --template)") }
        if resume && (dryRun || encoding != nil || sheet != nil || !mappings.isEmpty || rejects != nil) {
            throw ValidationError("--resume continues an import with the options it was started with; give only the file")
        }
        if let encoding, ImportEncoding(name: encoding) == nil {
            throw ValidationError("unknown encoding '\(encoding)'; use utf-8, gb18030 (gbk) or utf-16")
        }
        for mapping in mappings where !mapping.contains("=") {
            throw ValidationError("--map needs 'Column Name=field', got '\(mapping)'")
        }
    }

    func run() throws {
        if template {
            FileHandle.standardOutput.write(Data(ImportTemplate.csv.utf8))
            return
        }
        guard let file else { return }
        let environment = try CommandEnvironment.open(global)
        var options = ImportOptions(dryRun: dryRun, encoding: encoding.flatMap(ImportEncoding.init(name:)), sheet: sheet, rejectsPath: rejects,
                                    resume: resume)
        for mapping in mappings {
            guard let equals = mapping.lastIndex(of: "=") else { continue }
            options.mappings[String(mapping[..<equals])] = String(mapping[mapping.index(after: equals)...])
        }
        let bar = ProgressBar(enabled: !noProgress && !json && isatty(STDERR_FILENO) == 1)
        let service = ImportService(context: environment.context, actor: environment.actor)
        let summary: ImportSummary
        do {
            summary = try service.run(path: file, options: options) { bar.show($0) }
        } catch {
            bar.clear()
            throw error
        }
        bar.clear()
        if json {
            try Output.json(summary)
            return
        }
        ImportReport.print(summary)
    }
}

/// The human summary of an import.
enum ImportReport {
    static func print(_ s: ImportSummary) {
        var what = [s.format, s.encoding, s.sheet.map { "sheet \($0)" }].compactMap { $0 }.joined(separator: ", ")
        if s.skippedTitleLines > 0 { what += ", \(s.skippedTitleLines) title line\(s.skippedTitleLines == 1 ? "" : "s") above the header skipped" }
        if s.dryRun {
            Output.line(Output.safe("Dry run of \(s.file) (\(what)): nothing was written."))
        } else if let row = s.resumedAfterRow {
            Output.line(Output.safe("Import #\(s.id.map(String.init) ?? "?") of \(s.file) (\(what)), resumed after row \(row)."))
        } else {
            Output.line(Output.safe("Import #\(s.id.map(String.init) ?? "?") of \(s.file) (\(what))."))
        }
        Output.line(Output.safe(s.line))
        let columns = s.columns.sorted { $0.key < $1.key }.map { "\($0.key)→\($0.value)" }.joined(separator: ", ")
        Output.line(Output.safe("Columns: \(columns)"))
        if !s.customFields.isEmpty { Output.line(Output.safe("Kept as custom fields: \(s.customFields.joined(separator: ", "))")) }
        if !s.dimensionColumns.isEmpty { Output.line(Output.safe("Tag dimensions: \(s.dimensionColumns.joined(separator: ", "))")) }
        if !s.ignoredColumns.isEmpty { Output.line(Output.safe("Ignored (set by Clew): \(s.ignoredColumns.joined(separator: ", "))")) }
        if !s.draftCampaigns.isEmpty {
            Output.line(Output.safe("New draft campaign\(s.draftCampaigns.count == 1 ? "" : "s") for marketing to complete: "
                                    + s.draftCampaigns.joined(separator: ", ") + " (clew campaign list --status draft)"))
        }
        if !s.flags.isEmpty {
            Output.line("Flagged: " + s.flags.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        if s.warned > 0 {
            Output.line("Set aside (kept as custom fields, the rest of the row imported · 无法识别的值已另存为自定义字段):")
            for warning in s.warnings { Output.line(Output.safe("  " + warning.text)) }
            if s.warned > s.warnings.count { Output.line("  … \(s.warned - s.warnings.count) more") }
        }
        if !s.rejects.isEmpty && (s.dryRun || s.rejectsFile == nil) {
            Output.line("Rejected rows:")
            for reject in s.rejects { Output.line(Output.safe("  row \(reject.row): \(reject.reason)")) }
            if s.rejected > s.rejects.count { Output.line("  … \(s.rejected - s.rejects.count) more") }
        }
        if !s.dryRun, let id = s.id, s.inserted > 0 { Output.line("Undo with: clew import undo \(id)") }
    }
}

/// A one-line progress bar with rate and ETA on stderr (a terminal only).
final class ProgressBar {
    private let enabled: Bool
    private let started = Date()
    private var lastDrawn = Date.distantPast

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ progress: ImportProgress) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) >= 0.1 || progress.fraction >= 1 else { return }
        lastDrawn = now
        let elapsed = max(now.timeIntervalSince(started), 1e-3)
        let fraction = min(max(progress.fraction, 0), 1)
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        let rate = Double(progress.rows) / elapsed
        let eta = fraction > 0.01 ? elapsed * (1 - fraction) / fraction : nil
        let text = "\r\u{1B}[K[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            + String(format: "%3.0f%%  %d rows  %.0f rows/s", fraction * 100, progress.rows, rate)
            + (eta.map { String(format: "  ETA %.0fs", $0) } ?? "")
        FileHandle.standardError.write(Data(text.utf8))
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// `clew import --template`: one header row, each header in Chinese with its English key.
enum ImportTemplate {
    static var csv: String {
        "\u{FEFF}" + (LeadField.allCases.map { "\($0.chineseName)(\($0.rawValue))" } + ["获取时间(capturedAt)"]).joined(separator: ",") + "\r\n"
    }
}

struct ImportListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Past imports, newest first, with their counts.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many (default 50).") var limit = 50
    @Flag(help: "Print JSON.") var json = false

    func validate() throws { try OptionLimits.check(limit, in: OptionLimits.pageSize, "--limit") }

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        let imports = try ImportService(context: environment.context, actor: environment.actor).history(limit: limit)
        if json {
            try Output.json(imports)
            return
        }
        if imports.isEmpty {
            Output.line("No imports yet.")
            return
        }
        Output.table(
            ["ID", "WHEN", "BY", "ROWS", "NEW", "MERGED", "SAME", "REJECTED", "FLAGGED", "STATUS", "LEFT", "FILE"],
            imports.map { i in
                [String(i.id), Output.time(i.startedAt), i.actor, String(i.rows), String(i.inserted), String(i.merged), String(i.unchanged),
                 String(i.rejected), String(i.flagged), i.status, String(i.remaining), i.file]
            })
        if imports.contains(where: { $0.status == "partial" }) {
            Output.line("A partial import stopped part-way: continue it with 'clew import --resume FILE', or remove it with 'clew import undo ID'.")
        }
    }
}

struct ImportUndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Remove the leads an import created that nobody has worked on since (an audited purge).",
        discussion: "Leads changed since the import, or with follow-ups, tasks or notes, are kept and listed. Details merged into existing leads stay. Admins and the importer may undo.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The import id (see 'clew import list').") var id: Int64
    @Flag(help: "Print JSON.") var json = false

    func validate() throws { try OptionLimits.check(id: id, "the import id") }

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        let report = try ImportService(context: environment.context, actor: environment.actor).undo(id)
        if json {
            try Output.json(report)
            return
        }
        Output.line("Import #\(id): removed \(report.removed.count) lead\(report.removed.count == 1 ? "" : "s")"
            + (report.kept.isEmpty ? "." : "; kept \(report.kept.count) worked on since:"))
        for kept in report.kept { Output.line(Output.safe("  \(kept.number): \(kept.reason)")) }
        if report.mergesKept > 0 {
            Output.line("\(report.mergesKept) merge\(report.mergesKept == 1 ? "" : "s") into existing leads stay (their notes and history show what came from the import).")
        }
    }
}
