import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore

/// `clew init`: creates the database; the caller becomes its first admin.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the database; you become its first admin.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Your display name (default: the OS account's full name).")
    var name: String?

    func run() throws {
        guard let me = OSAccount.current() else { throw IdentityError.noOSUser }
        let path = global.databasePath
        try Maintenance.initialize(path: path, admin: me.login, name: name ?? me.fullName ?? me.login)
        Output.line(Output.safe("Created \(path); \(me.login) is admin."))
        Output.line("Next: clew user add LOGIN --name NAME --role rep …")
    }
}
