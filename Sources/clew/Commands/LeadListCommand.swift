import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

struct LeadListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List leads you can see, newest first.",
        discussion: "Pages with --limit; continue with --after set to the last number shown.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var filters: LeadFilterOptions
    @Option(help: "Page size (default 50).") var limit = 50
    @Option(help: "Continue after this lead number.") var after: String?
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        try OptionLimits.check(limit, in: OptionLimits.pageSize, "--limit")
    }

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        var query = try filters.query(for: environment.actor)
        query.limit = limit
        query.after = after
        let leads = try environment.leads.list(query)
        if json {
            try Output.json(leads.map(LeadJSON.init))
            return
        }
        if leads.isEmpty {
            Output.line("No leads.")
            return
        }
        LeadTable.print(leads, now: environment.now)
        if leads.count == limit, let last = leads.last {
            Output.line("… more: clew lead list --after \(last.number)" + (filters.status.map { " --status \($0)" } ?? ""))
        }
    }

    static func statuses(_ text: String?) throws -> [LeadStatus] {
        try (text ?? "").split(separator: ",").map { name in
            guard let status = LeadStatus(name: String(name)) else {
                throw ValidationError("unknown status '\(name)'; use one of \(LeadStatus.allCases.map(\.rawValue).joined(separator: ", "))"
                    + Suggestion.hint(for: String(name), in: LeadStatus.allCases.map(\.rawValue)))
            }
            return status
        }
    }
}

/// The filters of `lead list`, shared with `export`.
struct LeadFilterOptions: ParsableArguments {
    @Option(help: "Status, or several comma-separated (screening,assigned).") var status: String?
    @Option(help: "Pipeline stage.") var stage: String?
    @Option(help: "Owner login ('me' for yourself).") var owner: String?
    @Option(help: "Grade A, B or C.") var grade: String?
    @Option(help: "Lead source.") var source: String?
    @Option(help: "Region.") var region: String?
    @Option(help: "Campaign.") var campaign: String?
    @Option(help: "Industry.") var industry: String?
    @Option(help: "Pool.") var pool: String?
    @Option(help: "Tag.") var tag: String?
    @Option(help: "Leads needing attention: stalled, escalated, overdue or unconfirmed, or carrying a flag: late-registration, fake-phone, possible-duplicate, invalid-email, invalid-phone (several comma-separated).") var flag: String?
    @Option(name: .customLong("company-type"), help: "Company type: 国企/民企/外企/合资/事业单位/其他 (state-owned, private, …).") var companyType: String?
    @Option(name: .customLong("employees-min"), help: "At least this many employees (500).") var employeesMin: Int?
    @Option(name: .customLong("revenue-min"), help: "At least this annual revenue (1亿, 50000000).") var revenueMin: String?
    @Flag(help: "Only your own leads.") var mine = false

    /// The query these options describe, `me` and `--mine` meaning `actor`.
    func query(for actor: ActingUser) throws -> LeadQuery {
        var query = LeadQuery()
        query.statuses = try LeadListCommand.statuses(status)
        query.stage = stage
        query.owner = mine || owner == "me" ? actor.login : owner
        if let grade {
            guard let parsed = Grade(parsing: grade) else { throw ValidationError("grade must be A, B or C") }
            query.grade = parsed
        }
        query.source = source
        query.region = region
        query.campaign = campaign
        query.industry = industry
        query.pool = pool
        query.tag = tag
        if let companyType {
            do { query.companyType = try CompanyFacts.companyType(companyType) } catch { throw ValidationError(Output.safe(error.description)) }
        }
        if let employeesMin {
            try OptionLimits.check(employeesMin, in: 1...CompanyFacts.maximumEmployees, "--employees-min")
            query.employeesMin = employeesMin
        }
        if let revenueMin {
            do { query.revenueMin = try CompanyFacts.revenue(revenueMin) } catch { throw ValidationError(Output.safe(error.description)) }
        }
        // A work flag (stalled, overdue, …) or a lead's data-quality flag (late-registration, fake-phone, …).
        let known = WorkFlag.allCases.map(\.rawValue) + LeadFlag.allCases.map(\.rawValue).filter { WorkFlag(spelling: $0) == nil }
        for name in (flag ?? "").split(separator: ",").map(String.init) {
            if let parsed = WorkFlag(spelling: name) {
                query.flags.insert(parsed)
            } else if let parsed = LeadFlag(spelling: name) {
                query.leadFlags.insert(parsed)
            } else {
                throw ValidationError("unknown flag '\(name)'; use one of \(known.joined(separator: ", "))" + Suggestion.hint(for: name, in: known))
            }
        }
        return query
    }
}

/// The lead table shared by `lead list` and `search`.
enum LeadTable {
    static func print(_ leads: [Lead], now: Date, extra: [String]? = nil) {
        Output.table(
            ["NUMBER", "STATUS", "STAGE", "G", "OWNER", "CUSTOMER", "CONTACT", "PHONE", "AMOUNT", extra == nil ? "UPDATED" : "MATCH"],
            leads.enumerated().map { index, lead in
                [lead.number.description, lead.status.rawValue, lead.stage ?? "", lead.grade?.rawValue ?? "",
                 lead.owner ?? (lead.pool.map { "pool:\($0)" } ?? ""), lead.details.customer ?? "", lead.details.contact ?? "",
                 lead.details.phone ?? lead.details.email ?? "", lead.amount?.compact ?? "",
                 extra?[index] ?? Output.day(lead.updatedAt)]
            },
            maxWidths: [18, 10, 12, 1, 14, 30, 14, 16, 10, 40])
    }
}
