import ClewServices
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A running process as a lease or an import names it: host, pid and the process's start time
/// (on Linux field 22 of `/proc/PID/stat`, in clock ticks since boot), so a pid reused by
/// another program after a crash is not mistaken for the holder.
///
/// ```swift
/// let me = ProcessIdentity.current          // 4242@app01 (started 91837465)
/// ProcessIdentity.isGone(other)             // true once that process has exited
/// ```
public struct ProcessIdentity: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var pid: Int32
    /// The start time as the OS reports it (0 when unknown).
    public var started: Int64

    public init(host: String, pid: Int32, started: Int64) {
        self.host = host
        self.pid = pid
        self.started = started
    }

    /// This process.
    public static let current: ProcessIdentity = {
        let pid = getpid()
        return ProcessIdentity(host: hostName, pid: pid, started: startTime(of: pid) ?? 0)
    }()

    /// `pid@host`, as lease holders are shown.
    public var description: String { "\(pid)@\(host)" }

    /// The short host name (`gethostname`).
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Field 22 of `/proc/PID/stat` (nil where there is no /proc, or no such process).
    static func startTime(of pid: Int32) -> Int64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after the command name (which may hold spaces) start at field 3.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        return Int64(fields[19])
    }

    /// Whether `process` has certainly exited: it ran on this host, and no process with its pid
    /// exists, or the one that does started at another time (the pid was reused). A process on
    /// another host is never judged gone (its lease expires instead).
    public static func isGone(_ process: ProcessIdentity) -> Bool {
        guard process.host == current.host, process.pid > 0 else { return false }
        if process == current { return false }
        if let started = startTime(of: process.pid) {
            return process.started != 0 && started != process.started
        }
        if FileManager.default.fileExists(atPath: "/proc/self/stat") { return true }
        // No /proc (macOS): ask the kernel whether the pid exists.
        return kill(process.pid, 0) != 0 && errno == ESRCH
    }
}
