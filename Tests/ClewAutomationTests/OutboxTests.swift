import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// Delivery through the outbox: small shell scripts written into the fixture's directory stand
/// in for sendmail and the SMS gateway. They are run as executables, never through a shell
/// string, so what they record is exactly what Clew passed.
@Suite("Outbox delivery")
struct OutboxTests {
    // MARK: - Helpers

    /// Writes an executable `/bin/sh` script into the fixture's directory; returns its path.
    static func script(_ fixture: AutomationFixture, _ name: String, _ body: String) throws -> String {
        let path = fixture.directory.appendingPathComponent(name).path
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// A "sendmail" that records its arguments and stdin in `args.<pid>` and `out.<pid>`, and
    /// counts its runs in `runs`.
    static func capturing(_ fixture: AutomationFixture, sleep: Double = 0) throws -> String {
        let dir = fixture.directory.path
        return try script(fixture, "capture.sh", """
            echo run >> '\(dir)/runs'
            for a in "$@"; do printf '%s\\n' "$a"; done > '\(dir)/args.'$$
            \(sleep > 0 ? "sleep \(sleep)" : ":")
            cat > '\(dir)/out.'$$
            """)
    }

    /// A command that reads its input, complains on stderr and exits 1; counts its runs.
    static func failing(_ fixture: AutomationFixture) throws -> String {
        let dir = fixture.directory.path
        return try script(fixture, "fail.sh", """
            echo run >> '\(dir)/runs'
            cat > /dev/null
            echo 'mailbox unavailable' >&2
            exit 1
            """)
    }

    /// The files the capturing script wrote with `prefix` (`out.` or `args.`), as text.
    static func captured(_ fixture: AutomationFixture, _ prefix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path)
            .filter { $0.hasPrefix(prefix) }.sorted()
            .map { try String(contentsOfFile: fixture.directory.appendingPathComponent($0).path, encoding: .utf8) }
    }

