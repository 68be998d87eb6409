import ClewDomain
import Foundation
import Testing

@Suite("Receivable access")
struct ReceivableAccessTests {
    static func user(_ login: String, _ role: Role) -> ActingUser {
        ActingUser(profile: UserProfile(login: login, name: login, role: role))
    }

    typealias Action = ReceivableAccess.Action

    /// (role, own deal?, status) → the actions allowed.
    @Test(arguments: [
        (Role.finance, false, ContractStatus.signed, Set(Action.allCases)),
        (.admin, false, .signed, Set(Action.allCases)),
        (.supervisor, false, .signed, [.read, .editContract]),
        (.support, false, .signed, [.read]),
        (.rep, true, .signed, [.read]),
        (.rep, true, .draft, [.read, .editContract]),
        (.rep, false, .draft, []),
        (.marketing, false, .signed, []),
        (.finance, false, .cancelled, [.read, .recordInvoice, .planPayments, .recordPayment]),
    ] as [(Role, Bool, ContractStatus, Set<Action>)])
    func whoMayDoWhat(_ role: Role, _ own: Bool, _ status: ContractStatus, _ allowed: Set<Action>) {
        let actor = Self.user("u", role)
        let owner = own ? "u" : "someone"
        for action in Action.allCases {
            #expect(ReceivableAccess.allows(action, owner: owner, status: status, by: actor) == allowed.contains(action),
                    "\(role) \(action) own=\(own) \(status)")
        }
    }

    @Test func refusalsSayWhy() {
        let contract = Contract(id: 1, number: "HT-1", customerID: 1, customerName: "c", leadID: 1, leadNumber: "1", owner: "alice",
                                status: .signed, amount: Money(yuan: 1), signedOn: nil, expectedDelivery: nil)
        #expect(throws: ReceivableAccessError.notVisible("HT-1")) { try ReceivableAccess.check(.read, contract, by: Self.user("bob", .rep)) }
        #expect(throws: ReceivableAccessError.denied(.recordPayment, contract: "HT-1", login: "alice", role: .rep)) {
            try ReceivableAccess.check(.recordPayment, contract, by: Self.user("alice", .rep))
        }
    }
}
