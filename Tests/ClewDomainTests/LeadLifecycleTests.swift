import ClewDomain
import Testing

@Suite("Lead lifecycle state machine")
struct LeadLifecycleTests {
    /// The legal transitions of DESIGN §3, written out independently of the implementation.
    static let legal: [LeadEvent: [LeadStatus: LeadStatus]] = [
        .completeDetails: [.new: .screening],
        .assign: [.screening: .assigned, .pooled: .assigned, .assigned: .assigned, .active: .assigned],
        .confirm: [.assigned: .active],
        .object: [.assigned: .screening],
        .claim: [.pooled: .active],
        .returnToPool: [.assigned: .pooled, .active: .pooled],
        .sendToPool: [.new: .pooled, .screening: .pooled],
        .win: [.active: .won],
        .lose: [.new: .lost, .screening: .lost, .assigned: .lost, .active: .lost, .pooled: .lost],
        .reopen: [.lost: .screening],
        .merge: [.new: .merged, .screening: .merged, .assigned: .merged, .active: .merged, .pooled: .merged, .lost: .merged],
    ]

    static let allPairs: [(LeadStatus, LeadEvent)] = LeadStatus.allCases.flatMap { status in
        LeadEvent.allCases.map { (status, $0) }
    }

    @Test("every status × every event", arguments: allPairs)
    func transition(status: LeadStatus, event: LeadEvent) {
        if let expected = Self.legal[event]?[status] {
            #expect((try? LeadLifecycle.next(after: event, from: status)) == expected)
            #expect(LeadLifecycle.allows(event, from: status))
        } else {
            #expect(throws: LifecycleError.illegalTransition(event: event, from: status)) {
                try LeadLifecycle.next(after: event, from: status)
            }
            #expect(!LeadLifecycle.allows(event, from: status))
        }
    }

    @Test func closedStatusesAllowNothingButReopenAndMerge() {
        #expect(LeadLifecycle.events(from: .won).isEmpty)
        #expect(LeadLifecycle.events(from: .merged).isEmpty)
        #expect(LeadLifecycle.events(from: .lost) == [.reopen, .merge])
    }

    @Test(arguments: [
        (LeadEvent.confirm, LeadStatus.screening, "cannot confirm a lead in screening: only an assigned lead can be confirmed"),
        (.win, .assigned, "cannot win a lead in assigned: its owner has not confirmed the assignment yet"),
        (.assign, .new, "cannot assign a lead in new: complete its details (customer, contact, phone or email, industry, need, source) first"),
        (.assign, .won, "cannot assign a lead in won: it is already won"),
        (.claim, .lost, "cannot claim a lead in lost: it is lost; reopen it first"),
        (.object, .merged, "cannot object to a lead in merged: it was merged into another lead"),
    ])
    func messagesAreSpecific(event: LeadEvent, status: LeadStatus, message: String) {
        #expect(LifecycleError.illegalTransition(event: event, from: status).description == message)
    }

    @Test func statusNamesParseInEnglishAndChinese() {
        #expect(LeadStatus(name: "Screening") == .screening)
        #expect(LeadStatus(name: "待筛选") == .screening)
        #expect(LeadStatus(name: "已成交") == .won)
        #expect(LeadStatus(name: "bogus") == nil)
    }
}
