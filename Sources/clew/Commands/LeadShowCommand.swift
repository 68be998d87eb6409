import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

struct LeadShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a lead with its follow-ups, tasks and history.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        let detail = try environment.leads.detail(number)
        if json {
            try Output.json(LeadDetailJSON(detail))
            return
        }
        LeadDetailReport(detail: detail, pipeline: environment.context.pipeline, now: environment.now,
                         dimensions: environment.context.process.tagDimensions).print()
    }
}

/// The human-readable `lead show`.
struct LeadDetailReport {
    let detail: LeadDetail
    let pipeline: Pipeline
    let now: Date
    /// The process file's tag dimensions, each shown as its own line.
    var dimensions: [TagDimension] = []

    func print() {
        let lead = detail.lead
        let d = lead.details
        let s = Output.safe
        Output.line("\(lead.number)  \(s(d.customer))")
        var state = "\(lead.status.rawValue) (\(lead.status.chineseName))"
        if let stage = lead.stage { state += " · \(stage) (\(pipeline.stage(named: stage)?.chineseName ?? stage))" }
        if let into = lead.mergedInto { state += " → merged into \(into)" }
        field("Status", state)
        field("Grade", [lead.grade.map { "\($0)" }, lead.suggestedGrade.map { "suggested \($0)" }, lead.score.map { "score \($0)" }]
            .compactMap { $0 }.joined(separator: " · "))
        if let score = detail.score, !score.parts.isEmpty {
            field("Score", score.parts.map { "\($0.rule) +\($0.points)" }.joined(separator: " · "))
        }
        field("Owner", lead.owner ?? lead.pool.map { "pool \($0)" } ?? "unassigned")
        field("Contact", Self.join(d.contact, d.title))
        field("Phone", s(d.phone))
        field("Email", s(d.email))
        field("Industry", s(d.industry))
        field("Need", s(d.need))
        field("Source", Self.join(d.source, d.campaign))
        field("Region", Self.join(d.region, d.city))
        field("Budget", s(d.budget) + (lead.budgetRange.map { " (\($0))" } ?? ""))
        field("Employees", d.employeeCount.map { "\($0) (员工人数)" } ?? "")
        field("Revenue", d.annualRevenue.map { "\($0) (\($0.compact), 年营收)" } ?? "")
        field("Company type", d.companyKind.map { "\($0.chineseName) (\($0.englishName))" } ?? "")
        field("Founded", d.foundedYear.map(String.init) ?? "")
        field("Decision", s(d.decisionChain))
        if let previous = lead.previousLead {
            field("Follows", "\(previous)" + (lead.customerID.map { " — repeat purchase of customer #\($0)" } ?? " — a lost lead coming back")
                + " (clew lead show \(previous))")
        }
        field("Language", lead.contactLanguage?.rawValue ?? "")
        field("Amount", lead.amount?.description ?? "")
        field("Lost reason", lead.lostReason.map { "\($0.chineseName) (\($0.key))" } ?? "")
        let dimensionTags = Set(lead.tags.filter { tag in dimensions.contains { TagDimension.split(tag)?.name == $0.name } })
        for dimension in dimensions { field(dimension.name, s(TagDimension.value(of: dimension.name, in: lead.tags))) }
        field("Flags", (Set(lead.flags.map(\.rawValue)).union(lead.tags.subtracting(dimensionTags))).sorted().joined(separator: ", "))
        field("Created", "\(Output.time(lead.createdAt)) by \(lead.createdBy)")
        field("Updated", "\(Output.time(lead.updatedAt)) by \(lead.updatedBy) (version \(lead.version))")
        if !detail.mergedFrom.isEmpty { field("Merged from", detail.mergedFrom.joined(separator: ", ")) }
        for custom in detail.customFields { field(custom.name, s(custom.value)) }
        if let captured = detail.capturedAt { field("Captured", Output.time(captured) + (lead.flags.contains(.lateRegistration) ? " — registered late (登记超时)" : "")) }
        if let c = detail.conversion { field("Converted", LeadConvertCommand.summary(c)) }
        for consent in detail.consents { field("Consent", "\(s(consent.summary)) · \(Output.time(consent.at)) via \(s(consent.via))") }

        if !detail.stages.isEmpty {
            section("Stages")
            for visit in detail.stages {
                let progress = visit.progress(at: now)
                Output.line("  \(DisplayWidth.pad(visit.stage, to: 12)) entered \(Output.day(visit.enteredAt))  planned \(Output.day(visit.plannedExitAt))  left \(Output.day(visit.exitedAt).isEmpty ? "—" : Output.day(visit.exitedAt))  \(progress.rawValue) (\(progress.chineseName))")
            }
        }
        section("Follow-ups (\(detail.followUps.count))")
        for f in detail.followUps.prefix(20) {
            Output.line("  \(Output.time(f.at))  \(f.method.chineseName)  \(f.author)" + (f.contactPerson.map { " → \(s($0))" } ?? ""))
            Output.line("    \(s(f.content))")
            if let feedback = f.feedback { Output.line("    feedback: \(s(feedback))") }
            if let next = f.nextAction { Output.line("    next: \(s(next))" + (f.nextDue.map { " by \(Output.time($0))" } ?? "")) }
        }
        if detail.followUps.count > 20 { Output.line("  … \(detail.followUps.count - 20) older (clew lead show \(lead.number) --json)") }
        let open = detail.tasks.filter { $0.status == .open }
        section("Tasks (\(open.count) open)")
        for t in open { Output.line("  #\(t.id)  due \(Output.time(t.effectiveDue))  \(t.assignee)  \(s(t.title))") }
        if !detail.approvals.isEmpty {
            section("Approvals")
            for a in detail.approvals { Output.line("  #\(a.id)  \(a.fromStage ?? "") → \(a.toStage ?? "")  \(a.status)  by \(a.requestedBy)" + (a.comment.map { ": \(s($0))" } ?? "")) }
        }
        if !detail.notes.isEmpty {
            section("Notes")
            for n in detail.notes { Output.line("  \(Output.time(n.createdAt))  \(n.author) [\(n.kind)]  \(s(n.body).replacingOccurrences(of: "\n", with: "; "))") }
        }
        section("History")
        for h in detail.history.suffix(30) {
            var change = h.action
            if let field = h.field { change += " \(field)" }
            if h.old != nil || h.new != nil { change += ": \(s(h.old ?? "∅")) → \(s(h.new ?? "∅"))" }
            Output.line("  \(Output.time(h.at))  \(h.actor)\(h.via.map { " (via \($0))" } ?? "")  \(change)")
        }
    }

    /// The non-blank parts, made terminal-safe, joined with " · ".
    private static func join(_ parts: String?...) -> String {
        parts.compactMap { $0 }.filter { !$0.isEmpty }.map(Output.safe).joined(separator: " · ")
    }

    private func field(_ label: String, _ value: String) {
        guard !value.isEmpty else { return }
        Output.line("  \(DisplayWidth.pad(label, to: 12)) \(value)")
    }

    private func section(_ title: String) {
        Output.line("")
        Output.line(title)
    }
}
