import ClewDomain
import ClewServices
import Foundation
import GRDB

/// A user's reminder channels (seed 001: 系统消息、短信、邮件): set by the user themself or an
/// admin; every reminder then also goes out by the channels asked for, through the outbox.
public struct ReminderChannelService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// `login`'s channels (none set: the inbox alone).
    public func channels(of login: String) throws -> ReminderChannels {
        try checkAllowed(login)
        return try context.read { db in
            _ = try UserDirectory.requireActive(db, login: login)
            return try ReminderForwarding.channels(of: login, db)
        }
    }

    /// Changes `login`'s addresses (nil keeps one; an empty text clears it) and channels (nil
    /// keeps them). Throws ``ClewDomain/ReminderChannelsError`` for a channel without its address
    /// or an SMS number that is not a mobile.
    @discardableResult
    public func set(_ login: String, email: String?, mobile: String?, channels: Set<ReminderChannels.Channel>?) throws -> ReminderChannels {
        try checkAllowed(login)
        var emailAddress: EmailAddress??
        if let email { emailAddress = email.isEmpty ? .some(nil) : .some(try EmailAddress(parsing: email)) }
        var mobileNumber: String??
        if let mobile {
            if mobile.isEmpty {
                mobileNumber = .some(nil)
            } else {
                let phone = try PhoneNumber(parsing: mobile)
                guard phone.kind == .mobile || phone.kind == .international else { throw ReminderChannelsError.notAMobile(mobile) }
                mobileNumber = .some(phone.normalized)
            }
        }
        return try context.mutate(as: actor) { m in
            _ = try UserDirectory.requireActive(m.db, login: login)
            var updated = try ReminderForwarding.channels(of: login, m.db)
            if let emailAddress { updated.email = emailAddress }
            if let mobileNumber { updated.mobile = mobileNumber }
            if let channels { updated.channels = channels }
            try updated.validate()
            let values: KeyValuePairs<String, (any DatabaseValueConvertible)?> = [
                "email": updated.email?.normalized, "mobile": updated.mobile, "reminders": ReminderForwarding.storage(updated.channels),
            ]
            if try Bool.fetchOne(m.db, sql: "SELECT EXISTS (SELECT 1 FROM user_channel WHERE login = ?)", arguments: [login]) == true {
                try m.change(.userChannel, .login(login), values, action: "set-reminders")
            } else {
                try m.insert(into: .userChannel, ["login": login, "email": updated.email?.normalized, "mobile": updated.mobile,
                                                  "reminders": ReminderForwarding.storage(updated.channels)],
                             action: "set-reminders", summary: ("reminders", ReminderForwarding.storage(updated.channels)))
            }
            return updated
        }
    }

    private func checkAllowed(_ login: String) throws {
        guard login == actor.login || actor.role == .admin else {
            throw PermissionError.lacks(.manageUsers, login: actor.login, role: actor.role)
        }
    }
}

/// Sends a reminder on by the channels its recipient asked for: one outbox message each, in the
/// transaction of the notification.
enum ReminderForwarding {
    static func channels(of login: String, _ db: Database) throws -> ReminderChannels {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT email, mobile, reminders FROM user_channel WHERE login = ?"),
                                         arguments: [login]) else { return ReminderChannels() }
        let words = (row["reminders"] as String).split(separator: ",").compactMap { ReminderChannels.Channel(rawValue: String($0)) }
        return ReminderChannels(email: (row["email"] as String?).flatMap { try? EmailAddress(parsing: $0) }, mobile: row["mobile"],
                                channels: Set(words))
    }

    static func storage(_ channels: Set<ReminderChannels.Channel>) -> String {
        ReminderChannels.Channel.allCases.filter(channels.contains).map(\.rawValue).joined(separator: ",")
    }

    /// Queues `body` for `recipient` by each channel they asked for, when `kind` is a reminder.
    static func forward(to recipient: String, kind: String, body: String, leadID: Int64?, _ m: Mutation) throws {
        guard ReminderChannels.remindingKinds.contains(kind) else { return }
        for delivery in try channels(of: recipient, m.db).deliveries(forKind: kind) {
            try m.db.execute(
                sql: """
                    INSERT INTO outbox (channel, recipient, subject, body, lead_id, rule, next_attempt_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [delivery.channel.rawValue, delivery.address, "Clew: \(kind)", body, leadID, "reminder:\(kind):\(recipient)",
                            m.now.storage, m.now.storage])
            try m.audit("enqueue", entity: "outbox", id: m.db.lastInsertedRowID, field: "recipient", new: delivery.address)
        }
    }
}
