import ClewServices
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How outbox messages leave the machine: a sendmail-compatible command for email and a command
/// for SMS, run directly (never through a shell), with the message on the command's stdin.
///
/// The commands come from the environment:
///
/// - `CLEW_MAIL_COMMAND`, e.g. `/usr/sbin/sendmail -t -i`: receives a complete RFC 5322 message
///   on stdin (`To:`, `Subject:`, MIME headers, a blank line, the body). Use a command that reads
///   the recipients from the headers (`-t`).
/// - `CLEW_SMS_COMMAND`, e.g. `/usr/local/bin/send-sms --account sales`: run with the recipient's
///   number appended as its last argument and the text on stdin.
///
/// A command is split into arguments on whitespace, and that is all: there is no shell, so no
/// quoting, escaping, variables, globbing, pipes or redirection; an argument cannot contain a
/// space (wrap such a command in a script). The first word is the program: an absolute or
/// relative path when it contains a `/`, otherwise looked up in `$PATH`. An unset or blank
/// variable leaves that channel unconfigured, and its messages wait in the outbox.
///
/// Each run gets at most ``timeout`` seconds (30 by default) before the child is killed; a launch
/// failure, a non-zero exit status or a timeout is a failed attempt, described by
/// ``OutboxDeliveryError`` (with the first 500 bytes of the command's stderr).
///
/// ```swift
/// let delivery = OutboxDelivery(mailCommand: ["/usr/sbin/sendmail", "-t", "-i"], smsCommand: nil)
/// try delivery.send(.email, to: "li@example.com", subject: "报价", body: "…")
/// ```
public struct OutboxDelivery: Sendable, Hashable {
    /// The email command's program and arguments, or nil when email is not configured.
    public var mailCommand: [String]?
    /// The SMS command's program and arguments (the recipient is appended), or nil when SMS is
    /// not configured.
    public var smsCommand: [String]?
    /// Seconds a command may run before it is killed and the attempt counted as failed.
    public var timeout: TimeInterval

    /// The most bytes of a command's stderr kept in the error.
    public static let stderrLimit = 500

    /// A delivery with explicit commands (`argv` arrays; an empty array counts as not configured).
    public init(mailCommand: [String]?, smsCommand: [String]?, timeout: TimeInterval = 30) {
        self.mailCommand = mailCommand.flatMap { $0.isEmpty ? nil : $0 }
        self.smsCommand = smsCommand.flatMap { $0.isEmpty ? nil : $0 }
        self.timeout = timeout
    }

