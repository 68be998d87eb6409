import Foundation

/// The decision of which reminder level fires for one instalment (pure: the tick asks it for
/// each instalment whose next level's day has come, and records each level once).
public enum ReceivableReminder {
    /// What the store knows about one instalment.
    public struct Facts: Hashable, Sendable {
        public var due: CalendarDay
        /// Still owed on it.
        public var balance: Money
        /// The names of the levels already handled (fired or skipped) for it.
        public var handled: Set<String>

        public init(due: CalendarDay, balance: Money, handled: Set<String> = []) {
            self.due = due
            self.balance = balance
            self.handled = handled
        }
    }

    /// What the tick does for one instalment today.
    public struct Decision: Hashable, Sendable {
        /// The level to act on: the latest whose day has come.
        public var fire: ReceivableLevel?
        /// Earlier levels whose day also came but were not handled (after downtime, or a plan
        /// made late): recorded as skipped, not acted on — except that an overdue mark they
        /// carry still applies.
        public var skipped: [ReceivableLevel]
        /// The day the next unhandled level falls on (nil: none left).
        public var nextOn: CalendarDay?

        /// Whether the instalment is to be marked overdue now.
        public var marksOverdue: Bool {
            ([fire].compactMap { $0 } + skipped).contains { $0.actions.contains(.markOverdue) }
        }
    }

    /// The decision for `facts` on `today`, over `levels` as the process file orders them.
    public static func decide(_ facts: Facts, today: CalendarDay, levels: [ReceivableLevel], calendar: WorkingCalendar) -> Decision {
        guard facts.balance.fen > 0 else { return Decision(fire: nil, skipped: [], nextOn: nil) }
        let dated = levels.enumerated()
            .filter { !facts.handled.contains($0.element.name) }
            .map { (level: $0.element, day: $0.element.day(forDue: facts.due, on: calendar), order: $0.offset) }
            .sorted { ($0.day, $0.order) < ($1.day, $1.order) }
        let come = dated.filter { $0.day <= today }
        let later = dated.filter { $0.day > today }
        return Decision(fire: come.last?.level, skipped: come.dropLast().map(\.level), nextOn: later.first?.day)
    }

    /// The first day any of `levels` falls on for an instalment due on `due` (nil: no levels).
    public static func firstDay(forDue due: CalendarDay, levels: [ReceivableLevel], calendar: WorkingCalendar) -> CalendarDay? {
        levels.map { $0.day(forDue: due, on: calendar) }.min()
    }
}

/// How overdue money is grouped: 0–30, 31–60, 61–90 and over 90 days past due.
public enum AgeBucket: Int, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case upTo30, upTo60, upTo90, over90

    /// The bucket of an instalment `days` past due (1 or more).
    public init(daysPastDue days: Int) {
        switch days {
        case ...30: self = .upTo30
        case 31...60: self = .upTo60
        case 61...90: self = .upTo90
        default: self = .over90
        }
    }

    public var description: String {
        switch self {
        case .upTo30: "0-30"
        case .upTo60: "31-60"
        case .upTo90: "61-90"
        case .over90: "90+"
        }
    }
}
