import ClewDomain
import Testing

@Suite("Access policy")
struct AccessPolicyTests {
    static func user(_ login: String, _ role: Role, team: Set<String> = [], regions: [String] = []) -> ActingUser {
        ActingUser(profile: UserProfile(login: login, name: login, role: role, regions: regions), team: team)
    }

    let admin = user("root", .admin)
    let bob = user("bob", .supervisor, team: ["alice", "carol"])
    let erin = user("erin", .supervisor, team: ["dave"])
    let alice = user("alice", .rep, regions: ["华东"])
    let dave = user("dave", .rep, regions: ["华南"])
    let marketing = user("liu", .marketing)
    let finance = user("huang", .finance)

    let alicesLead = LeadAccessFacts(status: .active, owner: "alice", createdBy: "liu")
    let screening = LeadAccessFacts(status: .screening, owner: nil, createdBy: "liu")
    let pooledEast = LeadAccessFacts(status: .pooled, owner: nil, createdBy: "liu", pool: "华东")

    @Test func repsSeeOnlyTheirOwnAndTheirPools() {
        #expect(AccessPolicy.canRead(alicesLead, by: alice))
        #expect(!AccessPolicy.canRead(alicesLead, by: dave))
        #expect(AccessPolicy.canRead(pooledEast, by: alice))
        #expect(!AccessPolicy.canRead(pooledEast, by: dave))
        #expect(!AccessPolicy.canRead(screening, by: alice))
        #expect(AccessPolicy.canRead(LeadAccessFacts(status: .new, owner: nil, createdBy: "alice"), by: alice))
    }

    @Test func supervisorsSeeTheirTeamAndUnownedLeads() {
        #expect(AccessPolicy.canRead(alicesLead, by: bob))
        #expect(!AccessPolicy.canRead(alicesLead, by: erin))
        #expect(AccessPolicy.canRead(screening, by: erin))
    }

    @Test func financeAndSupportReadEverythingButOnlyNote() {
        #expect(AccessPolicy.canRead(alicesLead, by: finance))
        #expect(AccessPolicy.allows(.note, on: alicesLead, by: finance))
        #expect(!AccessPolicy.allows(.edit, on: alicesLead, by: finance))
        #expect(!AccessPolicy.allows(.win, on: alicesLead, by: finance))
    }

    @Test func marketingSeesWhatItRegistered() {
        #expect(AccessPolicy.canRead(screening, by: marketing))
        #expect(AccessPolicy.allows(.edit, on: screening, by: marketing))
        #expect(!AccessPolicy.allows(.edit, on: alicesLead, by: marketing))
        #expect(!AccessPolicy.allows(.grade, on: screening, by: marketing))
    }

    @Test("rep actions on own lead", arguments: LeadAction.allCases)
    func repOnOwnLead(action: LeadAction) {
        let allowed: Set<LeadAction> = [.read, .edit, .note, .addTask, .returnToPool, .move, .followUp, .convert, .win, .lose, .confirm, .object]
        #expect(AccessPolicy.allows(action, on: alicesLead, by: alice) == allowed.contains(action))
    }

    @Test("supervisor actions on a team lead", arguments: LeadAction.allCases)
    func supervisorOnTeamLead(action: LeadAction) {
        let refused: Set<LeadAction> = [.confirm, .object, .claim]
        #expect(AccessPolicy.allows(action, on: alicesLead, by: bob) == !refused.contains(action))
    }

    @Test func onlyTheAssigneeAnswersAnAssignment() {
        let assigned = LeadAccessFacts(status: .assigned, owner: "alice", createdBy: "liu")
        #expect(AccessPolicy.allows(.confirm, on: assigned, by: alice))
        #expect(!AccessPolicy.allows(.confirm, on: assigned, by: bob))
        #expect(!AccessPolicy.allows(.confirm, on: assigned, by: admin))
    }

    @Test func deniedMessagesDoNotLeakInvisibleLeads() {
        #expect(throws: PermissionError.notVisible("XL-20261123-001")) {
            try AccessPolicy.check(.read, on: alicesLead, number: "XL-20261123-001", by: dave)
        }
        let error = PermissionError.denied(action: .assign, number: "XL-20261123-001", login: "alice", role: .rep, owner: "alice")
        #expect(error.description == "alice (rep) cannot assign XL-20261123-001: it is yours, but this is for supervisors")
    }

    @Test func capabilities() {
        #expect(AccessPolicy.has(.manageUsers, admin))
        #expect(!AccessPolicy.has(.manageUsers, bob))
        #expect(AccessPolicy.has(.registerLeads, marketing))
        #expect(!AccessPolicy.has(.registerLeads, finance))
        #expect(AccessPolicy.has(.screen, bob))
        #expect(!AccessPolicy.has(.screen, alice))
    }
}
