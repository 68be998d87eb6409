import ArgumentParser
import ClewDomain

/// An amount typed on the command line: `380000`, `38万`, `¥1,234.50`.
enum AmountArgument {
    /// The amount `text` stands for, or a validation error naming it.
    static func parse(_ text: String) throws -> Money {
        guard let money = Money(parsing: text) else {
            throw ValidationError(Output.safe("cannot read '\(text)' as an amount (380000, 38万)"))
        }
        guard money.isWithinLimit else {
            throw ValidationError(Output.safe("'\(text)' is above the largest amount Clew accepts, \(Money.limit) (金额不能超过 100 亿元)"))
        }
        return money
    }
}
