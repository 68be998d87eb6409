import ClewDomain
import ClewServices
import Foundation
import GRDB

/// One message in the outbox (`clew outbox list`).
public struct OutboxMessage: Hashable, Sendable, Codable {
    public var id: Int64
    public var channel: OutboxChannel
    /// An email address or a phone number.
    public var recipient: String
    /// The email subject (empty for SMS).
    public var subject: String
    public var body: String
    /// The lead the message is about, if any.
    public var leadNumber: String?
    /// The rule that queued it, if any.
    public var rule: String?
    /// `pending`, `sent`, `failed` or `cancelled`.
    public var status: OutboxStatus
    /// Delivery attempts made so far.
    public var attempts: Int
    /// When a pending message is next tried.
    public var nextAttemptAt: Date
    /// Why the last attempt failed.
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?

    init(row: Row) {
        id = row["id"]
        channel = OutboxChannel(rawValue: row["channel"]) ?? .email
        recipient = row["recipient"]
        subject = row["subject"]
        body = row["body"]
        leadNumber = row["lead_number"]
        rule = row["rule"]
        status = row["status"]
        attempts = row["attempts"]
        nextAttemptAt = Date(storage: row["next_attempt_at"])
        lastError = row["last_error"]
        createdAt = Date(storage: row["created_at"])
        sentAt = (row["sent_at"] as Double?).map(Date.init(storage:))
    }

    static let selection = """
        outbox.id, outbox.channel, outbox.recipient, outbox.subject, outbox.body, outbox.lead_id, outbox.rule, outbox.status,
        outbox.attempts, outbox.next_attempt_at, outbox.last_error, outbox.created_at, outbox.sent_at,
        (SELECT number FROM lead WHERE lead.id = outbox.lead_id) AS lead_number
        """
}

/// What one ``OutboxService/deliver(using:limit:)`` run did.
public struct OutboxDeliveryReport: Hashable, Sendable, Codable {
    /// Messages delivered.
    public var sent = 0
    /// Messages whose attempt failed and that will be tried again later.
    public var retrying = 0
    /// Messages that failed for good (after the last attempt, or undeliverable as they are).
    public var failed = 0
    /// Due messages another process claimed first (it delivers them).
    public var skipped = 0
    /// Due messages left waiting because their channel has no command, by channel (`email`, `sms`).
    public var unconfigured: [String: Int] = [:]
    /// Every attempt made, in order.
    public var attempts: [OutboxAttempt] = []

    /// One line: "sent 2, retrying 1, failed 0".
    public var summary: String {
        var parts = ["sent \(sent)", "retrying \(retrying)", "failed \(failed)"]
        if skipped > 0 { parts.append("\(skipped) taken by another process") }
        return parts.joined(separator: ", ")
    }
}

/// One delivery attempt of a run.
public struct OutboxAttempt: Hashable, Sendable, Codable {
    public var id: Int64
    public var channel: OutboxChannel
    public var recipient: String
    /// Which attempt this was (1 for the first).
    public var attempt: Int
    public var outcome: OutboxAttemptOutcome
    /// Why it failed.
    public var error: String?
    /// When a retrying message is tried next.
    public var nextAttemptAt: Date?
}

