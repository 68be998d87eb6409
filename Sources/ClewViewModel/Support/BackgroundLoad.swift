import Foundation

/// One load run on another thread so the key loop never waits for it (issue 16: "heavy loads
/// run off the key loop"): ``start(_:)`` hands the work to a global queue, the run loop asks
/// ``take()`` between keys and applies what arrived. A newer ``start(_:)`` supersedes an older
/// one, whose result is then dropped, so the last load asked for is the one shown.
///
/// The work must be `Sendable` (services are value types over a database pool, whose reads may
/// run on any thread); the view model's own state is touched only on the key loop's thread.
final class BackgroundLoad<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var generation = 0
    private var finished: (generation: Int, result: Result<Value, any Error>)?
    private var running = 0

    /// Whether a load has been started and its result not yet taken.
    var isPending: Bool { lock.withLock { running > 0 || finished != nil } }

    /// Starts `work` on another thread, superseding any load still running.
    func start(_ work: @escaping @Sendable () throws -> Value) {
        let mine = lock.withLock { () -> Int in
            generation += 1
            running += 1
            finished = nil
            return generation
        }
        DispatchQueue.global(qos: .userInitiated).async {
            let result = Result { try work() }
            self.lock.withLock {
                self.running -= 1
                if mine == self.generation { self.finished = (mine, result) }
            }
        }
    }

    /// Forgets a running load (the view was loaded in the foreground meanwhile).
    func cancel() {
        lock.withLock {
            generation += 1
            finished = nil
        }
    }

    /// The newest load's result once it has arrived (then cleared), else nil.
    func take() -> Result<Value, any Error>? {
        lock.withLock {
            defer { finished = nil }
            return finished?.result
        }
    }
}
