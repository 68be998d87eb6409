/// A data-quality or state flag on a lead, with its one spelling (stored, printed, filtered).
///
/// Flags are set by Clew itself, never typed by a user (tags are the user's); a stored spelling
/// Clew does not know any more is dropped when the lead is read.
public enum LeadFlag: String, CaseIterable, Codable, Sendable, Comparable {
    /// The phone looks made up (`13800000000`, `12345678901`).
    case fakePhone = "fake-phone"
    /// Registered although an open lead has the same phone or email (`--allow-duplicate`).
    case possibleDuplicate = "possible-duplicate"
    /// No follow-up within the stage's allowance (the stalled-lead timer).
    case stalled
    /// An import row's email could not be read; the lead was kept without it.
    case invalidEmail = "invalid-email"
    /// An import row's phone could not be read; the lead was kept without it.
    case invalidPhone = "invalid-phone"
    /// Registered more than `register_within` (2 working hours) after its capture (seed 004:
    /// 线索获取后，需在2小时内完成初步信息登记).
    case lateRegistration = "late-registration"

    /// Reads a stored or typed spelling, including the older `invalid_email` form.
    public init?(spelling text: String) {
        self.init(rawValue: text.replacingOccurrences(of: "_", with: "-"))
    }

    public static func < (lhs: LeadFlag, rhs: LeadFlag) -> Bool { lhs.rawValue < rhs.rawValue }
}
