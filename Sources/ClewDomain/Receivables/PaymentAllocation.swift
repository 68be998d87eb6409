import Foundation

/// Where received money goes (回款核销): to the oldest open instalments first.
///
/// A partial payment leaves the rest of its instalment open; more than is owed is refused
/// unless it is taken as credit on the customer (the part beyond the open balance, applied to
/// the next instalment planned); a payment is corrected by reversing it, which takes back each
/// of its allocations, never by editing it.
public enum PaymentAllocation {
    /// An instalment that still has money to come.
    public struct OpenInstalment: Hashable, Sendable {
        public var id: Int64
        public var sequence: Int
        public var due: CalendarDay
        public var amount: Money
        public var paid: Money

        public init(id: Int64, sequence: Int, due: CalendarDay, amount: Money, paid: Money) {
            self.id = id
            self.sequence = sequence
            self.due = due
            self.amount = amount
            self.paid = paid
        }

        /// What is still owed on it.
        public var balance: Money { Money(fen: max(amount.fen - paid.fen, 0)) }
    }

    /// Money put against one instalment (negative in a reversal).
    public struct Share: Hashable, Sendable, Codable {
        public var instalmentID: Int64
        public var amount: Money

        public init(instalmentID: Int64, amount: Money) {
            self.instalmentID = instalmentID
            self.amount = amount
        }
    }

    /// What one payment does.
    public struct Outcome: Hashable, Sendable {
        public var shares: [Share]
        /// The part kept as credit on the customer.
        public var credit: Money
    }

    /// Allocates `amount` to `open`, oldest due first (then by sequence).
    ///
    /// - Parameter allowCredit: keep what is beyond the open balance as credit; without it
    ///   such a payment is refused.
    /// - Throws: ``ReceivableError/nonPositiveAmount``, ``ReceivableError/amountAboveLimit``,
    ///   ``ReceivableError/overpayment(owed:offered:)``.
    public static func allocate(_ amount: Money, to open: [OpenInstalment], allowCredit: Bool) throws(ReceivableError) -> Outcome {
        guard amount.fen > 0 else { throw .nonPositiveAmount }
        guard amount.isWithinLimit else { throw .amountAboveLimit }
        let ordered = open.filter { $0.balance.fen > 0 }.sorted { ($0.due, $0.sequence, $0.id) < ($1.due, $1.sequence, $1.id) }
        let owed = ordered.reduce(Money.zero) { $0 + $1.balance }
        if amount > owed, !allowCredit { throw .overpayment(owed: owed, offered: amount) }
        var left = amount.fen
        var shares: [Share] = []
        for instalment in ordered where left > 0 {
            let take = min(left, instalment.balance.fen)
            shares.append(Share(instalmentID: instalment.id, amount: Money(fen: take)))
            left -= take
        }
        return Outcome(shares: shares, credit: Money(fen: left))
    }

    /// The shares that undo `shares` (a reversal): each negated.
    public static func reversal(of shares: [Share]) -> [Share] {
        shares.map { Share(instalmentID: $0.instalmentID, amount: Money(fen: -$0.amount.fen)) }
    }
}
