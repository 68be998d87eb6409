import Foundation

/// The time rules of seed 004 around screening, as the process file's `[screening]` sets them:
/// the daily deadline (每日10:00前，销售主管查看"已录入待筛选"线索) with its escalation by noon,
/// the window for an objection (需在2小时内反馈至主管), and registration within two working hours
/// of capture (线索获取后，需在2小时内完成初步信息登记).
public struct ScreeningRules: Hashable, Codable, Sendable {
    /// By when each working day the screening queue is to be worked through.
    public var screenBy: TimeOfDay
    /// When what is still unscreened goes to an admin.
    public var escalateBy: TimeOfDay
    /// An assignee objects on their own within this of the assignment; later the supervisor decides.
    public var objectWithin: ProcessDuration
    /// A lead registered later than this after its capture is flagged late (`late-registration`).
    public var registerWithin: ProcessDuration

    public init(screenBy: TimeOfDay, escalateBy: TimeOfDay, objectWithin: ProcessDuration, registerWithin: ProcessDuration) {
        self.screenBy = screenBy
        self.escalateBy = escalateBy
        self.objectWithin = objectWithin
        self.registerWithin = registerWithin
    }

    /// 10:00, escalated at 12:00; objections and registration within 2 working hours.
    public static let standard = ScreeningRules(screenBy: TimeOfDay(hour: 10, minute: 0), escalateBy: TimeOfDay(hour: 12, minute: 0),
                                                objectWithin: .workingHours(2), registerWithin: .workingHours(2))

    /// What the deadline asks for at one moment.
    public enum Notice: String, Hashable, Sendable {
        /// The deadline passed: the supervisors are reminded of what is unscreened.
        case remindSupervisors
        /// The escalation time passed too: an admin is told.
        case escalateToAdmin
    }

    /// The notices due at `now` on a working day (none on other days), with the day's deadline:
    /// a lead that entered screening before the deadline and is still there counts.
    public func notices(at now: Date, calendar: WorkingCalendar) -> (day: CalendarDay, deadline: Date, due: [Notice]) {
        let day = CalendarDay.containing(now, in: calendar.timeZone)
        let deadline = screenBy.date(on: day, in: calendar.timeZone)
        guard calendar.isWorkingDay(day), now >= deadline else { return (day, deadline, []) }
        let escalation = escalateBy.date(on: day, in: calendar.timeZone)
        return (day, deadline, now >= escalation ? [.remindSupervisors, .escalateToAdmin] : [.remindSupervisors])
    }

    /// Whether an objection at `now` to an assignment made at `assignedAt` is the assignee's own to make.
    public func acceptsObjection(assignedAt: Date, at now: Date, calendar: WorkingCalendar) -> Bool {
        objectWithin.isKept(from: assignedAt, to: now, on: calendar)
    }

    /// Whether a lead captured at `capturedAt` and registered at `registeredAt` was registered late.
    public func isLateRegistration(capturedAt: Date, registeredAt: Date, calendar: WorkingCalendar) -> Bool {
        !registerWithin.isKept(from: capturedAt, to: registeredAt, on: calendar)
    }
}

/// A time of day, `10:00`.
public struct TimeOfDay: Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` (00:00–23:59).
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var description: String { String(format: "%02d:%02d", hour, minute) }

    /// This time on `day` in `zone`.
    public func date(on day: CalendarDay, in zone: TimeZone) -> Date {
        day.date(in: zone).addingTimeInterval(Double(hour * 3_600 + minute * 60))
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { (a.hour, a.minute) < (b.hour, b.minute) }
}
