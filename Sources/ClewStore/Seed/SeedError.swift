import ClewDomain
import ClewServices

/// Why `clew seed` refused its options.
public enum SeedError: BilingualError, Equatable {
    /// The lead count is outside what seed makes.
    case leadCountOutOfRange(ClosedRange<Int>)

    public var english: String {
        switch self {
        case let .leadCountOutOfRange(range): "--leads must be between \(range.lowerBound) and \(range.upperBound)"
        }
    }

    public var chinese: String {
        switch self {
        case let .leadCountOutOfRange(range): "--leads 须在 \(range.lowerBound) 到 \(range.upperBound) 之间"
        }
    }
}
