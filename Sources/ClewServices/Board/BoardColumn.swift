import ClewDomain
import Foundation

/// One column of the board: intake (`screening`, `assigned`), a pipeline stage, or `won`.
public struct BoardColumn: Hashable, Sendable {
    public var key: String
    public var englishTitle: String
    public var chineseTitle: String
    public var count: Int
    public var amount: Money

    /// A value with each of its fields given.
    public init(key: String, englishTitle: String, chineseTitle: String, count: Int, amount: Money) {
        self.key = key
        self.englishTitle = englishTitle
        self.chineseTitle = chineseTitle
        self.count = count
        self.amount = amount
    }
}
