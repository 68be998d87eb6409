import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew person erase --phone P | --email E`: the PIPL right to deletion (admins).
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "Personal data of one person (admins).", subcommands: [Erase.self])

    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase one person's personal data (PIPL): name, phone and email, everywhere; history and counts stay.",
            discussion: """
                Clears the contact name, phone and email of every lead and contact with this phone or email, and replaces \
                them with [已删除] in follow-ups, notes, custom fields, the outbox and the audit trail's old/new values; \
                the search index follows. Leads, stages, follow-ups and audit rows stay. The erasure is audited with counts.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "The person's phone number.") var phone: String?
        @Option(help: "The person's email address.") var email: String?
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            guard (phone == nil) != (email == nil) else { throw ValidationError("name one person: --phone P or --email E") }
        }

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let report = try PersonErasure(context: environment.context, actor: environment.actor).erase(phone: phone, email: email)
            if json { return try Output.json(report) }
            Output.line("Erased: \(report.leads) leads, \(report.contacts) contacts, \(report.followUps) follow-ups, \(report.notes) notes, "
                + "\(report.customFields) custom fields, \(report.outboxMessages) messages, \(report.auditValues) audit values. "
                + "History and counts kept.")
        }
    }
}
