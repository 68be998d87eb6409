import ClewAutomation
import ClewServices
import ClewStore
import Foundation

/// What a privileged (setgid team install) `clew` does before anything else, and the team
/// settings that replace the user's own while it is privileged.
enum TeamSession {
    /// The variables a privileged Clew ignores (the config file names the commands).
    static let ignoredVariables = ["CLEW_MAIL_COMMAND", "CLEW_SMS_COMMAND"]

    /// Runs first in `main`: with the install's group, sets `umask 007` (no sidecar is ever
    /// created unreadable by the group) and notes ignored variables; a setgid binary without a
    /// valid root-owned configuration for that group drops the group at once.
    static func start() {
        guard Privilege.startedPrivileged else { return }
        guard let install = TeamInstall.current, install.group == Privilege.startingEffectiveGroup else {
            Privilege.dropForGood()
            if let problem = TeamInstall.currentProblem { Output.error("clew: note: \(problem); working without the team group") }
            return
        }
        Privilege.useTeamUmask()
        if let zone = install.timeZone, TimeZone(identifier: zone) != nil { setenv("TZ", zone, 1) }
        let environment = ProcessInfo.processInfo.environment
        for variable in ignoredVariables where !(environment[variable] ?? "").isEmpty {
            Output.error("clew: note: \(variable) is ignored by the team install; the commands come from \(install.configPath)")
        }
    }

    /// The team install while Clew holds its group.
    static var install: TeamInstall? { Privilege.isPrivileged ? TeamInstall.current : nil }

    /// The database path for `named` (`--db` or `$CLEW_DB`): the team database when privileged,
    /// unless another file is named — a personal database, opened after dropping the group.
    static func databasePath(named: String?, personalDefault: @autoclosure () -> String) -> String {
        guard let install else { return named ?? personalDefault() }
        if let named, !TeamInstall.sameFile(named, install.databasePath) {
            Privilege.dropForGood()
            return named
        }
        return install.databasePath
    }

    /// The outbox commands: the team configuration's when privileged, else the environment's.
    static var delivery: OutboxDelivery {
        guard let install else { return .fromEnvironment() }
        return OutboxDelivery(mailCommand: OutboxDelivery.arguments(install.mailCommand), smsCommand: OutboxDelivery.arguments(install.smsCommand))
    }
}
