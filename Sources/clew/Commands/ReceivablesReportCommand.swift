import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew report receivables`: aged receivables (0–30/31–60/61–90/90+) in total, per customer and
/// per rep; % collected and paid plans per contract; the cash expected per week.
struct ReceivablesReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receivables",
        abstract: "Receivables 应收账款: aged overdue money, % collected per contract, paid plans / total plans, expected cash by week.",
        discussion: "Over the contracts you may see (reps: their own). Output: an aligned table, or --format json|csv|xlsx with -o FILE (csv: one table, the contracts; xlsx: one sheet per table).")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("as-of"), help: "The day to age from (YYYY-MM-DD; default today).") var asOf: String?
    @Option(help: "At most this many contracts.") var limit: Int = 1_000
    @Option(help: "text (default), json, csv or xlsx.") var format: ReportFormat = .text
    @Option(name: [.customShort("o"), .long], help: "Write to this file instead of stdout.") var output: String?

    func run() throws {
        if format == .xlsx && output == nil && isatty(STDOUT_FILENO) == 1 {
            throw ValidationError("an .xlsx file is binary: use -o FILE.xlsx or redirect stdout to a file")
        }
        let environment = try CommandEnvironment.open(global)
        let report = try ReceivableService(context: environment.context, actor: environment.actor)
            .report(asOf: try asOf.map { try DayArgument.parse($0, option: "--as-of") }, contractLimit: max(1, min(limit, 100_000)))
        let tables = Self.tables(report)
        switch format {
        case .text:
            var lines = ["Receivables 应收账款 · as of \(report.asOf) · open \(report.open), overdue \(report.overdue)"]
            for table in tables {
                lines += ["", table.title] + Output.tableLines(table.header, table.rows)
            }
            try emit(Data((lines.joined(separator: "\n") + "\n").utf8))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let json = Dictionary(uniqueKeysWithValues: tables.map { table in
                (table.name, table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.header.map { $0.lowercased() }, $0)) })
            })
            try emit(Data((Output.jsonSafe(String(decoding: try encoder.encode(json), as: UTF8.self)) + "\n").utf8))
        case .csv:
            let toTerminal = output == nil && isatty(STDOUT_FILENO) == 1
            let handle = try outputHandle()
            defer { if output != nil { try? handle.close() } }
            let writer = try CSVWriter(handle: handle, encoding: .utf8, safety: toTerminal ? .terminal : .spreadsheet)
            let contracts = tables[tables.count - 1]
            try writer.write(contracts.header)
            for row in contracts.rows { try writer.write(row) }
            try writer.flush()
        case .xlsx:
            let writer = try XLSXWriter(sheetName: tables[0].name)
            for (index, table) in tables.enumerated() {
                if index > 0 { try writer.addSheet(named: table.name) }
                try writer.write([table.title, "as of \(report.asOf)"])
                try writer.write(table.header)
                for row in table.rows { try writer.write(row) }
            }
            let url = output.map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("clew-receivables-\(UUID().uuidString).xlsx")
            try Privilege.asUser { try writer.finish(to: url) }
            if output == nil {
                defer { try? FileManager.default.removeItem(at: url) }
                FileHandle.standardOutput.write(try Data(contentsOf: url))
            }
        }
        if let output { Output.line(Output.safe("Wrote the receivables report to \(output).")) }
    }

    /// The report's tables: aged (total, per customer, per rep), due this week, expected cash, contracts.
    static func tables(_ report: ReceivablesReport) -> [(name: String, title: String, header: [String], rows: [[String]])] {
        func aged(_ line: ReceivablesReport.AgedLine) -> [String] {
            [Output.safe(line.name.isEmpty ? "—" : line.name)] + AgeBucket.allCases.map { (line.buckets[$0] ?? .zero).description } + [line.total.description]
        }
        let agedHeader = ["NAME"] + AgeBucket.allCases.map { "\($0) DAYS" } + ["TOTAL"]
        return [
            ("aged", "Aged overdue 账龄 (days past due)", agedHeader, [aged(ReceivablesReport.AgedLine(name: "all 合计", buckets: report.aged.buckets))]),
            ("customers", "Overdue per customer 按客户", agedHeader, report.byCustomer.map(aged)),
            ("reps", "Overdue per rep 按销售", agedHeader, report.byRep.map(aged)),
            ("due-this-week", "Due this week 本周到期", ["CONTRACT", "CUSTOMER", "#", "DUE", "AMOUNT", "PAID", "BALANCE"], report.dueThisWeek.map {
                [$0.contractNumber, $0.customerName, String($0.sequence), $0.due.description, $0.amount.description, $0.paid.description, $0.balance.description]
            }),
            ("expected-cash", "Expected cash by week 预计回款", ["WEEK OF", "AMOUNT"], report.expectedByWeek.map { [$0.week.description, $0.amount.description] }),
            ("contracts", "Contracts 合同回款", ["CONTRACT", "CUSTOMER", "OWNER", "AMOUNT", "COLLECTED", "COLLECTED %", "PAID PLANS", "TOTAL PLANS",
                                                "OUTSTANDING", "OVERDUE", "INVOICED"], report.contracts.map {
                [$0.contract.number, Output.safe($0.contract.customerName), $0.contract.owner ?? "", $0.contract.amount.description, $0.collected.description,
                 "\($0.percentCollected)%", String($0.paidPlans), String($0.totalPlans), $0.outstanding.description, $0.overdue.description,
                 $0.invoiced.description]
            }),
        ]
    }

    private func outputHandle() throws -> FileHandle {
        guard let output else { return FileHandle.standardOutput }
        let fd = Privilege.asUser { open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666) }
        guard fd >= 0 else { throw ValidationError(Output.safe("cannot write \(output): \(String(cString: strerror(errno)))")) }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: false)
    }

    private func emit(_ data: Data) throws {
        let handle = try outputHandle()
        defer { if output != nil { try? handle.close() } }
        handle.write(data)
    }
}
