import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// Runs the tick in the background every ``interval`` (once a minute in every open TUI), so
/// reminders and escalations happen while anyone is working, with or without cron. The lease
/// keeps concurrent TUIs from evaluating at the same time; each run is one short transaction.
///
/// Outbox delivery is left to `clew tick` (cron or a systemd timer), so email and SMS go out
/// from one configured place, not from whoever has a terminal open.
public final class AutomationTicker: @unchecked Sendable {
    private let service: TickService
    private let interval: TimeInterval
    private let queue = DispatchQueue(label: "clew.automation-ticker", qos: .utility)
    private let lock = NSLock()
    private var timer: (any DispatchSourceTimer)?
    private var lastReport: TickReport?
    private var lastError: String?

    /// - Parameter interval: seconds between ticks (default 60).
    public init(service: TickService, interval: TimeInterval = 60) {
        self.service = service
        self.interval = interval
    }

    deinit { stop() }

    /// Starts ticking: the first run after `delay` seconds, then every ``interval``.
    public func start(after delay: TimeInterval = 5) {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + delay, repeating: interval, leeway: .seconds(5))
        timer.setEventHandler { [weak self] in self?.tick() }
        lock.withLock {
            self.timer?.cancel()
            self.timer = timer
        }
        timer.resume()
    }

    /// Stops ticking; a run in progress finishes.
    public func stop() {
        lock.withLock {
            timer?.cancel()
            timer = nil
        }
    }

    /// The outcome of the latest run: its report, or the error it ended with.
    public var latest: (report: TickReport?, error: String?) { lock.withLock { (lastReport, lastError) } }

    private func tick() {
        do {
            // Skip when another TUI (or cron) ticked within most of the interval: N open TUIs
            // still evaluate about once a minute between them, not N times.
            let report = try service.run(skipIfRanWithin: interval * 0.8)
            lock.withLock {
                lastReport = report
                lastError = nil
            }
        } catch {
            lock.withLock { lastError = String(describing: error) }
        }
    }
}
