import Foundation

/// Asks the terminal how wide it draws an East Asian Ambiguous character: at the start of the
/// line it writes one (`▌`) and a cursor-position query (`ESC [ 6 n`), reads the answer
/// (`ESC [ row ; column R`) within a short timeout, and wipes the line again. Column 2 means one
/// cell, column 3 two. Runs before curses starts, on the terminal in its normal mode.
public enum AmbiguousWidthProbe {
    /// How long the terminal has to answer (a terminal that never does costs this once).
    public static let timeoutMilliseconds: Int32 = 150

    /// 1 or 2, or `nil` when stdin/stdout are not a terminal, `TERM` is `dumb` or unset, or no
    /// answer came in time.
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1,
              let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return nil }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return nil }
        defer { _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        send("\r▌\u{1B}[6n")
        let answer = read(until: UInt8(ascii: "R"))
        send("\r\u{1B}[K")
        return answer.flatMap(parse)
    }

    /// The width an answer to the query after one ambiguous character at column 1 means: the
    /// column in `ESC [ row ; column R` less one; `nil` for anything but 1 or 2.
    static func parse(_ answer: String) -> Int? {
        guard let start = answer.lastIndex(of: "\u{1B}") else { return nil }
        let body = answer[start...].dropFirst().drop { $0 == "[" }
        guard body.hasSuffix("R"), let semicolon = body.firstIndex(of: ";"),
              let column = Int(body[body.index(after: semicolon)...].dropLast()) else { return nil }
        return (2...3).contains(column) ? column - 1 : nil
    }

    private static func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// What arrives on stdin until `terminator` or the timeout (at most 32 bytes).
    private static func read(until terminator: UInt8) -> String? {
        var received: [UInt8] = []
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutMilliseconds))
        while received.count < 32 {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { break }
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(max(1, left.components.seconds * 1_000 + left.components.attoseconds / 1_000_000_000_000_000))
            guard poll(&descriptor, 1, milliseconds) > 0 else { break }
            var byte: UInt8 = 0
            guard Foundation.read(STDIN_FILENO, &byte, 1) == 1 else { break }
            received.append(byte)
            if byte == terminator { return String(decoding: received, as: UTF8.self) }
        }
        return nil
    }
}
