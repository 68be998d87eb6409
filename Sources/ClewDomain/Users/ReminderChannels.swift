/// Where a user's reminders go besides the inbox (seed 001: 通过系统消息、短信、邮件提醒销售人员):
/// the channels their profile asks for and the addresses to use.
public struct ReminderChannels: Hashable, Sendable, Codable {
    /// A way out of Clew, delivered through the outbox.
    public enum Channel: String, CaseIterable, Hashable, Sendable, Codable {
        case email, sms
    }

    public var email: EmailAddress?
    /// The mobile number for SMS, normalized (`+8613800138000`).
    public var mobile: String?
    /// The channels reminders also go out by; empty: the inbox alone.
    public var channels: Set<Channel>

    public init(email: EmailAddress? = nil, mobile: String? = nil, channels: Set<Channel> = []) {
        self.email = email
        self.mobile = mobile
        self.channels = channels
    }

    /// The notification kinds that are reminders of work to do: a reminder or an overdue task,
    /// a task a colleague gave, a mention, an escalation. Other news stays in the inbox.
    public static let remindingKinds: Set<String> = ["reminder", "overdue", "task", "mention", "escalation"]

    /// Where a notification of `kind` goes besides the inbox: each asked-for channel with its address.
    public func deliveries(forKind kind: String) -> [(channel: Channel, address: String)] {
        guard Self.remindingKinds.contains(kind) else { return [] }
        return Channel.allCases.filter(channels.contains).compactMap { channel in
            switch channel {
            case .email: email.map { (channel, $0.normalized) }
            case .sms: mobile.map { (channel, $0) }
            }
        }
    }

    /// Parses `email,sms`, `email`, `sms` or `none`.
    public static func parseChannels(_ text: String) throws(ReminderChannelsError) -> Set<Channel> {
        let words = text.split(separator: ",").map { TextNormalization.trimmed(String($0)).lowercased() }
        if words == ["none"] || words.isEmpty { return [] }
        var channels: Set<Channel> = []
        for word in words {
            guard let channel = Channel(rawValue: word == "短信" ? "sms" : word == "邮件" ? "email" : word) else {
                throw .unknownChannel(word)
            }
            channels.insert(channel)
        }
        return channels
    }

    /// Throws unless every channel asked for has its address.
    public func validate() throws(ReminderChannelsError) {
        if channels.contains(.email), email == nil { throw .missingAddress(.email) }
        if channels.contains(.sms), mobile == nil { throw .missingAddress(.sms) }
    }
}

/// Why a user's reminder channels were refused.
public enum ReminderChannelsError: BilingualError, Equatable {
    case unknownChannel(String)
    /// A channel asked for without its address (`--email`, `--mobile`).
    case missingAddress(ReminderChannels.Channel)
    /// SMS needs a mobile number.
    case notAMobile(String)

    public var english: String {
        switch self {
        case let .unknownChannel(word): "unknown reminder channel '\(word)'; use email, sms or none"
        case .missingAddress(.email): "reminders by email need an address (--email)"
        case .missingAddress(.sms): "reminders by SMS need a mobile number (--mobile)"
        case let .notAMobile(text): "'\(text)' is not a mobile number; SMS goes to mobiles only"
        }
    }

    public var chinese: String {
        switch self {
        case let .unknownChannel(word): "未知的提醒方式「\(word)」，可选 email、sms 或 none"
        case .missingAddress(.email): "邮件提醒需要邮箱地址"
        case .missingAddress(.sms): "短信提醒需要手机号"
        case let .notAMobile(text): "「\(text)」不是手机号，短信只能发送到手机"
        }
    }
}
