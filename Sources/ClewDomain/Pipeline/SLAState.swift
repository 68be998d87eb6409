import Foundation

/// How a lead is doing against its service levels, for colouring cards (DESIGN §4, §5).
public enum SLAState: String, Hashable, Sendable, Codable, CaseIterable {
    case onTime = "on-time"
    case dueSoon = "due-soon"
    case overdue
    /// 异常: past its stage's expected duration.
    case stalled

    /// The state of a lead at `now`.
    ///
    /// - Active: past the stage's planned exit → stalled; its next task overdue → overdue; the
    ///   planned exit within one working day or the next task due within 24 h → due soon.
    /// - Assigned: unconfirmed after 1 working hour → overdue, else due soon.
    /// - Screening: waiting over 1 working day → overdue; over 4 working hours → due soon.
    public static func evaluate(_ lead: Lead, nextTaskDue: Date?, pipeline: Pipeline, calendar: WorkingCalendar, now: Date) -> SLAState {
        switch lead.status {
        case .active:
            if let stage = lead.stage, let entered = lead.stageEnteredAt,
               let planned = pipeline.plannedExit(of: stage, enteredAt: entered, calendar: calendar) {
                if now > planned { return .stalled }
                if let due = nextTaskDue, due < now { return .overdue }
                if calendar.workingDuration(from: now, to: planned) < workingDay(calendar) { return .dueSoon }
            } else if let due = nextTaskDue, due < now {
                return .overdue
            }
            if let due = nextTaskDue, due.timeIntervalSince(now) < 86_400 { return .dueSoon }
            return .onTime
        case .assigned:
            return calendar.workingDuration(from: lead.statusChangedAt, to: now) > 3_600 ? .overdue : .dueSoon
        case .screening:
            let waited = calendar.workingDuration(from: lead.statusChangedAt, to: now)
            if waited > workingDay(calendar) { return .overdue }
            return waited > 4 * 3_600 ? .dueSoon : .onTime
        default:
            return .onTime
        }
    }

    private static func workingDay(_ calendar: WorkingCalendar) -> TimeInterval {
        TimeInterval(calendar.workdayEnd - calendar.workdayStart) * 60
    }
}
