import ArgumentParser
import ClewAutomation
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew report …`: the managers' reports (funnel, stages, reps, sources, campaigns, customers,
/// trend) and the rule review.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports: funnel, time per stage, reps, sources, campaigns, customers, trend, rules.",
        discussion: """
            Each report covers --from … --to (default: this month) over the leads of a scope you may see: \
            reps see their own; supervisors their team (default) or the company's totals (--scope all); marketing \
            the campaign and source totals. Output: an aligned table, or --format json|csv|xlsx with -o FILE.
            """,
        subcommands: [Funnel.self, Stages.self, Reps.self, Sources.self, Campaigns.self, Customers.self, Trend.self, Rules.self,
                      ReceivablesReportCommand.self])

    struct Funnel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Leads registered in the period by how far they got: reached, moved on, lost, conversion.",
            discussion: "Counted from the stage history: a lead still in 商务谈判 counts for every step up to it, so counts never grow down the funnel.")
        @OptionGroup var options: ReportOptions
        func run() throws { try options.run(.funnel) }
    }

    struct Stages: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time in each stage (median, p90, mean) against its plan, share late, and the bottleneck.",
            discussion: "Visits entered in the period; open visits count with their time so far. Times are working time (the calendar's working hours, less weekends and holidays), in working days; the plan is the stage's expected duration in working time.")
        @OptionGroup var options: ReportOptions
        func run() throws { try options.run(.stages) }
    }

    struct Reps: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per rep: received, confirmed and followed up within SLA, by status, won, win rate, cycle, workload.")
        @OptionGroup var options: ReportOptions
        func run() throws { try options.run(.reps) }
    }

    struct Sources: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Per lead source: leads, valid leads, opportunities, wins and amount.")
        @OptionGroup var options: ReportOptions
        func run() throws { try options.run(.sources) }
    }

    struct Campaigns: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per campaign: leads, valid, opportunities, wins and amount, cost, cost per lead, ROI.")
        @OptionGroup var options: ReportOptions
        func run() throws { try options.run(.campaigns) }
    }

    struct Customers: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Top customers by amount won in the period.")
        @OptionGroup var options: ReportOptions
        func run() throws { try options.run(.customers) }
    }

    struct Trend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "New leads, wins and amount per week or month, beside the previous period.")
        @OptionGroup var options: ReportOptions
        func run() throws { try options.run(.trend) }
    }
}

/// The options every report shares.
struct ReportOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Option(help: "First day (YYYY-MM-DD, today, -30d; default: the first of this month).") var from: String?
    @Option(help: "Last day, inclusive (default: today after a --from in the past, else the end of the month).") var to: String?
    @Option(help: "Trend buckets: day, week or month.") var by: ReportGranularity = .week
    @Option(help: "mine, team or all (default: team for supervisors, mine for reps, all for admins).") var scope: ReportScope?
    @Option(help: "text (default), json, csv or xlsx.") var format: ReportFormat = .text
    @Option(name: [.customShort("o"), .long], help: "Write to this file instead of stdout.") var output: String?
    @Option(help: "Lead source.") var source: String?
    @Option(help: "Campaign.") var campaign: String?
    @Option(help: "Region.") var region: String?
    @Option(help: "Industry.") var industry: String?
    @Option(help: "Owner login ('me' for yourself).") var owner: String?
    @Option(help: "Lines of a top list (customers), 1–1000.") var limit = 20

    func validate() throws {
        guard (1...1_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
        if format == .xlsx && output == nil && isatty(STDOUT_FILENO) == 1 {
            throw ValidationError("an .xlsx file is binary: use -o FILE.xlsx or redirect stdout to a file")
        }
    }

    func run(_ kind: ReportKind) throws {
        let environment = try CommandEnvironment.open(global)
        let request = try self.request(environment)
        let service = ReportService(context: environment.context, actor: environment.actor)
        let table: ReportTable
        switch kind {
        case .funnel:
            let report = try service.funnel(request)
            if format == .json { return try write(json: report) }
            table = ReportTable.funnel(report)
        case .stages:
            let report = try service.stages(request)
            if format == .json { return try write(json: report) }
            let calendar = environment.context.calendar
            table = ReportTable.stages(report, pipeline: environment.context.pipeline,
                                       workingDay: TimeInterval(calendar.workdayEnd - calendar.workdayStart) * 60)
        case .reps:
            let report = try service.reps(request)
            if format == .json { return try write(json: report) }
            table = ReportTable.reps(report)
        case .sources, .campaigns:
            let report = kind == .sources ? try service.sources(request) : try service.campaigns(request)
            if format == .json { return try write(json: report) }
            table = ReportTable.sources(report)
        case .customers:
            let report = try service.customers(request)
            if format == .json { return try write(json: report) }
            table = ReportTable.customers(report)
        case .trend:
            let report = try service.trend(request)
            if format == .json { return try write(json: report) }
            table = ReportTable.trend(report)
        }
        try write(table)
    }

    private func request(_ environment: CommandEnvironment) throws -> ReportRequest {
        let timeZone = environment.timeZone
        let month = ReportPeriod.month(containing: environment.now, in: timeZone)
        let first = try from.map { CalendarDay.containing(try environment.date($0, startOfDay: true), in: timeZone) } ?? month.first
        let today = CalendarDay.containing(environment.now, in: timeZone)
        // Without --to: the end of this month, or up to today from a --from in the past.
        let last = try to.map { CalendarDay.containing(try environment.date($0, startOfDay: true), in: timeZone) }
            ?? (from == nil ? month.last : (first <= today ? today : ReportPeriod.month(containing: first.date(in: timeZone), in: timeZone).last))
        var filters = LeadQuery()
        filters.source = source
        filters.campaign = campaign
        filters.region = region
        filters.industry = industry
        filters.owner = owner == "me" ? environment.actor.login : owner
        return ReportRequest(period: try ReportPeriod(from: first, through: last, in: timeZone), scope: scope, filters: filters,
                             granularity: by, limit: limit)
    }

    private func write<Body>(json report: Report<Body>) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Output.iso8601(date))
        }
        let text = Output.jsonSafe(String(decoding: try encoder.encode(report), as: UTF8.self)) + "\n"
        try emit(Data(text.utf8), kind: report.kind)
    }

    private func write(_ table: ReportTable) throws {
        switch format {
        case .text, .json:
            try emit(Data(table.text().utf8), kind: table.kind)
        case .csv:
            // To a terminal nothing from the database may act on it; to a file, formulas are guarded.
            let toTerminal = output == nil && isatty(STDOUT_FILENO) == 1
            let handle = try outputHandle()
            defer { if output != nil { try? handle.close() } }
            let writer = try CSVWriter(handle: handle, encoding: .utf8, safety: toTerminal ? .terminal : .spreadsheet)
            try writer.write(table.header)
            for row in table.rows { try writer.write(row) }
            try writer.flush()
            if let output { Output.line(Output.safe("Wrote the \(table.kind.rawValue) report to \(output).")) }
        case .xlsx:
            let writer = try XLSXWriter(sheetName: table.kind.rawValue)
            // One sheet per table, each under the title row with the period, scope and filters.
            try writer.write([table.title] + table.filters)
            try writer.write(table.header)
            for row in table.rows { try writer.write(row) }
            for more in table.moreTables {
                try writer.addSheet(named: more.name)
                try writer.write([table.title] + table.filters)
                try writer.write(more.header)
                for row in more.rows { try writer.write(row) }
            }
            let url = output.map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("clew-report-\(UUID().uuidString).xlsx")
            try Privilege.asUser { try writer.finish(to: url) }
            if output == nil {
                defer { try? FileManager.default.removeItem(at: url) }
                FileHandle.standardOutput.write(try Data(contentsOf: url))
            } else {
                Output.line(Output.safe("Wrote the \(table.kind.rawValue) report to \(url.path)."))
            }
        }
    }

    /// Writes `data` to stdout or `--output`.
    private func emit(_ data: Data, kind: ReportKind) throws {
        let handle = try outputHandle()
        try handle.write(contentsOf: data)
        if let output {
            try handle.close()
            Output.line(Output.safe("Wrote the \(kind.rawValue) report to \(output)."))
        }
    }

    /// Stdout, or `--output` opened with the user's own group only (a team install's database is
    /// not theirs to overwrite).
    private func outputHandle() throws -> FileHandle {
        guard let output else { return FileHandle.standardOutput }
        let fd = Privilege.asUser { open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666) }
        guard fd >= 0 else { throw ValidationError(Output.safe("cannot write \(output): \(String(cString: strerror(errno)))")) }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: false)
    }
}

/// How a report is printed.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, xlsx
}

extension ReportScope: ExpressibleByArgument {}
extension ReportGranularity: ExpressibleByArgument {}

// MARK: - Rule review

extension ReportCommand {
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How often each automation rule fired and what followed (rule review).",
            discussion: "FOLLOWED counts leads followed up after the rule first fired on them; WON/LOST/OPEN are their status now.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Count firings since this date (default: the first of this month).") var since: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let service = RuleReportService(context: environment.context, actor: environment.actor)
            let from = try since.map { try environment.date($0, startOfDay: true) } ?? service.startOfMonth
            let lines = try service.lines(since: from)
            if json { return try Output.json(lines) }
            Output.line("Rule firings since \(Output.day(from)): \(lines.reduce(0) { $0 + $1.firings }) in \(lines.count) rule\(lines.count == 1 ? "" : "s")")
            guard !lines.isEmpty else { return }
            Output.line("")
            Output.table(["RULE", "KIND", "FIRINGS", "LEADS", "SKIPPED", "FOLLOWED", "WON", "LOST", "OPEN", "WON ¥", "LAST"], lines.map {
                [$0.rule, $0.kind, String($0.firings), String($0.leads), String($0.skipped), String($0.followedUpAfter),
                 String($0.won), String($0.lost), String($0.open), String(format: "%.0f", $0.wonAmount), Output.time($0.lastFiredAt)]
            })
        }
    }
}
