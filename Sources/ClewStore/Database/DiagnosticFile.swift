import ClewServices
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file named by an environment variable that diagnostics append lines to (``LockTrace``,
/// ``StatementTrace``). Many processes may append to one file: each line is one `O_APPEND` write.
struct DiagnosticFile: Sendable {
    /// The open file, or -1 when the variable is unset (the diagnostic is off).
    let descriptor: Int32

    /// Opens the file `variable` names (created 0600, never through a symlink), if it is set.
    init(environmentVariable variable: String) {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else {
            descriptor = -1
            return
        }
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o600)
    }

    /// Whether lines are being written.
    var isOn: Bool { descriptor >= 0 }

    /// Appends `line` (which ends in a newline) in one write.
    func append(_ line: String) {
        guard descriptor >= 0 else { return }
        _ = line.utf8CString.withUnsafeBufferPointer { buffer in
            write(descriptor, buffer.baseAddress, buffer.count - 1)
        }
    }

    /// `duration` in milliseconds with three decimals.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.3f", Double(seconds) * 1_000 + Double(attoseconds) / 1e15)
    }
}
