/// One stage of the sales pipeline (销售阶段), as configured by an admin (DESIGN §4).
public struct StageDefinition: Hashable, Codable, Sendable {
    /// Who drives the stage.
    public enum Owner: String, Codable, Sendable {
        /// The lead's rep.
        case rep
        /// The rep's supervisor (e.g. approves contracts).
        case supervisor
    }

    /// The stable key (`discovery`), used in commands and the database.
    public var key: String
    /// The English name shown on screen.
    public var englishName: String
    /// The Chinese name shown on screen.
    public var chineseName: String
    /// Who drives the stage.
    public var owner: Owner
    /// How long a deal is expected to stay in the stage before it counts as stalled.
    public var expected: ExpectedDuration

    public init(key: String, englishName: String, chineseName: String, owner: Owner = .rep, expected: ExpectedDuration) {
        self.key = key
        self.englishName = englishName
        self.chineseName = chineseName
        self.owner = owner
        self.expected = expected
    }
}

/// How long something is expected to take: in working days (on the working calendar) or in plain
/// calendar days.
public enum ExpectedDuration: Hashable, Codable, Sendable, CustomStringConvertible {
    /// N working days on the ``WorkingCalendar``.
    case workingDays(Int)
    /// N calendar days.
    case days(Int)

    public var description: String {
        switch self {
        case let .workingDays(n): "\(n) working day\(n == 1 ? "" : "s")"
        case let .days(n): "\(n) day\(n == 1 ? "" : "s")"
        }
    }
}