    static func runs(_ fixture: AutomationFixture) -> Int {
        let text = (try? String(contentsOfFile: fixture.directory.appendingPathComponent("runs").path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    @discardableResult
    static func enqueue(_ fixture: AutomationFixture, _ channel: OutboxChannel = .email, to recipient: String = "li.na@example.com",
                        subject: String = "Your quote", body: String = "Hello,\nthe quote is attached.\n") throws -> Int64 {
        try fixture.context.mutate(as: try fixture.actor("admin")) { m in
            try Outbox.enqueue(channel, to: recipient, subject: subject, body: body, leadID: nil, rule: "test", m)
        }
    }

    static func service(_ fixture: AutomationFixture, _ login: String = "admin") throws -> OutboxService {
        OutboxService(context: fixture.context, actor: try fixture.actor(login))
    }

    static func message(_ fixture: AutomationFixture, _ id: Int64) throws -> OutboxMessage {
        try fixture.database.read { try OutboxService.fetch($0, id: id) }
    }

    // MARK: - The message on stdin

    @Test func emailGoesToTheCommandsStdinAsAnRFC5322Message() throws {
        let fixture = try AutomationFixture()
        let mail = try Self.capturing(fixture)
        let id = try Self.enqueue(fixture, subject: "报价单 Q4", body: "您好，\n报价见附件。")
        let report = try Self.service(fixture).deliver(using: OutboxDelivery(mailCommand: [mail, "-t", "-i"], smsCommand: nil))
        #expect(report.sent == 1 && report.retrying == 0 && report.failed == 0)

        let outputs = try Self.captured(fixture, "out.")
        #expect(outputs.count == 1)
        let encoded = "=?UTF-8?B?" + Data("报价单 Q4".utf8).base64EncodedString() + "?="
        #expect(outputs.first == """
            To: li.na@example.com
            Subject: \(encoded)
            MIME-Version: 1.0
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: 8bit

            您好，
            报价见附件。

            """)
        #expect(try Self.captured(fixture, "args.") == ["-t\n-i\n"], "the configured arguments, and nothing else")

        let sent = try Self.message(fixture, id)
        #expect(sent.status == .sent)
        #expect(sent.attempts == 1)
        #expect(sent.sentAt == fixture.clock.now())
        #expect(sent.lastError == nil)
        #expect(try fixture.count("SELECT count(*) FROM audit WHERE entity = 'outbox' AND entity_id = ? AND action = 'send'", [id]) == 1)
    }

    @Test func anASCIISubjectIsLeftAloneAndALongOneIsFoldedIntoShortEncodedWords() {
        #expect(OutboxDelivery.encodedHeaderValue("Your quote") == "Your quote")
        let long = String(repeating: "上海恒通机械制造有限公司", count: 4)
        let folded = OutboxDelivery.encodedHeaderValue(long)
        let words = folded.components(separatedBy: "\n ")
        #expect(words.count > 1)
        var decoded = Data()
        for word in words {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            decoded.append(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) ?? Data())
        }
        #expect(String(decoding: decoded, as: UTF8.self) == long, "no character is split across words")
    }

    @Test func lineBreaksInHeaderValuesCannotAddHeaders() throws {
        let fixture = try AutomationFixture()
        let mail = try Self.capturing(fixture)
        try Self.enqueue(fixture, to: "li.na@example.com\r\nBcc: everyone@example.com",
                         subject: "Quote\r\nBcc: spy@example.com\nX-Evil: 1", body: "hi")
        _ = try Self.service(fixture).deliver(using: OutboxDelivery(mailCommand: [mail], smsCommand: nil))
        let output = try #require(try Self.captured(fixture, "out.").first)
        let headers = output.components(separatedBy: "\n\n")[0].split(separator: "\n").map(String.init)
        #expect(headers == [
            "To: li.na@example.com  Bcc: everyone@example.com",
            "Subject: Quote  Bcc: spy@example.com X-Evil: 1",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
        ])
    }

    @Test func shellMetacharactersInARecipientArePassedLiterally() throws {
        let fixture = try AutomationFixture()
        let dir = fixture.directory.path
        let sms = try Self.capturing(fixture)
        let nasty = "13800138000; rm -rf / $(touch \(dir)/pwned) `touch \(dir)/pwned2` | touch \(dir)/pwned3 && echo"
        let id = try Self.enqueue(fixture, .sms, to: nasty, subject: "", body: "您的报价已发送")
        let email = try Self.enqueue(fixture, .email, to: "$(touch \(dir)/pwned4)@example.com", body: "x")
        let report = try Self.service(fixture).deliver(using: OutboxDelivery(mailCommand: [sms], smsCommand: [sms, "--from", "Clew"]))
        #expect(report.sent == 2)

        let args = try Self.captured(fixture, "args.")
        #expect(args.contains("--from\nClew\n\(nasty)\n"), "the recipient is one argument, verbatim: \(args)")
        let outputs = try Self.captured(fixture, "out.")
        #expect(outputs.contains("您的报价已发送"), "the SMS text is on stdin, as is")
        #expect(outputs.contains { $0.hasPrefix("To: $(touch \(dir)/pwned4)@example.com\n") })
        for file in ["pwned", "pwned2", "pwned3", "pwned4"] {
            #expect(!FileManager.default.fileExists(atPath: "\(dir)/\(file)"), "\(file): nothing was run by a shell")
        }
        #expect(try Self.message(fixture, id).status == .sent)
        #expect(try Self.message(fixture, email).status == .sent)
    }

    @Test func anSMSRecipientThatLooksLikeAnOptionFailsAtOnce() throws {
        let fixture = try AutomationFixture()
        let sms = try Self.capturing(fixture)
        let id = try Self.enqueue(fixture, .sms, to: "--config=/tmp/evil", subject: "", body: "x")
        let report = try Self.service(fixture).deliver(using: OutboxDelivery(mailCommand: nil, smsCommand: [sms]))
        #expect(report.failed == 1)
        #expect(Self.runs(fixture) == 0, "the command was never run")
        let message = try Self.message(fixture, id)
        #expect(message.status == .failed)
        #expect(message.lastError?.contains("may not start with '-'") == true)
        #expect(try fixture.count("SELECT count(*) FROM notification WHERE kind = 'delivery-failed' AND recipient = 'admin'") == 1)
    }

    // MARK: - Configuration

    @Test func commandsAreSplitOnWhitespaceOnly() {
        #expect(OutboxDelivery.arguments("  /usr/sbin/sendmail   -t\t-i \n") == ["/usr/sbin/sendmail", "-t", "-i"])
        #expect(OutboxDelivery.arguments("send-sms 'a b'") == ["send-sms", "'a", "b'"], "no quoting rules")
        #expect(OutboxDelivery.arguments("   ") == nil)
        #expect(OutboxDelivery.arguments(nil) == nil)
        let delivery = OutboxDelivery.fromEnvironment(["CLEW_MAIL_COMMAND": "/usr/sbin/sendmail -t -i", "CLEW_SMS_COMMAND": ""])
        #expect(delivery.mailCommand == ["/usr/sbin/sendmail", "-t", "-i"])
        #expect(delivery.smsCommand == nil)
        #expect(delivery.isConfigured(.email) && !delivery.isConfigured(.sms))
        #expect(OutboxDelivery(mailCommand: [], smsCommand: nil).isConfigured(.email) == false)
    }

    @Test func aChannelWithoutACommandWaitsUnattempted() throws {
        let fixture = try AutomationFixture()
        let sms = try Self.capturing(fixture)
        let email = try Self.enqueue(fixture, .email)
        let text = try Self.enqueue(fixture, .sms, to: "13800138000", subject: "", body: "hi")
        let report = try Self.service(fixture).deliver(using: OutboxDelivery(mailCommand: nil, smsCommand: [sms]))
        #expect(report.sent == 1)
        #expect(report.unconfigured == ["email": 1])
        let waiting = try Self.message(fixture, email)
        #expect(waiting.status == .pending && waiting.attempts == 0 && waiting.lastError == nil)
        #expect(try Self.message(fixture, text).status == .sent)

        let none = try Self.service(fixture).deliver(using: OutboxDelivery(mailCommand: nil, smsCommand: nil))
        #expect(none.attempts.isEmpty && none.unconfigured == ["email": 1])
    }

    // MARK: - Failures and retries

    @Test func failedAttemptsBackOffThenFailAndNotifyEveryActiveAdmin() throws {
        let fixture = try AutomationFixture()
        let admin = try fixture.actor("admin")
        try UserDirectory(context: fixture.context).add(UserProfile(login: "dora", name: "Dora Admin", role: .admin), by: admin)
        try UserDirectory(context: fixture.context).add(UserProfile(login: "eve", name: "Eve Former", role: .admin), by: admin)
        try fixture.database.write { try $0.execute(sql: "UPDATE user SET active = 0 WHERE login = 'eve'") }
        let delivery = OutboxDelivery(mailCommand: [try Self.failing(fixture)], smsCommand: nil)
        let service = try Self.service(fixture)
        let id = try Self.enqueue(fixture)

        let waits: [TimeInterval] = [60, 5 * 60, 30 * 60, 2 * 3_600, 6 * 3_600]
        for (index, wait) in waits.enumerated() {
            let attemptedAt = fixture.clock.now()
            let report = try service.deliver(using: delivery)
            #expect(report.retrying == 1 && report.failed == 0, "attempt \(index + 1)")
            let message = try Self.message(fixture, id)
            #expect(message.status == .pending)
            #expect(message.attempts == index + 1)
            #expect(message.nextAttemptAt == attemptedAt.addingTimeInterval(wait))
            #expect(message.lastError == "exited with status 1: mailbox unavailable")
            #expect(report.attempts.first?.nextAttemptAt == message.nextAttemptAt)

            // Not due yet: nothing happens, however often delivery runs.
            fixture.clock.advance(by: wait - 1)
            #expect(try service.deliver(using: delivery).attempts.isEmpty)
            #expect(Self.runs(fixture) == index + 1)
            fixture.clock.advance(by: 1)
        }
        #expect(try fixture.count("SELECT count(*) FROM notification WHERE kind = 'delivery-failed'") == 0)

        let last = try service.deliver(using: delivery)
        #expect(last.failed == 1 && last.retrying == 0)
        #expect(Self.runs(fixture) == 6)
        let failed = try Self.message(fixture, id)
        #expect(failed.status == .failed && failed.attempts == 6)
        #expect(failed.lastError == "exited with status 1: mailbox unavailable")

        // Every active admin, the one running the delivery included; nobody else.
        let notified = try fixture.database.read {
            try String.fetchAll($0, sql: "SELECT recipient FROM notification WHERE kind = 'delivery-failed' ORDER BY recipient")
        }
        #expect(notified == ["admin", "dora"])
        let inbox = try InboxService(context: fixture.context, actor: admin).inbox()
        #expect(inbox.notifications.first?.kind == "delivery-failed")
        #expect(inbox.notifications.first?.body.contains("li.na@example.com") == true)

        // Failed for good: later runs leave it alone.
        fixture.clock.advance(by: 86_400)
        #expect(try service.deliver(using: delivery).attempts.isEmpty)
        #expect(Self.runs(fixture) == 6)
    }

    @Test func aCommandThatCannotStartIsAFailedAttempt() throws {
        let fixture = try AutomationFixture()
        let id = try Self.enqueue(fixture)
        let report = try Self.service(fixture).deliver(
            using: OutboxDelivery(mailCommand: [fixture.directory.appendingPathComponent("no-such-sendmail").path], smsCommand: nil))
        #expect(report.retrying == 1)
        let message = try Self.message(fixture, id)
        #expect(message.status == .pending && message.attempts == 1)
        #expect(message.lastError?.hasPrefix("could not run") == true)
    }

    @Test func aCommandThatHangsIsKilledAtTheTimeout() throws {
        let fixture = try AutomationFixture()
        let hang = try Self.script(fixture, "hang.sh", "echo 'connecting…' >&2\nexec sleep 30")
        let id = try Self.enqueue(fixture)
        let started = Date()
        let report = try Self.service(fixture).deliver(using: OutboxDelivery(mailCommand: [hang], smsCommand: nil, timeout: 0.5))
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(report.retrying == 1)
        #expect(try Self.message(fixture, id).lastError == "killed after running 0.5 s: connecting…")
    }

    @Test func stderrIsCutAt500Bytes() throws {
        let fixture = try AutomationFixture()
        let noisy = try Self.script(fixture, "noisy.sh", "cat > /dev/null\nhead -c 5000 /dev/zero | tr '\\0' x >&2\nexit 3")
        let id = try Self.enqueue(fixture)
        _ = try Self.service(fixture).deliver(using: OutboxDelivery(mailCommand: [noisy], smsCommand: nil))
        let error = try #require(try Self.message(fixture, id).lastError)
        #expect(error == "exited with status 3: " + String(repeating: "x", count: 500))
    }

    // MARK: - Claiming

    @Test func deliveringTwiceSendsOnce() throws {
        let fixture = try AutomationFixture()
        let delivery = OutboxDelivery(mailCommand: [try Self.capturing(fixture)], smsCommand: nil)
        let service = try Self.service(fixture)
        try Self.enqueue(fixture)
        #expect(try service.deliver(using: delivery).sent == 1)
        #expect(try service.deliver(using: delivery).attempts.isEmpty)
        fixture.clock.advance(by: 86_400)
        #expect(try service.deliver(using: delivery).attempts.isEmpty)
        #expect(Self.runs(fixture) == 1)
        #expect(try Self.captured(fixture, "out.").count == 1)
    }

    @Test func concurrentDeliveriesNeverSendTheSameMessageTwice() async throws {
        let fixture = try AutomationFixture()
        let delivery = OutboxDelivery(mailCommand: [try Self.capturing(fixture, sleep: 0.2)], smsCommand: nil)
        for index in 0..<4 { try Self.enqueue(fixture, to: "buyer\(index)@example.com") }
        // A second process: its own connection to the same file.
        let other = try ClewDatabase(path: fixture.database.path)
        defer { try? other.close() }
        let otherContext = ClewContext(database: other, automation: AutomationEngine(), clock: fixture.clock, calendar: fixture.context.calendar)
        let first = try Self.service(fixture)
        let second = OutboxService(context: otherContext, actor: try fixture.actor("admin"))
        async let a = Task.detached { try first.deliver(using: delivery) }.value
        async let b = Task.detached { try second.deliver(using: delivery) }.value
        let reports = try await [a, b]
        #expect(reports.map(\.sent).reduce(0, +) == 4)
        #expect(reports.map(\.retrying).reduce(0, +) == 0)
        #expect(Self.runs(fixture) == 4)
        let recipients = try Self.captured(fixture, "out.").compactMap { $0.split(separator: "\n").first.map(String.init) }.sorted()
        #expect(recipients == (0..<4).map { "To: buyer\($0)@example.com" })
    }

    // MARK: - Admin actions

    @Test func retryQueuesAFailedMessageAgainAndCancelStopsOne() throws {
        let fixture = try AutomationFixture()
        let service = try Self.service(fixture)
        let undeliverable = try Self.enqueue(fixture, .sms, to: "-x", subject: "", body: "x")
        _ = try service.deliver(using: OutboxDelivery(mailCommand: nil, smsCommand: [try Self.failing(fixture)]))
        #expect(try Self.message(fixture, undeliverable).status == .failed)

        fixture.clock.advance(by: 600)
        let retried = try service.retry(undeliverable)
        #expect(retried.status == .pending && retried.attempts == 0)
        #expect(retried.nextAttemptAt == fixture.clock.now())
        #expect(try fixture.count("SELECT count(*) FROM audit WHERE entity = 'outbox' AND entity_id = ? AND action = 'retry'", [undeliverable]) == 1)
        #expect(throws: OutboxError.notRetryable(id: undeliverable, status: .pending)) { try service.retry(undeliverable) }

        let cancelled = try service.cancel(undeliverable)
        #expect(cancelled.status == .cancelled)
        #expect(try fixture.count("SELECT count(*) FROM audit WHERE entity = 'outbox' AND entity_id = ? AND action = 'cancel'", [undeliverable]) == 1)
        #expect(throws: OutboxError.notCancellable(id: undeliverable, status: .cancelled)) { try service.cancel(undeliverable) }
        let report = try service.deliver(using: OutboxDelivery(mailCommand: nil, smsCommand: [try Self.capturing(fixture)]))
        #expect(report.attempts.isEmpty, "a cancelled message is not sent")
        #expect(throws: StoreError.self) { try service.retry(99_999) }
    }

    @Test func listShowsPendingAndFailedByDefault() throws {
        let fixture = try AutomationFixture()
        let service = try Self.service(fixture)
        let sent = try Self.enqueue(fixture, to: "a@example.com")
        _ = try service.deliver(using: OutboxDelivery(mailCommand: [try Self.capturing(fixture)], smsCommand: nil))
        let pending = try Self.enqueue(fixture, to: "b@example.com")
        let failed = try Self.enqueue(fixture, .sms, to: "-bad", subject: "", body: "x")
        _ = try service.deliver(using: OutboxDelivery(mailCommand: nil, smsCommand: [try Self.failing(fixture)]))
        let cancelled = try Self.enqueue(fixture, to: "c@example.com")
        try service.cancel(cancelled)

        #expect(try service.list().map(\.id) == [failed, pending])
        #expect(try service.list(statuses: [.sent]).map(\.id) == [sent])
        #expect(try service.list(statuses: [.cancelled]).map(\.id) == [cancelled])
        #expect(Set(try service.list(statuses: Set(OutboxStatus.allCases)).map(\.id)) == [sent, pending, failed, cancelled])
        #expect(try service.list(statuses: Set(OutboxStatus.allCases), limit: 2).count == 2)
        let first = try #require(try service.list().first)
        #expect(first.channel == .sms && first.rule == "test" && first.lastError != nil)
    }

    @Test func onlyAdminsMayListRetryOrCancel() throws {
        let fixture = try AutomationFixture()
        let id = try Self.enqueue(fixture)
        for login in ["bob", "alice", "fay"] {
            let service = try Self.service(fixture, login)
            #expect(throws: PermissionError.self) { try service.list() }
            #expect(throws: PermissionError.self) { try service.retry(id) }
            #expect(throws: PermissionError.self) { try service.cancel(id) }
            #expect(throws: PermissionError.self) { try service.message(id) }
        }
        #expect(try Self.message(fixture, id).status == .pending)
    }
}
