#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A program run to completion as a child process (`posix_spawn` + `wait4`): its exit status,
/// wall time and peak resident memory, and the start of what it wrote on stderr.
struct ChildProcess {
    var status: Int32
    var duration: Duration
    /// The child's own peak RSS (`wait4`'s `ru_maxrss`), in bytes.
    var peakResidentBytes: Int
    /// The first line the child wrote on stderr (for a failure's reason).
    var errorLine: String

    var succeeded: Bool { status == 0 }

    /// Runs `executable` with `arguments`, stdout to /dev/null and stderr to `stderrPath`.
    static func run(_ executable: String, _ arguments: [String], stderrPath: String) -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let clock = ContinuousClock()
        let start = clock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            return ChildProcess(status: -1, duration: clock.now - start, peakResidentBytes: 0,
                                errorLine: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let duration = clock.now - start
        // WIFEXITED / WEXITSTATUS, spelled out (the macros do not import into Swift).
        let exit: Int32 = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        var line = ""
        if exit != 0, let text = try? String(contentsOfFile: stderrPath, encoding: .utf8) {
            line = String(text.split(separator: "\n").first ?? "")
        }
        #if canImport(Darwin)
        let peak = Int(usage.ru_maxrss)
        #else
        let peak = Int(usage.ru_maxrss) * 1_024
        #endif
        return ChildProcess(status: exit, duration: duration, peakResidentBytes: peak, errorLine: line)
    }
}
