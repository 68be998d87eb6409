import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew campaign add|list|show|edit|close`: marketing campaigns (营销活动) as records.
struct CampaignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "Marketing campaigns: add, list, show, edit, close.",
        discussion: """
            Leads link to a campaign by its name (lead add/edit --campaign, the import's 营销活动/campaign column). \
            A name first seen on a lead becomes a draft campaign for marketing to complete with 'campaign edit'. \
            'clew report campaigns' shows leads, wins, cost per lead and ROI per campaign.
            """,
        subcommands: [Add.self, List.self, Show.self, Edit.self, Close.self])

    /// The fields `add` and `edit` set.
    struct Fields: ParsableArguments {
        @Option(help: "Channel: 展会, 线上广告, 地推, 公众号, …") var channel: String?
        @Option(help: "Budget in yuan (80000, 8万).") var budget: String?
        @Option(help: "Actual cost in yuan so far (what ROI is measured against).") var cost: String?
        @Option(help: "First day (YYYY-MM-DD).") var start: String?
        @Option(help: "Last day (YYYY-MM-DD).") var end: String?
        @Option(help: "Login of who runs it.") var owner: String?

        func changes(name: String?, _ environment: CommandEnvironment) throws -> CampaignChanges {
            CampaignChanges(name: name, channel: channel, startDay: try start.map { try day($0, environment) },
                            endDay: try end.map { try day($0, environment) }, budget: try budget.map(AmountArgument.parse),
                            cost: try cost.map(AmountArgument.parse), owner: owner)
        }

        private func day(_ text: String, _ environment: CommandEnvironment) throws -> CalendarDay {
            CalendarDay.containing(try environment.date(text, startOfDay: true), in: environment.timeZone)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a campaign.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Its name (unique).") var name: String
        @OptionGroup var fields: Fields

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let campaign = try CampaignService(context: environment.context, actor: environment.actor)
                .add(try fields.changes(name: name, environment))
            Output.line(Output.safe("Campaign '\(campaign.name)' added (#\(campaign.id))."))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List campaigns, newest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "draft, active or closed.") var status: CampaignStatus?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let campaigns = try CampaignService(context: environment.context, actor: environment.actor).list(status: status)
            if json { return try Output.json(campaigns.map(CampaignJSON.init)) }
            Output.table(["ID", "NAME", "CHANNEL", "STATUS", "START", "END", "BUDGET", "COST", "OWNER", "LEADS"], campaigns.map { listed in
                let c = listed.campaign
                return [String(c.id), c.name, c.channel ?? "", c.status.rawValue, c.startDay?.description ?? "", c.endDay?.description ?? "",
                        c.budget?.description ?? "", c.cost?.description ?? "", c.owner ?? "", String(listed.leads)]
            })
            let drafts = campaigns.filter { $0.campaign.status == .draft }.count
            if drafts > 0 { Output.line("\n\(drafts) draft campaign\(drafts == 1 ? "" : "s") to complete: clew campaign edit NAME --channel … --cost …") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one campaign.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Its name or id.") var name: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let listed = try CampaignService(context: environment.context, actor: environment.actor).show(name)
            if json { return try Output.json(CampaignJSON(listed)) }
            let c = listed.campaign
            Output.line(Output.safe("\(c.name)  [\(c.status.rawValue) · \(c.status.chineseName)]  #\(c.id) · version \(c.version)"))
            for (label, value) in [("Channel 渠道", c.channel), ("Start 开始", c.startDay?.description), ("End 结束", c.endDay?.description),
                                   ("Budget 预算", c.budget?.description), ("Cost 成本", c.cost?.description), ("Owner 负责人", c.owner),
                                   ("Leads 线索", String(listed.leads)), ("Created 创建", "\(Output.time(c.createdAt)) by \(c.createdBy)")] {
                if let value { Output.line(Output.safe("  \(DisplayWidth.pad(label, to: 14)) \(value)")) }
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a campaign (a draft becomes active).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Its name or id.") var name: String
        @Option(help: "A new name (only while no lead links to it).") var rename: String?
        @OptionGroup var fields: Fields
        @Option(name: .customLong("if-version"), help: "Refuse if the campaign changed since this version.") var ifVersion: Int?

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let campaign = try CampaignService(context: environment.context, actor: environment.actor)
                .edit(name, try fields.changes(name: rename, environment), expectedVersion: ifVersion)
            Output.line(Output.safe("Campaign '\(campaign.name)' saved (version \(campaign.version))."))
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a campaign (it stays in the reports).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Its name or id.") var name: String

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let campaign = try CampaignService(context: environment.context, actor: environment.actor).close(name)
            Output.line(Output.safe("Campaign '\(campaign.name)' closed on \(campaign.endDay?.description ?? "")."))
        }
    }
}

/// A campaign in `--json` output: amounts in yuan, days as `YYYY-MM-DD`, nulls kept.
struct CampaignJSON: Encodable {
    var id: Int64
    var name: String
    var channel: String?
    var status: String
    var start: String?
    var end: String?
    var budget: Double?
    var cost: Double?
    var owner: String?
    var leads: Int
    var createdBy: String
    var createdAt: Date
    var version: Int

    init(_ listed: CampaignService.Listed) {
        let c = listed.campaign
        id = c.id
        name = c.name
        channel = c.channel
        status = c.status.rawValue
        start = c.startDay?.description
        end = c.endDay?.description
        budget = c.budget?.yuan
        cost = c.cost?.yuan
        owner = c.owner
        leads = listed.leads
        createdBy = c.createdBy
        createdAt = c.createdAt
        version = c.version
    }

    enum CodingKeys: String, CodingKey {
        case id, name, channel, status, start, end, budget, cost, owner, leads, createdBy, createdAt, version
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(channel, forKey: .channel)
        try container.encode(status, forKey: .status)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(budget, forKey: .budget)
        try container.encode(cost, forKey: .cost)
        try container.encode(owner, forKey: .owner)
        try container.encode(leads, forKey: .leads)
        try container.encode(createdBy, forKey: .createdBy)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(version, forKey: .version)
    }
}

extension CampaignStatus: ExpressibleByArgument {}
