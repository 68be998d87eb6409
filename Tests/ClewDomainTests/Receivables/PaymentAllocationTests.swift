import ClewDomain
import Foundation
import Testing

@Suite("Payment allocation")
struct PaymentAllocationTests {
    static func open(_ id: Int64, _ due: String, _ amount: Int64, paid: Int64 = 0) -> PaymentAllocation.OpenInstalment {
        PaymentAllocation.OpenInstalment(id: id, sequence: Int(id), due: CalendarDay(due) ?? CalendarDay(year: 2027, month: 1, day: 1),
                                         amount: Money(fen: amount), paid: Money(fen: paid))
    }

    static let plan = [open(3, "2027-03-01", 3_334), open(1, "2027-01-01", 3_333, paid: 1_000), open(2, "2027-02-01", 3_333)]

    @Test(arguments: [
        // amount, expected shares (instalment id: fen), credit
        (Int64(500), [(Int64(1), Int64(500))], Int64(0)),
        (2_333, [(1, 2_333)], 0),
        (3_000, [(1, 2_333), (2, 667)], 0),
        (9_000, [(1, 2_333), (2, 3_333), (3, 3_334)], 0),
    ] as [(Int64, [(Int64, Int64)], Int64)])
    func oldestFirstAndPartialKept(_ amount: Int64, _ expected: [(Int64, Int64)], _ credit: Int64) throws {
        let outcome = try PaymentAllocation.allocate(Money(fen: amount), to: Self.plan, allowCredit: false)
        #expect(outcome.shares.map(\.instalmentID) == expected.map(\.0))
        #expect(outcome.shares.map(\.amount.fen) == expected.map(\.1))
        #expect(outcome.credit.fen == credit)
    }

    @Test func overpaymentIsRefusedUnlessCredit() throws {
        #expect(throws: ReceivableError.overpayment(owed: Money(fen: 9_000), offered: Money(fen: 9_001))) {
            try PaymentAllocation.allocate(Money(fen: 9_001), to: Self.plan, allowCredit: false)
        }
        let outcome = try PaymentAllocation.allocate(Money(fen: 10_000), to: Self.plan, allowCredit: true)
        #expect(outcome.shares.reduce(Money.zero) { $0 + $1.amount } == Money(fen: 9_000))
        #expect(outcome.credit == Money(fen: 1_000))
        // Nothing open at all: all of it is credit.
        #expect(try PaymentAllocation.allocate(Money(fen: 5), to: [], allowCredit: true).credit == Money(fen: 5))
        #expect(throws: ReceivableError.nonPositiveAmount) { try PaymentAllocation.allocate(.zero, to: Self.plan, allowCredit: true) }
    }

    @Test func aReversalTakesBackEveryShare() throws {
        let outcome = try PaymentAllocation.allocate(Money(fen: 3_000), to: Self.plan, allowCredit: false)
        let reversal = PaymentAllocation.reversal(of: outcome.shares)
        #expect(reversal.map(\.amount.fen) == [-2_333, -667])
        #expect(zip(outcome.shares, reversal).allSatisfy { $0.instalmentID == $1.instalmentID && $0.amount.fen + $1.amount.fen == 0 })
    }
}
