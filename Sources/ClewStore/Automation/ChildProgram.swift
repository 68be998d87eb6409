import ClewServices
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Another program run by Clew (the outbox's mail and SMS commands), started with `posix_spawn`
/// and `POSIX_SPAWN_RESETIDS`: the child's effective group is reset to the real group before it
/// runs, and its exec makes that the saved group too — so a program started by a setgid team
/// install never holds the install's private group, and can never take it back.
///
/// stdin is fed from `input`, stdout goes to /dev/null, stderr is captured (up to `limit` bytes).
struct ChildProgram {
    /// How the child ended.
    enum Ending: Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
    }

    /// Runs `executable` with `arguments` (argv[0] is `name`) for at most `timeout` seconds.
    /// - Returns: how it ended and the first `limit` bytes of its stderr.
    static func run(_ executable: String, name: String, arguments: [String], input: Data, timeout: TimeInterval,
                    stderrLimit limit: Int) throws(OutboxDeliveryError) -> (Ending, String) {
        // Both pipes are created close-on-exec in one step: another thread of this process that
        // spawns a program in between (a test runner, the TUI's ticker) must not inherit an end,
        // or the child would never see the end of its input. The child gets its ends through
        // dup2, which clears the flag on the copies.
        var stdinPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        guard makePipe(&stdinPipe) else { throw .launch("\(name): cannot create a pipe") }
        guard makePipe(&stderrPipe) else {
            closeAll(stdinPipe)
            throw .launch("\(name): cannot create a pipe")
        }

        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], STDIN_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], STDERR_FILENO)
        posix_spawn_file_actions_addclose(&actions, stdinPipe[0])
        posix_spawn_file_actions_addclose(&actions, stderrPipe[1])
        // Nothing else Clew has open (the database, other children's pipes) reaches the program.
        closeInheritedDescriptors(&actions)
        // Clew ignores SIGPIPE (and the TUI SIGHUP, SIGTERM, SIGINT, SIGQUIT); the child gets the
        // defaults back, and no blocked signals.
        var defaults = sigset_t(), mask = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGHUP, SIGTERM, SIGINT, SIGQUIT] { sigaddset(&defaults, signal) }
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ([name] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        _ = close(stdinPipe[0])
        _ = close(stderrPipe[1])
        guard spawned == 0 else {
            _ = close(stdinPipe[1])
            _ = close(stderrPipe[0])
            throw .launch("\(name): \(String(cString: strerror(spawned)))")
        }

        // Feed stdin and drain stderr on their own threads, so neither a large message nor a
        // chatty command can block the other side.
        let writer = FileHandle(fileDescriptor: stdinPipe[1], closeOnDealloc: true)
        let feeding = DispatchGroup()
        DispatchQueue.global().async(group: feeding) {
            try? writer.write(contentsOf: input)
            try? writer.close()
        }
        let captured = OutboxCapture(limit: limit)
        let reader = FileHandle(fileDescriptor: stderrPipe[0], closeOnDealloc: true)
        let draining = DispatchGroup()
        DispatchQueue.global().async(group: draining) {
            while true {
                let data = reader.availableData
                if data.isEmpty { break }
                captured.append(data)
            }
        }
        let waiter = ChildWaiter(pid: pid)
        let ending: Ending
        if let status = waiter.wait(timeout: timeout) {
            ending = status
        } else {
            _ = kill(pid, SIGTERM)
            if waiter.wait(timeout: 1) == nil {
                _ = kill(pid, SIGKILL)
                _ = waiter.wait(timeout: .infinity)
            }
            ending = .timedOut
        }
        // A grandchild may still hold the pipes open; do not wait for it.
        _ = draining.wait(timeout: .now() + 1)
        _ = feeding.wait(timeout: .now() + 1)
        return (ending, captured.text)
    }

    private static func closeAll(_ fds: [Int32]) { for fd in fds where fd >= 0 { _ = close(fd) } }

    #if canImport(Glibc)
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    /// `pipe2`, looked up at run time: Swift's Glibc module does not import it (it is a GNU
    /// extension).
    private static let pipe2: Pipe2? = dlsym(nil, "pipe2").map { unsafeBitCast($0, to: Pipe2.self) }
    #endif

    /// A pipe whose two ends are close-on-exec from the start (`pipe2(O_CLOEXEC)`; where that
    /// is missing, `pipe` and then the flag, which leaves a short window).
    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        #if canImport(Glibc)
        if let pipe2 { return fds.withUnsafeMutableBufferPointer { $0.baseAddress.map { pipe2($0, O_CLOEXEC) } ?? -1 } == 0 }
        #endif
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    #if canImport(Glibc)
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// `posix_spawn_file_actions_addclosefrom_np(actions, 3)` (glibc 2.34+, looked up at run time:
    /// Swift does not import it); without it, only descriptors opened close-on-exec stay behind.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
    }
    #else
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t?) {}
    #endif
}

/// Waits for one child on a background thread (`waitpid`), so the caller can time out.
private final class ChildWaiter: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var ending: ChildProgram.Ending?

    init(pid: pid_t) {
        Thread.detachNewThread { [self] in
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import (they are macros).
            let signal = status & 0x7F
            let result: ChildProgram.Ending = signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
            lock.withLock { ending = result }
            done.signal()
        }
    }

    /// How the child ended, or nil if it is still running after `timeout` seconds.
    func wait(timeout: TimeInterval) -> ChildProgram.Ending? {
        if let ending = lock.withLock({ ending }) { return ending }
        let deadline: DispatchTime = timeout.isFinite ? .now() + timeout : .distantFuture
        guard done.wait(timeout: deadline) == .success else { return nil }
        done.signal()  // later calls return at once
        return lock.withLock { ending }
    }
}
