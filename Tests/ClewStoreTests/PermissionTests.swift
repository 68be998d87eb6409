import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// What each role may do to one lead, through the services (not just the policy).
@Suite("Permissions through the services")
struct PermissionTests {
    enum Probe: String, CaseIterable, Sendable {
        case read, list, edit, grade, assign, move, followUp, win, merge
    }

    enum Outcome: Equatable, Sendable, CustomStringConvertible {
        case allowed, denied, notVisible
        case failed(String)
        var description: String {
            switch self {
            case .allowed: "allowed"
            case .denied: "denied"
            case .notVisible: "not visible"
            case let .failed(text): "failed: \(text)"
            }
        }
    }

    /// Who may do what to `X`, an active lead of alice's (bob's team) registered by admin.
    static let matrix: [String: [Probe: Outcome]] = {
        let all = { (outcome: Outcome) in Dictionary(uniqueKeysWithValues: Probe.allCases.map { ($0, outcome) }) }
        var readOnly = all(.denied)
        readOnly[.read] = .allowed
        readOnly[.list] = .allowed
        var owner = all(.allowed)
        owner[.grade] = .denied
        owner[.assign] = .denied
        owner[.merge] = .denied
        return [
            "admin": all(.allowed),
            "bob": all(.allowed),
            "erin": all(.notVisible),
            "alice": owner,
            "carol": all(.notVisible),
            "dave": all(.notVisible),
            "mia": all(.notVisible),
            "fred": readOnly,
            "sam": readOnly,
        ]
    }()

    static let cases: [(String, Probe)] = matrix.keys.sorted().flatMap { login in Probe.allCases.map { (login, $0) } }

    @Test(arguments: cases)
    func roleMatrix(_ login: String, _ probe: Probe) throws {
        let db = try TemporaryDatabase()
        let x = try db.activeLead().number.description
        let y = try db.activeLead().number.description
        _ = try db.leads("alice").logFollowUp(x, db.followUp())
        // Deals are won from the contract stage (issue 11); whoever may win may do it there.
        if probe == .win { try db.leads("bob").toContract(x) }
        let before = try db.stored(LeadNumber(x)!)
        let service = try db.leads(login)
        let outcome: Outcome
        do {
            switch probe {
            case .read: _ = try service.lead(x); _ = try service.detail(x)
            case .list: break
            case .edit: _ = try service.edit(x, changes: LeadDraft(budget: "50万以上"))
            case .grade: try service.grade(x, .b, reason: "复核")
            case .assign: try service.assign(x, to: "carol")
            case .move: _ = try service.move(x, to: "proposal")
            case .followUp: _ = try service.logFollowUp(x, db.followUp("Called the buyer: budget approved for Q1"))
            case .win: try service.win(x, amount: Money(yuan: 120_000))
            case .merge: try service.merge(y, into: x)
            }
            if probe == .list {
                outcome = try service.list(LeadQuery(limit: 1_000)).contains { $0.number.description == x } ? .allowed : .notVisible
            } else {
                outcome = .allowed
            }
        } catch let error as PermissionError {
            switch error {
            case .notVisible: outcome = .notVisible
            case .denied: outcome = .denied
            default: outcome = .failed("\(error)")
            }
        } catch {
            outcome = .failed("\(error)")
        }
        let expected = try #require(Self.matrix[login]?[probe])
        #expect(outcome == expected, "\(login) \(probe)")
        if outcome != .allowed || probe == .read || probe == .list {
            #expect(try db.stored(before.number) == before, "a refused \(probe) changed the lead")
        }
    }

