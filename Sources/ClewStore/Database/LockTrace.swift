import ClewServices
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A diagnostic (issue 12): with `CLEW_LOCK_TRACE=FILE` in the environment, every write
/// transaction of this process appends one line to FILE — `pid command wait_ms hold_ms` — how
/// long it waited for the write lock and how long it then held it (its body and the commit).
/// Many processes may trace into one file: each line is one `O_APPEND` write. `clew-bench --load`
/// reads the file to say which holder made a waiter wait.
///
/// Off (no environment variable) it costs one check per write.
enum LockTrace {
    /// The trace file (off when the variable is unset).
    private static let file = DiagnosticFile(environmentVariable: "CLEW_LOCK_TRACE")

    /// The command this process runs (`import`, `lead add`, …): its words before the first
    /// option or the first path or existing file (`clew import FILE` is `import`).
    private static let command: String = {
        var words: [String] = []
        var arguments = ProcessInfo.processInfo.arguments.dropFirst().makeIterator()
        while let argument = arguments.next() {
            if argument == "--db" {
                _ = arguments.next()
                continue
            }
            if argument.hasPrefix("-") { if words.isEmpty { continue } else { break } }
            // A path, or a file named in the working directory (`clew import leads`).
            if argument.contains("/") || argument.contains(".") || FileManager.default.fileExists(atPath: argument) { break }
            words.append(argument)
            if words.count == 2 { break }
        }
        let text = words.isEmpty ? "-" : words.joined(separator: "-")
        return String(text.unicodeScalars.filter { $0.isASCII && $0.value > 0x20 }.map(Character.init))
    }()

    /// Whether a trace is being written.
    static var isOn: Bool { file.isOn }

    /// Appends one transaction's wait and hold.
    static func record(wait: Duration, hold: Duration) {
        guard file.isOn else { return }
        file.append("\(getpid()) \(command) \(DiagnosticFile.milliseconds(wait)) \(DiagnosticFile.milliseconds(hold))\n")
    }
}
