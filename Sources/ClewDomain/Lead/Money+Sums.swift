/// Sums of many amounts, for reports: they never trap, whatever the data holds.
///
/// Each amount Clew accepts is bounded, but a report adds up thousands of them; a sum that
/// leaves `Int64` (±92 233 720 368 547 758.07 yuan) saturates instead of crashing the reader's
/// view.
extension Money {
    /// `self + other`, saturating at the largest (or smallest) amount.
    public func adding(_ other: Money) -> Money {
        let (sum, overflow) = fen.addingReportingOverflow(other.fen)
        guard overflow else { return Money(fen: sum) }
        return Money(fen: other.fen > 0 ? .max : .min)
    }

    /// The amount a floating-point sum of fen stands for (SQLite's `total()`, which never
    /// overflows), rounded to the fen and clamped to the range of ``fen``.
    public init(totalFen: Double) {
        if !totalFen.isFinite { self.init(fen: totalFen < 0 ? .min : .max); return }
        let rounded = totalFen.rounded()
        if rounded >= 9.2e18 { self.init(fen: .max) } else if rounded <= -9.2e18 { self.init(fen: .min) } else { self.init(fen: Int64(rounded)) }
    }
}
