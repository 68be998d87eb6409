/// 线索编号: a lead's number, `XL-YYYYMMDD-NNN` — the day it was registered and a 1-based sequence
/// within that day, printed with at least three digits.
///
/// Numbers sort by day, then by sequence (not as strings), and encode as the plain string:
///
/// ```swift
/// let number = LeadNumber(day: CalendarDay(year: 2026, month: 11, day: 23), sequence: 7)
/// number.description                           // "XL-20261123-007"
/// LeadNumber("xl-20261123-1000")?.sequence     // 1000
/// LeadNumber("XL-20261123-999")! < LeadNumber("XL-20261123-1000")! // true
/// ```
public struct LeadNumber: Hashable, Sendable, Codable, Comparable, CustomStringConvertible,
    LosslessStringConvertible {

    // MARK: - Fields

    /// The day the lead was registered.
    public let day: CalendarDay
    /// The position within that day, from 1.
    public let sequence: Int

    /// The fixed prefix, `XL-`.
    public static let prefix = "XL-"

    // MARK: - Creating

    /// Creates a lead number; `sequence` must be at least 1.
    public init(day: CalendarDay, sequence: Int) {
        precondition(sequence >= 1, "a lead number's sequence starts at 1")
        self.day = day
        self.sequence = sequence
    }

    /// Parses the printed form strictly: `XL-` (any case), an existing date as 8 digits, `-`, and
    /// the sequence in its canonical form (exactly 3 digits up to 999, no leading zero above),
    /// so each number has exactly one spelling. Surrounding white space and full-width characters
    /// are tolerated. Nil for anything else.
    ///
    /// ```swift
    /// LeadNumber(" xl-20261123-001 ")  // XL-20261123-001
    /// LeadNumber("XL-20261123-1")      // nil: write 001
    /// LeadNumber("XL-20260230-001")    // nil: no such date
    /// ```
    public init?(_ string: String) {
        let text = TextNormalization.trimmed(TextNormalization.halfWidth(string))
        guard text.uppercased().hasPrefix(Self.prefix) else { return nil }
        let parts = text.dropFirst(Self.prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 8, (3...9).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0].prefix(4)), let month = Int(parts[0].dropFirst(4).prefix(2)),
              let dayOfMonth = Int(parts[0].suffix(2)), let sequence = Int(parts[1]),
              CalendarDay.isValid(year: year, month: month, day: dayOfMonth), sequence >= 1,
              parts[1].count == 3 || parts[1].first != "0"
        else { return nil }
        self.init(day: CalendarDay(year: year, month: month, day: dayOfMonth), sequence: sequence)
    }

    // MARK: - Protocols

    /// `XL-YYYYMMDD-NNN`, e.g. `XL-20261123-007` or `XL-20261123-1000`.
    public var description: String {
        let date = CalendarDay.padded(day.year, to: 4) + CalendarDay.padded(day.month, to: 2)
            + CalendarDay.padded(day.day, to: 2)
        return "\(Self.prefix)\(date)-\(CalendarDay.padded(sequence, to: 3))"
    }

    /// Orders by day, then by sequence: `XL-20261123-999` < `XL-20261123-1000` < `XL-20261124-001`.
    public static func < (lhs: LeadNumber, rhs: LeadNumber) -> Bool {
        (lhs.day, lhs.sequence) < (rhs.day, rhs.sequence)
    }

    /// Decodes the printed form, e.g. `"XL-20261123-007"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let number = LeadNumber(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text)\" is not a lead number like XL-20261123-001")
        }
        self = number
    }

    /// Encodes as the printed form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
