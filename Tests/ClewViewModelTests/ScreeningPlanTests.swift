import ClewDomain
import ClewServices
import ClewStore
@testable import ClewViewModel
import Testing

/// Issue 16 §1: bulk assignment shows its plan and asks; `*` takes the whole queue; the queue
/// and the detail show one score.
@Suite("Screening: the bulk plan, the whole queue, one score")
struct ScreeningPlanTests {
    @Test func bulkAssignShowsWhoGetsWhatAndWritesNothingUntilYes() throws {
        let fixture = try Fixture()
        try UserDirectory(context: fixture.context).add(UserProfile(login: "dan", name: "Dan", role: .rep, supervisor: "bob", regions: ["华东"],
                                                                    industries: ["制造业"], capacity: 10), by: try fixture.actor("root"))
        let bob = LeadService(context: fixture.context, actor: try fixture.actor("bob")) // his team now includes dan
        var numbers: [String] = []
        for index in 1...4 {
            let number = try fixture.lead("杭州第\(index)制造有限公司", phone: "1380013810\(index)")
            try bob.grade(number, .b, reason: "有预算")
            numbers.append(number)
        }
        let app = try fixture.app("bob")
        app.perform("show-screening")
        app.perform("select-all")
        app.perform("assign-suggested")
        guard case let .confirm(question) = app.overlay else { Issue.record("expected the plan as a question"); return }
        #expect(question.message == "Assign 4 leads: alice 2 · dan 2?")
        #expect(try numbers.allSatisfy { try bob.lead($0).status == .screening }, "nothing written before the answer")
        app.type(.character("n"))
        #expect(app.overlay == nil)
        #expect(try numbers.allSatisfy { try bob.lead($0).status == .screening }, "no means no")
        app.perform("assign-suggested")
        app.type(.character("y"))
        #expect(try numbers.map { try bob.lead($0).owner ?? "-" }.sorted() == ["alice", "alice", "dan", "dan"])
        #expect(app.screening?.total == 0)
    }

    @Test func theChineseQuestionNamesTheSharesToo() throws {
        let fixture = try Fixture()
        let number = try fixture.lead("杭州恒通科技有限公司", phone: "13800138000")
        try LeadService(context: fixture.context, actor: try fixture.actor("bob")).grade(number, .a, reason: "预算明确")
        let app = AppModel(services: try fixture.services("bob"), language: .zh)
        try app.start()
        app.perform("show-screening")
        app.perform("assign-suggested")
        guard case let .confirm(question) = app.overlay else { Issue.record("expected the plan as a question"); return }
        #expect(question.message == "将 \(number) 分配给 alice？")
    }

    /// A queue longer than the loaded page: `*` says and takes all of it, the plan keeps to the
    /// supervisor's own team and nobody goes past capacity, and the queue shows the score and
    /// suggestion the detail shows.
    @Test func selectAllTakesTheWholeQueueAndThePlanKeepsToTheTeam() throws {
        let seeded = try SeededFixture(leads: 3_000)
        let (login, queue) = try #require(seeded.supervisorsByQueue().first)
        try #require(queue > ScreeningModel.pageSize, "the seed should give \(login) more than a page: \(queue)")
        let app = try seeded.app(login)
        app.perform("show-screening")
        let screening = try #require(app.screening)
        #expect(screening.items.count == ScreeningModel.pageSize)
        app.perform("select-all")
        #expect(screening.selected.count == queue)
        #expect(screening.targetEntries.count == queue)

        // One scoring path: every loaded item scores as its detail does.
        let leads = LeadService(context: seeded.context, actor: try seeded.actor(login))
        for item in screening.items.prefix(20) {
            let detail = try leads.detail(item.lead.number.description)
            #expect(detail.score?.total == item.score.total, "\(item.lead.number)")
            #expect(detail.score?.suggestedGrade == item.score.suggestedGrade, "\(item.lead.number)")
        }
        // Suggestions are the supervisor's own reps only.
        let team = try seeded.actor(login).team
        #expect(screening.items.flatMap(\.suggestions).allSatisfy { team.contains($0.login) })

        // Grade what is ungraded, then plan: within the team, within capacity.
        var graded = screening.targetEntries
        for index in graded.indices where graded[index].grade == nil { graded[index].grade = .b }
        let reps = try seeded.services(login).screening.assignableReps()
        let placements = AssignmentPlan.distribute(graded.map(\.planned), among: reps, now: seeded.context.clock.now())
        for rep in reps {
            let planned = placements.filter { $0.login == rep.profile.login }.count
            #expect(rep.openLeads + planned <= max(rep.profile.capacity, rep.openLeads), "\(rep.profile.login) over capacity")
        }
        #expect(placements.compactMap(\.login).allSatisfy(team.contains))
    }
}
