import ArgumentParser
import ClewServices
import ClewStore
import Foundation

/// `clew audit`: the audit trail, newest first (admins).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show the audit trail, newest first (admins): changes, exports, erasures.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this action (export, erase, create, edit, …).") var action: String?
    @Option(help: "Only this user's rows.") var user: String?
    @Option(help: "How many rows (at most 1000).") var limit = 50
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        let entries = try AuditTrail(context: environment.context, actor: environment.actor).recent(action: action, actor: user, limit: limit)
        if json { return try Output.json(entries) }
        if entries.isEmpty { return Output.line("No audit rows.") }
        Output.table(["ID", "AT", "ACTOR", "ACTION", "ENTITY", "FIELD", "DETAIL"], entries.map { entry in
            let actor = entry.via.map { "\(entry.actor) (via \($0))" } ?? entry.actor
            let detail = [entry.old, entry.new].compactMap { $0 }.joined(separator: " → ")
            return [String(entry.id), Output.time(entry.at), actor, entry.action, "\(entry.entity) \(entry.entityID)", entry.field ?? "", detail]
        })
    }
}
