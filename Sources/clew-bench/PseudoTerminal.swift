#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The real `clew` interface in a fresh process on a pseudo-terminal (issue 9 §9), for timing
/// what a user sees: the first frame from a cold process (process start-up, opening the database,
/// keymap and theme, loading the board, drawing it through ncurses), and how long another user's
/// commit takes to reach the screen. Text counts as on the screen when its bytes have arrived on
/// the terminal (ncurses writes a changed run of cells as one piece).
final class PseudoTerminal {
    private let master: Int32
    private let pid: pid_t
    private let clock = ContinuousClock()
    /// When the process was spawned.
    let spawned: ContinuousClock.Instant
    /// Everything the process wrote since the last ``waitFor(_:since:timeout:)`` that found its text.
    private var output: [UInt8] = []

    /// Spawns `executable` with the terminal as its stdin, stdout and stderr (and controlling
    /// terminal); `LINES` and `COLUMNS` in `environment` set the size ncurses uses.
    init?(executable: String, arguments: [String], environment: [String: String]) {
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)   // posix_openpt
        guard master >= 0 else { return nil }
        guard let slavePath = Self.unlockedSlave(of: master) else {
            close(master)
            return nil
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid (POSIX_SPAWN_SETSID), the terminal becomes the child's controlling one.
        for fd: Int32 in 0...2 { posix_spawn_file_actions_addopen(&actions, fd, slavePath, O_RDWR, 0) }
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(0x80))   // POSIX_SPAWN_SETSID (glibc)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let start = ContinuousClock.now
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, &attributes, argv, envp) == 0 else {
            close(master)
            return nil
        }
        self.master = master
        self.pid = pid
        spawned = start
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit { stop() }

    /// The child's user + system CPU time so far, in seconds (`/proc/PID/stat`, fields 14 and 15).
    var cpuSeconds: Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after the command name (which may hold spaces), from field 3 (state) on.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Reads the terminal until `text` has arrived; how long after `since` (default: the spawn)
    /// that was, or nil after `timeout` seconds or when the process exited first.
    func waitFor(_ text: String, since: ContinuousClock.Instant? = nil, timeout: TimeInterval = 20) -> Duration? {
        let needle = Array(text.utf8)
        let start = since ?? spawned
        let deadline = clock.now + .milliseconds(Int(timeout * 1_000))
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let found = Self.find(needle, in: output) {
                output.removeFirst(found + needle.count)
                return clock.now - start
            }
            guard clock.now < deadline else { return nil }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 20) >= 0 || errno == EINTR else { return nil }
            let count = read(master, &buffer, buffer.count)
            if count > 0 {
                // Answer a cursor-position query (clew asks how wide `▌` is drawn at start-up) as
                // a terminal drawing it one cell wide would.
                if Self.find(Self.positionQuery, in: Array(buffer[0..<count])) != nil { send("\u{1B}[1;2R") }
                output += buffer[0..<count]
            } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                return nil   // the child closed the terminal: it exited
            }
        }
    }

    private static let positionQuery = Array("\u{1B}[6n".utf8)

    /// Types `text` on the terminal (as a user's keys).
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
    }

    /// Drops whatever arrived and was not yet matched (reading what is there now first).
    func discardPending() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while read(master, &buffer, buffer.count) > 0 {}
        output.removeAll()
    }

    /// Whatever arrived and was not yet matched, as text (escape sequences included).
    var pendingText: String { String(decoding: output, as: UTF8.self) }

    private var stopped = false

    /// SIGTERM (the interface restores the terminal and keeps a draft), then SIGKILL if needed.
    func stop() {
        guard !stopped else { return }
        stopped = true
        kill(pid, SIGTERM)
        var status: Int32 = 0
        var sink = [UInt8](repeating: 0, count: 65_536)
        var gone = false
        for _ in 0..<300 {
            if waitpid(pid, &status, WNOHANG) == pid { gone = true; break }
            _ = read(master, &sink, sink.count)   // so it never blocks on a full terminal
            usleep(10_000)
        }
        if !gone {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// `grantpt`, `unlockpt` and `ptsname_r` of the C library, looked up at run time (Swift's
    /// Glibc module does not declare them, and the `ioctl`s behind them are variadic).
    private static func unlockedSlave(of master: Int32) -> String? {
        typealias Call = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32
        guard let library = dlopen(nil, RTLD_NOW),
              let grant = dlsym(library, "grantpt"), let unlock = dlsym(library, "unlockpt"), let name = dlsym(library, "ptsname_r")
        else { return nil }
        guard unsafeBitCast(grant, to: Call.self)(master) == 0, unsafeBitCast(unlock, to: Call.self)(master) == 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: 128)
        guard unsafeBitCast(name, to: Name.self)(master, &buffer, buffer.count) == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}
