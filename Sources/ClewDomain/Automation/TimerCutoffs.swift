import Foundation

/// The moments the timers compare facts with at one tick's `now`, computed once in working
/// time: an assignment made at or before ``confirmReminder`` is late for confirmation, a task
/// due at or before ``reminderHorizon`` gets its reminder, and so on. The store's candidate
/// queries use the same moments, so they find what ``TimerRule`` decides.
public struct TimerCutoffs: Hashable, Sendable {
    public let now: Date
    public let confirmReminder: Date
    public let confirmEscalation: Date
    public let firstFollowUp: Date
    /// Tasks due up to this moment (after `now`) are reminded.
    public let reminderHorizon: Date

    public init(sla: SLAPolicy, now: Date, calendar: WorkingCalendar) {
        self.now = now
        confirmReminder = sla.confirmWithin.date(before: now, on: calendar)
        confirmEscalation = sla.escalateUnconfirmedAfter.date(before: now, on: calendar)
        firstFollowUp = sla.firstFollowUpWithin.date(before: now, on: calendar)
        reminderHorizon = sla.remindBefore.date(after: now, on: calendar)
    }

    /// A lead from `pool` untouched since this moment goes back to it (calendar days, as the
    /// process file's `recycle_days` says).
    public func recycle(_ pool: PoolDefinition) -> Date {
        now.addingTimeInterval(-Double(pool.recycleDays) * 86_400)
    }
}
