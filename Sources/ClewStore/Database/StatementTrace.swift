import ClewServices
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A diagnostic (issue 16, cold start): with `CLEW_SQL_TRACE=FILE` in the environment, every
/// statement this process runs appends one line to FILE — `pid ms_since_start duration_ms sql` —
/// through GRDB's `.profile` trace, so where a first frame's time goes can be read statement by
/// statement. Arguments are never written (the SQL is parameterised; the values are user data).
///
/// Off (no environment variable) it adds nothing: the trace is not even installed.
public enum StatementTrace {
    /// The trace file (off when the variable is unset).
    private static let file = DiagnosticFile(environmentVariable: "CLEW_SQL_TRACE")

    /// When this process's trace started (its first statement's connection was prepared).
    private static let start = ContinuousClock.now

    /// Installs the trace on `db` when tracing is on.
    static func install(on db: Database) {
        guard file.isOn else { return }
        _ = start
        db.trace(options: .profile) { event in
            guard case let .profile(statement, duration) = event else { return }
            let since = ContinuousClock.now - start
            let sql = statement.sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            file.append("\(getpid()) \(DiagnosticFile.milliseconds(since)) \(String(format: "%.3f", duration * 1_000)) \(sql)\n")
        }
    }

    /// Appends a phase marker (`pid ms_since_start - # label`), e.g. "first frame drawn".
    public static func mark(_ label: String) {
        guard file.isOn else { return }
        file.append("\(getpid()) \(DiagnosticFile.milliseconds(ContinuousClock.now - start)) - # \(label)\n")
    }
}
