import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

struct LeadGradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grade", abstract: "Grade a lead A, B or C with the reason (supervisors).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String
    @Argument(help: "A, B or C.") var grade: String
    @Option(help: "Why (筛选理由).") var reason: String

    func run() throws {
        guard let parsed = Grade(parsing: grade) else { throw ValidationError("grade must be A, B or C, not '\(grade)'") }
        let lead = try CommandEnvironment.open(global).leads.grade(number, parsed, reason: reason)
        Output.line("\(lead.number) graded \(parsed).")
    }
}

struct LeadAssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assign", abstract: "Assign a graded lead to a rep (supervisors).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String
    @Argument(help: "The rep's login.") var login: String

    func run() throws {
        let lead = try CommandEnvironment.open(global).leads.assign(number, to: login)
        Output.line("\(lead.number) assigned to \(login); waiting for their confirmation.")
    }
}

struct LeadConfirmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "confirm", abstract: "Confirm a lead assigned to you.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String

    func run() throws {
        let lead = try CommandEnvironment.open(global).leads.confirm(number)
        Output.line("\(lead.number) confirmed; it is in \(lead.stage ?? "the pipeline").")
    }
}

struct LeadObjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "object", abstract: "Object to a lead assigned to you; it goes back to screening.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String
    @Option(help: "Why (异议原因).") var reason: String

    func run() throws {
        switch try CommandEnvironment.open(global).leads.objectOrAsk(number, reason: reason) {
        case let .objected(lead): Output.line("\(lead.number) returned to screening.")
        case let .approvalRequested(id, approver, within):
            Output.line("\(number.uppercased()) was assigned more than \(within) ago: the objection is request #\(id) for \(approver) to decide.")
        }
    }
}

struct LeadClaimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "claim", abstract: "Claim a lead from a pool you belong to.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String

    func run() throws {
        let lead = try CommandEnvironment.open(global).leads.claim(number)
        Output.line("\(lead.number) is yours; it is in \(lead.stage ?? "the pipeline").")
    }
}

struct LeadReturnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "return", abstract: "Return a lead to its pool.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String
    @Option(help: "Why (退回原因).") var reason: String

    func run() throws {
        let lead = try CommandEnvironment.open(global).leads.returnToPool(number, reason: reason)
        Output.line("\(lead.number) returned to pool \(lead.pool ?? "").")
    }
}

struct LeadReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a lost lead for screening (supervisors).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String
    @Option(help: "Why.") var reason: String

    func run() throws {
        let lead = try CommandEnvironment.open(global).leads.reopen(number, reason: reason)
        Output.line("\(lead.number) reopened; it is in screening.")
    }
}

struct LeadMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge lead A into lead B (supervisors).",
        discussion: "B keeps its values and gains what it lacked; differing values are kept as a note; A's follow-ups, tasks and notes move to B; A stays as a tombstone pointing to B.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The duplicate (A).") var source: String
    @Argument(help: "The lead to keep (B).") var target: String

    func run() throws {
        let lead = try CommandEnvironment.open(global).leads.merge(source, into: target)
        Output.line("\(source.uppercased()) merged into \(lead.number).")
    }
}
