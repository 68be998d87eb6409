import ClewDomain
import Testing

/// The one duplicate policy (issue 11 §11) as a pure decision.
@Suite("Duplicate policy")
struct DuplicatePolicyTests {
    @Test func noMatchRegisters() {
        #expect(DuplicatePolicy.decide(nil) == .register)
    }

    @Test(arguments: [LeadStatus.new, .screening, .assigned, .active, .pooled])
    func anOpenLeadRefusesNamingItOnlyWhenVisible(status: LeadStatus) {
        #expect(DuplicatePolicy.decide(.init(status: status, visible: true, editable: true)) == .refuseNaming(editable: true))
        #expect(DuplicatePolicy.decide(.init(status: status, visible: true, editable: false)) == .refuseNaming(editable: false))
        #expect(DuplicatePolicy.decide(.init(status: status, visible: false, editable: true)) == .refuseHidden,
                "a lead one cannot see is never named, nor merged into")
    }

    @Test func wonAndLostLeadsAreFollowedNotRefused() {
        for visible in [true, false] {
            #expect(DuplicatePolicy.decide(.init(status: .won, visible: visible, editable: false)) == .repeatPurchase)
            #expect(DuplicatePolicy.decide(.init(status: .lost, visible: visible, editable: false)) == .followLostLead)
        }
    }

    @Test func theHiddenRefusalNamesNothing() {
        #expect(!DuplicatePolicy.hiddenRefusal.contains("XL-"))
        #expect(DuplicatePolicy.hiddenRefusal.contains("supervisor"))
    }

    @Test func visibilityFollowsTheAccessPolicy() {
        let dave = ActingUser(profile: UserProfile(login: "dave", name: "Dave", role: .rep, supervisor: "erin"))
        let alicesLead = LeadAccessFacts(status: .active, owner: "alice", createdBy: "admin", pool: nil)
        #expect(DuplicatePolicy.Match(alicesLead, by: dave) == .init(status: .active, visible: false, editable: false))
    }
}