    @Test func aRepCannotReadOrChangeAnotherRepsLeadThroughAnyService() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead(db.draft(customer: "华东区制造业客户恒通科技"))
        let x = lead.number.description
        _ = try db.leads("alice").logFollowUp(x, db.followUp())
        let before = try db.stored(lead.number)
        let carol = try db.leads("carol")
        let notVisible = PermissionError.notVisible(x)
        #expect(throws: notVisible) { try carol.lead(x) }
        #expect(throws: notVisible) { try carol.detail(x) }
        #expect(throws: notVisible) { try carol.edit(x, changes: LeadDraft(budget: "1")) }
        #expect(throws: notVisible) { try carol.edit(x, changes: LeadDraft(budget: "1"), expectedVersion: before.version) }
        #expect(throws: notVisible) { try carol.grade(x, .c, reason: "r") }
        #expect(throws: notVisible) { try carol.assign(x, to: "carol") }
        #expect(throws: notVisible) { try carol.confirm(x) }
        #expect(throws: notVisible) { try carol.object(x, reason: "r") }
        #expect(throws: notVisible) { try carol.claim(x) }
        #expect(throws: notVisible) { try carol.returnToPool(x, reason: "r") }
        #expect(throws: notVisible) { try carol.move(x, to: "proposal") }
        #expect(throws: notVisible) { try carol.logFollowUp(x, db.followUp()) }
        #expect(throws: notVisible) { try carol.win(x, amount: Money(yuan: 1)) }
        #expect(throws: notVisible) { try carol.lose(x, reason: .noFit) }
        #expect(throws: notVisible) { try carol.reopen(x, reason: "r") }
        #expect(throws: notVisible) { try carol.addNote(x, body: "@alice hi") }
        #expect(throws: notVisible) { try carol.merge(x, into: x) }
        #expect(throws: notVisible) { try carol.add(db.draft(), duplicates: .mergeInto(x)) }
        #expect(throws: notVisible) { try db.tasks("carol").add(title: "偷看", lead: x, assignee: nil, due: nil) }
        #expect(!(try carol.list(LeadQuery(limit: 1_000))).contains { $0.number == lead.number })
        #expect(try db.search("华东", as: "carol").isEmpty)
        #expect(try db.search(x, as: "carol").isEmpty)
        // Nor alice's task on it.
        let taskID = try #require(try db.leads("bob").detail(x).tasks.first?.id)
        #expect(throws: StoreError.self) { try db.tasks("carol").complete(taskID) }
        #expect(throws: StoreError.self) { try db.tasks("carol").snooze(taskID, until: db.clock.now().addingTimeInterval(86_400)) }
        #expect(try db.stored(lead.number) == before)
        #expect(try db.leads("bob").detail(x).tasks.first { $0.id == taskID }?.status == .open)
        // Not seeing it is indistinguishable from it not existing.
        #expect(throws: PermissionError.notVisible("XL-20261123-999")) { try carol.lead("XL-20261123-999") }
    }

    @Test func aSupervisorSeesTheirTeamsLeadsButNotAnotherTeams() throws {
        let db = try TemporaryDatabase()
        let alices = try db.activeLead(owner: "alice", supervisor: "bob")
        let daves = try db.activeLead(owner: "dave", supervisor: "erin")
        let unowned = try db.addLead()
        let bobSees = Set(try db.leads("bob").list(LeadQuery(limit: 1_000)).map(\.number))
        let erinSees = Set(try db.leads("erin").list(LeadQuery(limit: 1_000)).map(\.number))
        #expect(bobSees == [alices.number, unowned.number])
        #expect(erinSees == [daves.number, unowned.number])
        #expect(throws: PermissionError.notVisible(daves.number.description)) { try db.leads("bob").lead(daves.number.description) }
        #expect(throws: PermissionError.notVisible(alices.number.description)) { try db.leads("erin").detail(alices.number.description) }
    }

    @Test func marketingSeesAndEditsOnlyWhatItRegisteredWhileInScreening() throws {
        let db = try TemporaryDatabase()
        let mine = try db.addLead(by: "mia")
        let theirs = try db.addLead(by: "admin")
        let mia = try db.leads("mia")
        #expect(try mia.list(LeadQuery(limit: 1_000)).map(\.number) == [mine.number])
        #expect(throws: PermissionError.notVisible(theirs.number.description)) { try mia.lead(theirs.number.description) }
        #expect(try mia.edit(mine.number.description, changes: LeadDraft(campaign: "2026春季展会")).details.campaign == "2026春季展会")
        #expect(throws: PermissionError.self) { try mia.grade(mine.number.description, .a, reason: "r") }
        try db.leads("bob").grade(mine.number.description, .a, reason: "预算明确")
        try db.leads("bob").assign(mine.number.description, to: "alice")
        // Once assigned, it is the rep's to work.
        #expect(throws: PermissionError.self) { try mia.edit(mine.number.description, changes: LeadDraft(budget: "1")) }
    }

    @Test(arguments: ["fred", "sam"])
    func financeAndSupportReadEverythingAndWriteOnlyNotesAndTasks(_ login: String) throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let number = lead.number.description
        let service = try db.leads(login)
        #expect(try service.lead(number).number == lead.number)
        try service.addNote(number, body: "客户询问发票抬头")
        let task = try db.tasks(login).add(title: "开具发票", lead: number, assignee: nil, due: nil)
        #expect(task.assignee == login)
        #expect(throws: PermissionError.self) { try service.lose(number, reason: .noFit) }
        #expect(throws: PermissionError.self) { try service.add(db.draft()) }
    }

    @Test func onlyAdminsManageUsers() throws {
        let db = try TemporaryDatabase()
        for login in ["bob", "alice", "mia", "fred", "sam"] {
            #expect(throws: PermissionError.lacks(.manageUsers, login: login, role: try db.actor(login).role)) {
                try db.users.add(UserProfile(login: "zed", name: "Zed", role: .rep), by: try db.actor(login))
            }
        }
        #expect(throws: IdentityError.invalidLogin("bad login")) {
            try db.users.add(UserProfile(login: "bad login", name: "X", role: .rep), by: try db.actor("admin"))
        }
        #expect(throws: UserDirectoryError.exists(login: "alice")) {
            try db.users.add(UserProfile(login: "alice", name: "X", role: .rep), by: try db.actor("admin"))
        }
    }

    /// On a seeded database, `list` and `search` return exactly what `AccessPolicy.canRead` allows.
    @Suite("Visibility over a seeded database")
    struct SeededVisibility {
        static let seeded: TemporaryDatabase = {
            let db = try! TemporaryDatabase()
            _ = try! SeedGenerator(context: db.context, actor: try! db.actor("admin")).run(.init(leads: 300, seed: 7))
            return db
        }()

        static let logins = ["admin", "zhou.min", "chen.jie", "wang.fang", "li.wei", "liu.yun", "huang.li", "xu.ke", "bob", "alice", "mia"]

        @Test(arguments: logins)
        func listReturnsExactlyTheReadableLeads(_ login: String) throws {
            let db = Self.seeded
            let everything = try db.allLeads()
            #expect(everything.count >= 300)
            let actor = try db.actor(login)
            let expected = Set(everything.filter { AccessPolicy.canRead($0.accessFacts, by: actor) }.map(\.number))
            let listed = try db.listAll(as: login)
            #expect(Set(listed.map(\.number)) == expected)
            #expect(listed.count == expected.count, "no lead listed twice")
            // Filters never widen what one sees.
            let screening = try db.leads(login).list(LeadQuery(statuses: [.screening, .pooled], limit: 1_000))
            #expect(screening.allSatisfy { expected.contains($0.number) && [.screening, .pooled].contains($0.status) })
        }

        @Test(arguments: logins)
        func searchNeverReturnsAnInvisibleLead(_ login: String) throws {
            let db = Self.seeded
            let actor = try db.actor(login)
            for text in ["华东", "恒通", "科技", "saa", "Northwind", "已沟通", "价格高", "138"] {
                let hits = try db.search(text, as: login, limit: 500)
                for hit in hits {
                    #expect(AccessPolicy.canRead(hit.lead.accessFacts, by: actor), "\(login) found \(hit.lead.number) searching \(text)")
                    #expect(hit.lead.status != .merged)
                }
            }
        }

        @Test func seededRolesSeeDifferentSlices() throws {
            let db = Self.seeded
            let all = try db.allLeads().count
            let rep = try db.listAll(as: "wang.fang").count
            let supervisor = try db.listAll(as: "zhou.min").count
            #expect(rep > 0 && rep < supervisor && supervisor < all)
            #expect(try db.listAll(as: "xu.ke").count == all)
        }
    }
}