/// The outbox: delivers queued email and SMS through the configured commands, retries failures
/// with backoff, and lets admins see, retry and cancel messages.
///
/// Delivery claims each message in its own short transaction before running the command, and
/// runs the command outside any transaction, so the database is never locked while a mail
/// server is slow, and two processes delivering at once never send the same message twice.
public struct OutboxService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    /// How many attempts a message gets before it is marked `failed`.
    public static let maxAttempts = 6
    /// The wait after each failed attempt: 1 min, 5 min, 30 min, 2 h, 6 h.
    public static let backoff: [TimeInterval] = [60, 300, 1_800, 7_200, 21_600]


    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// The wait before the attempt after attempt number `attempt` (1-based).
    public static func delay(afterAttempt attempt: Int) -> TimeInterval {
        backoff[min(max(attempt, 1), backoff.count) - 1]
    }

    // MARK: - Reading

    /// Messages by status (admins only): `nil` for pending and failed (what needs attention).
    /// Failed first, then pending by next attempt, then the
    /// rest newest first.
    public func list(statuses: Set<OutboxStatus>? = nil, limit: Int = 100) throws -> [OutboxMessage] {
        try AccessPolicy.check(.administer, actor)
        let wanted = (statuses ?? [.pending, .failed]).map(\.rawValue).sorted()
        let marks = Array(repeating: "?", count: wanted.count).joined(separator: ", ")
        return try context.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(OutboxMessage.selection) FROM outbox WHERE status IN (\(marks))
                ORDER BY CASE status WHEN 'failed' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END,
                         CASE WHEN status = 'pending' THEN next_attempt_at ELSE -coalesce(sent_at, created_at) END, id
                LIMIT ?
                """, arguments: StatementArguments(wanted) + [max(limit, 0)]).map(OutboxMessage.init(row:))
        }
    }

    /// One message (admins only).
    public func message(_ id: Int64) throws -> OutboxMessage {
        try AccessPolicy.check(.administer, actor)
        return try context.read { try Self.fetch($0, id: id) }
    }

    // MARK: - Delivering

    /// Delivers the pending messages that are due, at most `limit` of them.
    ///
    /// For each: claims it (attempts + 1, next attempt pushed out by the backoff, so a crash
    /// mid-send leads to a retry later rather than a lost message), runs the channel's command
    /// outside any transaction, then records the outcome. After the 6th failed attempt the
    /// message is `failed` and every active admin gets a `delivery-failed` notification.
    /// Messages whose channel has no command stay pending, unattempted, and are counted in
    /// ``OutboxDeliveryReport/unconfigured``. Admins only: whoever delivers chooses the command
    /// every customer message goes through.
    public func deliver(using delivery: OutboxDelivery, limit: Int = 100) throws -> OutboxDeliveryReport {
        try AccessPolicy.check(.administer, actor)
        var report = OutboxDeliveryReport()
        let now = context.clock.now()
        let configured = OutboxChannel.allCases.filter(delivery.isConfigured).map(\.rawValue)
        let due: [OutboxMessage] = try context.read { db in
            for row in try Row.fetchAll(db, sql: """
                SELECT channel, count(*) AS n FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? GROUP BY channel
                """, arguments: [now.storage]) {
                let channel: String = row["channel"]
                if !configured.contains(channel) { report.unconfigured[channel] = row["n"] }
            }
            guard !configured.isEmpty else { return [] }
            let marks = Array(repeating: "?", count: configured.count).joined(separator: ", ")
            return try Row.fetchAll(db, sql: """
                SELECT \(OutboxMessage.selection) FROM outbox
                WHERE status = 'pending' AND next_attempt_at <= ? AND channel IN (\(marks))
                ORDER BY next_attempt_at, id LIMIT ?
                """, arguments: [now.storage] + StatementArguments(configured) + [max(limit, 0)]).map(OutboxMessage.init(row:))
        }
        for message in due {
            switch try claim(message) {
            case .taken:
                report.skipped += 1
            case let .abandoned(error):
                report.failed += 1
                report.attempts.append(OutboxAttempt(id: message.id, channel: message.channel, recipient: message.recipient,
                                                     attempt: message.attempts, outcome: .failed, error: error))
            case let .claimed(attempt):
                var error: OutboxDeliveryError?
                do {
                    try delivery.send(message.channel, to: message.recipient, subject: message.subject, body: message.body)
                } catch let failure {
                    error = failure
                }
                let outcome = try record(message, attempt: attempt, error: error)
                switch outcome.outcome {
                case .sent: report.sent += 1
                case .failed: report.failed += 1
                case .retrying: report.retrying += 1
                }
                report.attempts.append(outcome)
            }
        }
        return report
    }

    private enum Claim {
        case claimed(attempt: Int)
        case taken
        case abandoned(String)
    }

    /// Takes a message for one attempt, unless another process took it first.
    private func claim(_ message: OutboxMessage) throws -> Claim {
        try context.mutate(as: actor) { m in
            if message.attempts >= Self.maxAttempts {
                // Claimed for its last attempt by a run that never recorded the outcome.
                let error = message.lastError ?? "the last delivery attempt was interrupted"
                guard try m.holds(.outbox, .id(message.id), ["status": OutboxStatus.pending, "attempts": message.attempts]) else { return .taken }
                try m.change(.outbox, .id(message.id), ["status": OutboxStatus.failed, "last_error": error], action: "fail", silent: ["last_error"])
                try failed(message, error: error, m)
                return .abandoned(error)
            }
            let attempt = message.attempts + 1
            guard try m.holds(.outbox, .id(message.id), ["status": OutboxStatus.pending, "attempts": message.attempts]) else { return .taken }
            try m.change(.outbox, .id(message.id), [
                "attempts": attempt, "next_attempt_at": m.now.addingTimeInterval(Self.delay(afterAttempt: attempt)).storage,
            ], action: "attempt", silent: ["next_attempt_at"])
            return .claimed(attempt: attempt)
        }
    }

    /// Records the outcome of attempt number `attempt`.
    private func record(_ message: OutboxMessage, attempt: Int, error: OutboxDeliveryError?) throws -> OutboxAttempt {
        try context.mutate(as: actor) { m in
            var result = OutboxAttempt(id: message.id, channel: message.channel, recipient: message.recipient,
                                       attempt: attempt, outcome: .sent)
            guard let error else {
                // Sent is sent, even if an admin cancelled it meanwhile.
                if try m.holds(.outbox, .id(message.id), ["attempts": attempt]) {
                    try m.change(.outbox, .id(message.id), ["status": OutboxStatus.sent, "sent_at": m.now.storage, "last_error": nil],
                                 action: "send", silent: ["sent_at", "last_error"])
                }
                return result
            }
            let text = String(error.description.prefix(1_000))
            result.error = text
            let final = error.isPermanent || attempt >= Self.maxAttempts
            guard try m.holds(.outbox, .id(message.id), ["status": OutboxStatus.pending, "attempts": attempt]) else {
                // Cancelled while the command ran: keep the error, leave the status.
                if try m.holds(.outbox, .id(message.id), ["attempts": attempt]) {
                    try m.change(.outbox, .id(message.id), ["last_error": text], action: "attempt-failed")
                }
                result.outcome = .failed
                return result
            }
            if final {
                try m.change(.outbox, .id(message.id), ["status": OutboxStatus.failed, "last_error": text], action: "fail", silent: ["last_error"])
            } else {
                try m.change(.outbox, .id(message.id), ["last_error": text], action: "attempt-failed")
            }
            if final {
                result.outcome = .failed
                try failed(message, error: text, m)
            } else {
                result.outcome = .retrying
                result.nextAttemptAt = try Double.fetchOne(m.db, sql: "SELECT next_attempt_at FROM outbox WHERE id = ?",
                                                           arguments: [message.id]).map(Date.init(storage:))
            }
            return result
        }
    }

    /// Tells every active admin that a message failed for good (its change is audited by the caller).
    private func failed(_ message: OutboxMessage, error: String, _ m: Mutation) throws {
        let leadID = try Int64.fetchOne(m.db, sql: "SELECT lead_id FROM outbox WHERE id = ?", arguments: [message.id])
        let body = "\(message.channel.rawValue) #\(message.id) to \(message.recipient) could not be delivered: \(error) "
            + "(see 'clew outbox'; retry with 'clew outbox retry \(message.id)')"
        // Notifications come from the outbox itself, so the admin running the delivery is told too.
        let sender = Mutation(db: m.db, actor: Self.sender, now: m.now, session: m.session)
        for admin in try String.fetchAll(m.db, sql: "SELECT login FROM user WHERE role = 'admin' AND active = 1 ORDER BY login") {
            try sender.notify(admin, kind: "delivery-failed", leadID: leadID, body: body,
                              parameters: [message.channel.rawValue, "\(message.id)", message.recipient, "\(error)"])
        }
    }

    /// The author of delivery notifications: not a user (the login is not a valid one).
    private static let sender = ActingUser(profile: UserProfile(login: "clew:outbox", name: "Clew outbox", role: .admin))

    // MARK: - Admin actions

    /// Puts a failed message back in the queue, due now with its attempts reset (admins only).
    @discardableResult
    public func retry(_ id: Int64) throws -> OutboxMessage {
        try AccessPolicy.check(.administer, actor)
        return try context.mutate(as: actor) { m in
            let message = try Self.fetch(m.db, id: id)
            guard message.status.isRetryable else {
                throw OutboxError.notRetryable(id: id, status: message.status)
            }
            try m.change(.outbox, .id(id), ["status": OutboxStatus.pending, "attempts": 0, "next_attempt_at": m.now.storage],
                         action: "retry", silent: ["attempts", "next_attempt_at"])
            return try Self.fetch(m.db, id: id)
        }
    }

    /// Cancels a pending or failed message: it will not be sent (admins only).
    @discardableResult
    public func cancel(_ id: Int64) throws -> OutboxMessage {
        try AccessPolicy.check(.administer, actor)
        return try context.mutate(as: actor) { m in
            let message = try Self.fetch(m.db, id: id)
            guard message.status.isCancellable else {
                throw OutboxError.notCancellable(id: id, status: message.status)
            }
            try m.change(.outbox, .id(id), ["status": OutboxStatus.cancelled], action: "cancel")
            return try Self.fetch(m.db, id: id)
        }
    }

    static func fetch(_ db: Database, id: Int64) throws -> OutboxMessage {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(OutboxMessage.selection) FROM outbox WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound("no outbox message #\(id)")
        }
        return OutboxMessage(row: row)
    }
}

extension OutboxStatus: DatabaseValueConvertible {}
