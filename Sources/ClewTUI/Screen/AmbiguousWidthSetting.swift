import Foundation

/// How many cells the terminal gives East Asian Ambiguous characters (`─ │ ▌ … ↓ ▶ ·`): the
/// `--ambiguous-width` option or `CLEW_AMBIGUOUS_WIDTH` (`auto`, `1` or `2`). `auto` asks the
/// terminal at start-up (see ``AmbiguousWidthProbe``).
public enum AmbiguousWidthSetting: String, Hashable, Sendable, CaseIterable {
    case auto
    case one = "1"
    case two = "2"

    /// The setting named by the option, else `CLEW_AMBIGUOUS_WIDTH`, else `auto`; `nil` for
    /// anything but `auto`, `1` or `2`.
    public static func preference(option: String?, environment: [String: String]) -> AmbiguousWidthSetting? {
        let name = option ?? environment["CLEW_AMBIGUOUS_WIDTH"]
        guard let name, !name.isEmpty else { return .auto }
        return AmbiguousWidthSetting(rawValue: name.lowercased())
    }

    /// The cells to lay ambiguous characters out in: as set, or what the terminal answers
    /// (1 when it does not answer in time).
    public func cells(probe: () -> Int?) -> Int {
        switch self {
        case .one: 1
        case .two: 2
        case .auto: probe() ?? 1
        }
    }
}
