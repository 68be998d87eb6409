import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew install --shared`: the team install in which only Clew can open the database (the
/// mlocate/crontab model), run as root.
struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install", abstract: "Install Clew for a team on this server (root): only clew can open the database.",
        discussion: """
            Creates a private system group with no members, installs this binary as PREFIX/bin/clew setgid to it (mode \
            2755), the database directory root:GROUP 2770 with the database and its -wal/-shm root:GROUP 0660 (you, the \
            --admin, are its first admin), and a root-owned configuration (database path, mail and SMS commands, time \
            zone) at /etc/clew/clew.toml, or PREFIX/etc/clew/clew.toml for another prefix. Users then run PREFIX/bin/clew; \
            sqlite3, cp or mv on the files fail for them, because they are not in the group.
            """)

    @Flag(help: "The team install (the only kind there is; required).") var shared = false
    @Option(help: "The private group.") var group = "clew"
    /// `--db` is the global option (parsed by the root command too); here it names the team database.
    @OptionGroup var global: GlobalOptions
    var db: String { global.db ?? "/var/lib/clew/clew.db" }
    @Option(help: "Where bin/clew goes.") var prefix = "/usr/local"
    @Option(help: "The first admin's OS login (default: root).") var admin = "root"
    @Option(name: .customLong("mail-command"), help: "The sendmail-compatible mail command (e.g. '/usr/sbin/sendmail -t -i').") var mailCommand: String?
    @Option(name: .customLong("sms-command"), help: "The SMS command.") var smsCommand: String?
    @Option(name: .customLong("time-zone"), help: "The team's time zone (e.g. Asia/Shanghai).") var timeZone: String?

    func validate() throws {
        guard shared else { throw ValidationError("say --shared: clew install sets up the team install") }
        guard db.hasPrefix("/"), prefix.hasPrefix("/") else { throw ValidationError("--db and --prefix must be absolute paths") }
        guard group.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw ValidationError("--group: letters, digits, - and _ only")
        }
    }

    func run() throws {
        guard getuid() == 0 else { throw InstallError.notRoot }
        let installer = TeamInstaller(group: group, database: db, prefix: prefix, admin: admin,
                                      mailCommand: mailCommand, smsCommand: smsCommand, timeZone: timeZone)
        let result = try installer.install(binary: TeamInstall.executablePath())
        for note in result.notes { Output.error("clew: note: \(note)") }
        Output.line(Output.safe("""
            Installed \(result.binary) (setgid \(group), 2755), database \(db) (root:\(group) 0660, admin \(admin)), config \(result.config).
            Users run \(result.binary); add them with: \(result.binary) user add LOGIN --name NAME --role rep
            """))
    }
}
