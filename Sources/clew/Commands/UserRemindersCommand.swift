import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

struct UserRemindersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders", abstract: "Show or set where your reminders also go: email, SMS (系统消息、短信、邮件).",
        discussion: """
            Reminders, overdue tasks, tasks a colleague gives you, mentions and escalations always reach the inbox; \
            with --by email,sms they also go out through the outbox (clew outbox deliver). Yourself, or any user as an admin.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Whose (default: you).") var login: String?
    @Option(help: "The email address (empty to clear).") var email: String?
    @Option(help: "The mobile number for SMS (empty to clear).") var mobile: String?
    @Option(help: "email, sms, email,sms or none.") var by: String?

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        let service = ReminderChannelService(context: environment.context, actor: environment.actor)
        let who = login ?? environment.actor.login
        let channels: ReminderChannels
        if email == nil, mobile == nil, by == nil {
            channels = try service.channels(of: who)
        } else {
            channels = try service.set(who, email: email, mobile: mobile, channels: try by.map { try ReminderChannels.parseChannels($0) })
        }
        let by = ReminderChannels.Channel.allCases.filter(channels.channels.contains).map(\.rawValue)
        Output.line("\(who): reminders by inbox" + by.map { ", \($0)" }.joined()
                    + (channels.email.map { " · email \(Output.safe($0.normalized))" } ?? "") + (channels.mobile.map { " · mobile \(Output.safe($0))" } ?? "") + ".")
    }
}