    /// The delivery configured by `CLEW_MAIL_COMMAND` and `CLEW_SMS_COMMAND`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> OutboxDelivery {
        OutboxDelivery(mailCommand: arguments(environment["CLEW_MAIL_COMMAND"]),
                       smsCommand: arguments(environment["CLEW_SMS_COMMAND"]))
    }

    /// Splits a configured command into `argv` on whitespace (no shell quoting rules); nil when
    /// it is unset or blank.
    public static func arguments(_ command: String?) -> [String]? {
        let words = (command ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        return words.isEmpty ? nil : words
    }

    /// The command for a channel, nil when that channel is not configured.
    public func command(for channel: OutboxChannel) -> [String]? {
        switch channel {
        case .email: mailCommand
        case .sms: smsCommand
        }
    }

    /// Whether a channel has a command.
    public func isConfigured(_ channel: OutboxChannel) -> Bool { command(for: channel) != nil }

    /// The environment variable that configures a channel.
    public static func variable(for channel: OutboxChannel) -> String {
        switch channel {
        case .email: "CLEW_MAIL_COMMAND"
        case .sms: "CLEW_SMS_COMMAND"
        }
    }

    /// Sends one message through the channel's command; returns when the command exited with
    /// status 0, throws otherwise.
    public func send(_ channel: OutboxChannel, to recipient: String, subject: String, body: String) throws(OutboxDeliveryError) {
        guard let command = command(for: channel) else { throw .notConfigured(channel) }
        let recipient = recipient.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !recipient.isEmpty else { throw .rejected("the recipient is empty") }
        switch channel {
        case .email:
            try Self.run(command, input: Self.emailMessage(to: recipient, subject: subject, body: body), timeout: timeout)
        case .sms:
            // The number becomes an argument: one that looks like an option could change what
            // the command does, and a line break has no business in a phone number.
            guard !recipient.hasPrefix("-") else { throw .rejected("an SMS recipient may not start with '-': \(recipient)") }
            guard !recipient.contains(where: \.isNewline) else { throw .rejected("an SMS recipient may not contain a line break") }
            try Self.run(command + [recipient], input: Data(body.utf8), timeout: timeout)
        }
    }

    // MARK: - The message

    /// The RFC 5322 message given to the mail command: `To:`, `Subject:` (RFC 2047 encoded when
    /// not ASCII), `MIME-Version`, `Content-Type: text/plain; charset=UTF-8`,
    /// `Content-Transfer-Encoding: 8bit`, a blank line, the body. Lines end in LF, as sendmail
    /// expects on its stdin; CR and LF are removed from header values, so a value cannot add
    /// headers.
    public static func emailMessage(to recipient: String, subject: String, body: String) -> Data {
        var text = "To: \(headerValue(recipient))\n"
        text += "Subject: \(encodedHeaderValue(subject))\n"
        text += "MIME-Version: 1.0\n"
        text += "Content-Type: text/plain; charset=UTF-8\n"
        text += "Content-Transfer-Encoding: 8bit\n"
        text += "\n"
        var body = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if !body.hasSuffix("\n") { body += "\n" }
        return Data((text + body).utf8)
    }

    /// A header value on one line: CR, LF and other control characters become spaces (so a
    /// value cannot start a new header), surrounding spaces trimmed.
    public static func headerValue(_ value: String) -> String {
        let scalars = value.unicodeScalars.map { scalar -> Unicode.Scalar in
            scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}" ? " " : scalar
        }
        var cleaned = ""
        cleaned.unicodeScalars.append(contentsOf: scalars)
        return cleaned.trimmingCharacters(in: .whitespaces)
    }

    /// A header value made safe (``headerValue(_:)``) and, when it is not pure ASCII, RFC 2047
    /// encoded as `=?UTF-8?B?…?=` words of at most 75 characters, folded onto continuation lines.
    public static func encodedHeaderValue(_ value: String) -> String {
        let value = headerValue(value)
        guard !value.allSatisfy(\.isASCII) else { return value }
        // 75 characters per encoded word: "=?UTF-8?B?" + 60 base64 characters (45 bytes) + "?=".
        var words: [String] = []
        var chunk = Data()
        for character in value {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append(chunk.base64EncodedString())
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append(chunk.base64EncodedString()) }
        return words.map { "=?UTF-8?B?\($0)?=" }.joined(separator: "\n ")
    }

    // MARK: - Running the command

    /// Runs `argv` (no shell) with `input` on its stdin; throws unless it exits with status 0
    /// within `timeout` seconds. The program never holds a team install's private group
    /// (``ChildProgram``).
    static func run(_ argv: [String], input: Data, timeout: TimeInterval) throws(OutboxDeliveryError) {
        guard let program = argv.first else { throw .launch("no command") }
        guard let executable = resolve(program) else { throw .launch("\(program): command not found") }
        _ = ignoreBrokenPipes
        let (ending, message) = try ChildProgram.run(executable, name: program, arguments: Array(argv.dropFirst()), input: input,
                                                     timeout: timeout, stderrLimit: stderrLimit)
        switch ending {
        case .exited(0): return
        case let .exited(status): throw .failed(status: status, signal: nil, stderr: message)
        case let .signalled(signal): throw .failed(status: nil, signal: signal, stderr: message)
        case .timedOut: throw .timedOut(seconds: timeout, stderr: message)
        }
    }

    /// The program's path: as given when it contains a `/`, else the first executable of that
    /// name in `$PATH`.
    static func resolve(_ program: String) -> String? {
        if program.contains("/") { return program }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Writing to a command that exited without reading its stdin must fail with EPIPE, not
    /// kill Clew with SIGPIPE.
    private static let ignoreBrokenPipes: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()
}

/// Why a delivery attempt failed.
public enum OutboxDeliveryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No command is configured for the channel.
    case notConfigured(OutboxChannel)
    /// The message cannot be delivered as it is (an empty or malformed recipient): retrying
    /// will not help.
    case rejected(String)
    /// The command could not be started.
    case launch(String)
    /// The command exited with a non-zero status, or was killed by a signal.
    case failed(status: Int32?, signal: Int32?, stderr: String)
    /// The command ran longer than the timeout and was killed.
    case timedOut(seconds: TimeInterval, stderr: String)

    /// Whether a later attempt could succeed.
    public var isPermanent: Bool {
        if case .rejected = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case let .notConfigured(channel):
            return "no \(channel.rawValue) command configured (set \(OutboxDelivery.variable(for: channel)))"
        case let .rejected(reason):
            return reason
        case let .launch(reason):
            return "could not run \(reason)"
        case let .failed(status, signal, stderr):
            let how = status.map { "exited with status \($0)" } ?? "killed by signal \(signal ?? 0)"
            return stderr.isEmpty ? how : "\(how): \(stderr)"
        case let .timedOut(seconds, stderr):
            let how = "killed after running " + String(format: "%g", seconds) + " s"
            return stderr.isEmpty ? how : "\(how): \(stderr)"
        }
    }
}

/// The first bytes of a command's stderr, collected from a reader thread.
final class OutboxCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func append(_ more: Data) {
        lock.withLock {
            guard data.count < limit else { return }
            data.append(more.prefix(limit - data.count))
        }
    }

    /// The captured bytes as one trimmed line of text.
    var text: String {
        let bytes = lock.withLock { data }
        return String(decoding: bytes, as: UTF8.self)
            .replacingOccurrences(of: "\u{FFFD}", with: "")
            .split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
    }
}
