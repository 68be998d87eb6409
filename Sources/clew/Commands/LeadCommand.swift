import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew lead …`: registering and working leads.
struct LeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lead", abstract: "Register, list, show and work leads.",
        subcommands: [
            LeadAddCommand.self, LeadListCommand.self, LeadShowCommand.self, LeadEditCommand.self,
            LeadGradeCommand.self, LeadAssignCommand.self, LeadConfirmCommand.self, LeadObjectCommand.self,
            LeadClaimCommand.self, LeadReturnCommand.self, LeadMoveCommand.self, LeadFollowUpCommand.self,
            LeadConvertCommand.self, LeadWinCommand.self, LeadAmountCommand.self, LeadLoseCommand.self, LeadReopenCommand.self, LeadMergeCommand.self, LeadNoteCommand.self, LeadTagCommand.self, LeadEventCommand.self,
        ])
}

/// The detail fields shared by `lead add` and `lead edit`.
struct LeadFieldOptions: ParsableArguments {
    @Option(help: "Customer (company) name — 客户名称.") var customer: String?
    @Option(help: "Contact person — 联系人.") var contact: String?
    @Option(help: "Contact's title — 职位.") var title: String?
    @Option(help: "Phone: mobile, landline with area code, or +country…") var phone: String?
    @Option(help: "Email.") var email: String?
    @Option(help: "Industry — 所属行业.") var industry: String?
    @Option(help: "What the customer needs — 需求描述.") var need: String?
    @Option(help: "Lead source — 线索来源 (展会, 官网注册, …).") var source: String?
    @Option(help: "Marketing campaign — 营销活动.") var campaign: String?
    @Option(help: "Region — 地区 (华东, …); inferred from --city when omitted.") var region: String?
    @Option(help: "City — 城市.") var city: String?
    @Option(help: "Budget range — 预算范围 (30-50万).") var budget: String?
    @Option(help: "Headcount — 员工人数 (500, 1.2万).") var employees: String?
    @Option(help: "Annual revenue — 年营收 (3000万, 1.2亿).") var revenue: String?
    @Option(name: .customLong("company-type"), help: "Company type — 企业性质: 国企/民企/外企/合资/事业单位/其他 (state-owned, private, foreign, joint-venture, institution, other).")
    var companyType: String?
    @Option(help: "Founding year — 成立年份 (2008).") var founded: String?
    @Option(name: .customLong("decision-chain"), help: "Decision chain — 决策链 (采购经理→技术总监→总经理).") var decisionChain: String?

    /// The given fields as a draft; the region is inferred from the city when not given.
    var draft: LeadDraft {
        var draft = LeadDraft(customer: customer, contact: contact, title: title, phone: phone, email: email,
                              industry: industry, need: need, source: source, campaign: campaign, region: region,
                              city: city, budget: budget, employees: employees, revenue: revenue, companyType: companyType,
                              founded: founded, decisionChain: decisionChain)
        if draft.region == nil, let city { draft.region = SalesRegion.region(ofCity: city) }
        return draft
    }
}

struct LeadAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Register a lead; prints its number.",
        discussion: "A lead with customer, contact, phone or email, industry, need and source goes straight to screening; otherwise it starts as new.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var fields: LeadFieldOptions
    @Flag(name: .customLong("allow-duplicate"), help: "Register even if the phone or email matches an existing lead.") var allowDuplicate = false
    @Option(name: .customLong("merge-into"), help: "Add these details to an existing lead instead.") var mergeInto: String?
    @Option(help: "The contact's language for customer email: zh or en (default: the process file's).") var language: String?
    @Option(name: .customLong("captured-at"), help: "When the lead was captured (default: now); registered over 2 working hours later it is flagged late-registration.")
    var capturedAt: String?

    func validate() throws {
        if allowDuplicate && mergeInto != nil { throw ValidationError("--allow-duplicate and --merge-into cannot be combined") }
    }

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        let option: LeadService.DuplicateOption = mergeInto.map { .mergeInto($0) } ?? (allowDuplicate ? .allow : .refuse)
        let result = try environment.leads.add(fields.draft, duplicates: option, language: try language.map(ContactLanguageOption.parse),
                                               capturedAt: try capturedAt.map { try environment.date($0) })
        Output.line(result.lead.number.description)
    }
}

/// `--language zh|en`.
enum ContactLanguageOption {
    static func parse(_ text: String) throws -> ContactLanguage {
        guard let language = ContactLanguage(parsing: text) else { throw ValidationError("unknown language '\(text)'; use zh or en") }
        return language
    }
}

struct LeadEditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change a lead's details.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String
    @OptionGroup var fields: LeadFieldOptions
    @Option(help: "Fields to empty, comma-separated (campaign,budget,company-type).") var clear: String?
    @Option(name: .customLong("if-version"), help: "Refuse if the lead changed since this version.") var ifVersion: Int?

    func validate() throws {
        if let ifVersion { try OptionLimits.check(ifVersion, in: 1...Int(Int32.max), "--if-version") }
    }

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        var clearing = Set<LeadField>()
        for name in (clear ?? "").split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let field = LeadField(rawValue: name) else {
                throw ValidationError("unknown field '\(name)'" + Suggestion.hint(for: name, in: LeadField.allCases.map(\.rawValue)))
            }
            clearing.insert(field)
        }
        let draft = fields.draft
        guard draft != LeadDraft() || !clearing.isEmpty else { throw ValidationError("nothing to change; give at least one field") }
        let lead = try environment.leads.edit(number, changes: draft, clearing: clearing, expectedVersion: ifVersion)
        Output.line("\(lead.number) updated (version \(lead.version), \(lead.status)).")
    }
}

struct LeadNoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a note; @login mentions notify.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String
    @Argument(help: "The note text.") var text: String

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        let notified = try environment.leads.addNote(number, body: text)
        Output.line("Noted on \(number)" + (notified.isEmpty ? "." : "; notified \(notified.joined(separator: ", "))."))
    }
}
