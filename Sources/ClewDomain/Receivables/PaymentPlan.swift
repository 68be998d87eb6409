import Foundation

/// A payment plan (回款计划): the instalments a contract's amount is collected in.
///
/// Amounts always sum exactly to the contract's: an even split puts the fen left over by the
/// division on the last instalment, and so does a percentage split (`40%` of ¥100.01 is
/// ¥40.00, the last instalment ¥60.01).
///
/// ```swift
/// try PaymentPlan.evenly(Money(yuan: 100), count: 3, every: .days(30), first: CalendarDay("2027-01-31")!, calendar: calendar)
/// // 2027-01-31 ¥33.33, 2027-03-02 ¥33.33, 2027-04-01 ¥33.34
/// ```
public enum PaymentPlan {
    /// The most instalments one plan may have.
    public static let maximumInstalments = 120

    /// One instalment of a plan.
    public struct Instalment: Hashable, Sendable, Codable {
        /// 1, 2, 3, … in due order.
        public var sequence: Int
        public var due: CalendarDay
        public var amount: Money

        public init(sequence: Int, due: CalendarDay, amount: Money) {
            self.sequence = sequence
            self.due = due
            self.amount = amount
        }
    }

    /// One `--due DATE:PERCENT` of an explicit plan: the share in hundredths of a percent
    /// (`40%` is 4 000, `33.33%` is 3 333).
    public struct Share: Hashable, Sendable {
        public var due: CalendarDay
        public var basisPoints: Int

        public init(due: CalendarDay, basisPoints: Int) {
            self.due = due
            self.basisPoints = basisPoints
        }

        /// Parses `2027-01-15:40%` (up to two decimals: `33.33%`).
        public init(parsing text: String) throws(ReceivableError) {
            let parts = text.split(separator: ":").map { TextNormalization.trimmed(String($0)) }
            guard parts.count == 2, let due = CalendarDay(parts[0]) else { throw .badShare(text) }
            guard let points = Self.basisPoints(parts[1]), points > 0 else { throw .badShare(text) }
            self.init(due: due, basisPoints: points)
        }

        /// `40%` → 4 000; nil for anything else.
        static func basisPoints(_ text: String) -> Int? {
            guard text.hasSuffix("%") else { return nil }
            let number = text.dropLast()
            let halves = number.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(halves.count), halves.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                  !halves[0].isEmpty, halves[0].count <= 3, let whole = Int(halves[0]) else { return nil }
            var fraction = 0
            if halves.count == 2 {
                guard (1...2).contains(halves[1].count), let f = Int(halves[1]) else { return nil }
                fraction = halves[1].count == 1 ? f * 10 : f
            }
            return whole * 100 + fraction
        }
    }

    /// `count` instalments of an equal share of `total`, the first due on `first` and each next
    /// one `every` later (months counted from `first`: Jan 31, Feb 28, Mar 31, …).
    ///
    /// - Throws: ``ReceivableError`` for a non-positive total, a count outside
    ///   1…``maximumInstalments``, or a period that does not move forward.
    public static func evenly(_ total: Money, count: Int, every: CalendarSpan, first: CalendarDay,
                              calendar: WorkingCalendar) throws(ReceivableError) -> [Instalment] {
        try check(total)
        guard (1...maximumInstalments).contains(count) else { throw .badInstalmentCount(count) }
        guard count == 1 || !every.isBefore && !every.isZero else { throw .periodNotForward(every.description) }
        let share = total.fen / Int64(count)
        var dues: [CalendarDay] = []
        for index in 0..<count {
            let due = every.day(after: first, times: index, on: calendar)
            guard (dues.last.map { due > $0 } ?? true) else { throw .periodNotForward(every.description) }
            dues.append(due)
        }
        return dues.enumerated().map { index, due in
            let amount = index == count - 1 ? total.fen - share * Int64(count - 1) : share
            return Instalment(sequence: index + 1, due: due, amount: Money(fen: amount))
        }
    }

    /// Instalments by explicit shares (`2027-01-15:40%`, `2027-02-15:60%`), which must add up to
    /// exactly 100% with ascending dates.
    public static func shares(_ total: Money, _ shares: [Share]) throws(ReceivableError) -> [Instalment] {
        try check(total)
        guard (1...maximumInstalments).contains(shares.count) else { throw .badInstalmentCount(shares.count) }
        let sum = shares.reduce(0) { $0 + $1.basisPoints }
        guard sum == 10_000 else { throw .sharesNotWhole(basisPoints: sum) }
        for (a, b) in zip(shares, shares.dropFirst()) where b.due <= a.due { throw .duesNotAscending(b.due.description) }
        var given: Int64 = 0
        return shares.enumerated().map { index, share in
            // total ≤ 10^12 fen, × 10^4 stays far inside Int64.
            let amount = index == shares.count - 1 ? total.fen - given : total.fen * Int64(share.basisPoints) / 10_000
            given += amount
            return Instalment(sequence: index + 1, due: share.due, amount: Money(fen: amount))
        }
    }

    private static func check(_ total: Money) throws(ReceivableError) {
        guard total.fen > 0 else { throw .nonPositiveAmount }
        guard total.isWithinLimit else { throw .amountAboveLimit }
    }
}
