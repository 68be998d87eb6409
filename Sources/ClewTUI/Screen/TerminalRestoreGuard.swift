import Dispatch
import Foundation

/// Restores the terminal when the process ends: on normal exit (`atexit`) and on SIGHUP, SIGTERM,
/// SIGINT and SIGQUIT.
///
/// `endwin` is not async-signal-safe, so it is never called from a signal handler. Instead the
/// signals are ignored at the C level (`SIG_IGN`, which also keeps ncurses from installing its own
/// handlers) and delivered to `DispatchSourceSignal`s on a private serial queue. There, in order:
/// the registered cleanup handlers run (e.g. saving drafts), the terminal is restored, and the
/// process exits with `128 + signal`. The restore may race with a draw on the main thread; at
/// that point the process is ending anyway, and the terminal state `endwin` writes wins.
///
/// Note: ignored signals are inherited by child processes; reset them before `exec`ing one.
final class TerminalRestoreGuard: @unchecked Sendable {
    /// The process-wide guard.
    static let shared = TerminalRestoreGuard()

    private let lock = NSLock()
    private let queue = DispatchQueue(label: "clew.terminal-signals")
    private var sources: [any DispatchSourceSignal] = []
    private var cleanups: [@Sendable (Int32) -> Void] = []
    private var restore: (@Sendable () -> Void)?
    private var installed = false

    private init() {}

    /// Installs the signal sources and the `atexit` hook (once per process).
    func install() {
        let shouldInstall = lock.withLock { () -> Bool in
            defer { installed = true }
            return !installed
        }
        guard shouldInstall else { return }
        var created: [any DispatchSourceSignal] = []
        for signalNumber in [SIGHUP, SIGTERM, SIGINT, SIGQUIT] {
            _ = signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { TerminalRestoreGuard.shared.terminate(signal: signalNumber) }
            source.resume()
            created.append(source)
        }
        lock.withLock { sources = created }
        atexit { TerminalRestoreGuard.shared.restoreNow() }
    }

    /// Sets what restoring the terminal means (`endwin`); cleared by ``restoreNow()``.
    func setRestore(_ action: (@Sendable () -> Void)?) {
        lock.withLock { restore = action }
    }

    /// Adds a handler run (on the signal queue) before the terminal is restored on a signal.
    func addCleanup(_ handler: @escaping @Sendable (Int32) -> Void) {
        lock.withLock { cleanups.append(handler) }
    }

    /// Restores the terminal if it is still in curses mode. Idempotent.
    func restoreNow() {
        let action = lock.withLock { () -> (@Sendable () -> Void)? in
            defer { restore = nil }
            return restore
        }
        action?()
    }

    private func terminate(signal signalNumber: Int32) {
        let handlers = lock.withLock { cleanups }
        for handler in handlers { handler(signalNumber) }
        restoreNow()
        exit(128 + signalNumber)
    }
}
