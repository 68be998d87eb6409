import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Approvals beyond skips: the contract stage and amount thresholds (seed 000: 销售总监可审批合同)")
struct ContractApprovalTests {
    /// dora (director) over gus (supervisor) over hal (rep); the contract stage needs approval,
    /// deals above 100万 the supervisor, above 500万 the director.
    private struct Team {
        let db: TemporaryDatabase
        let context: ClewContext

        init(contractStage: Bool = true) throws {
            db = try TemporaryDatabase()
            let admin = try db.actor("admin")
            try db.users.add(UserProfile(login: "dora", name: "Dora Director", role: .supervisor), by: admin)
            try db.users.add(UserProfile(login: "gus", name: "Gus Manager", role: .supervisor, supervisor: "dora", regions: ["华东"]), by: admin)
            try db.users.add(UserProfile(login: "hal", name: "Hal Rep", role: .rep, supervisor: "gus", regions: ["华东"]), by: admin)
            var process = ProcessDefinition.withoutAutomation
            process.approvals = ApprovalPolicy(contractStage: contractStage, amountAbove: Money(yuan: 1_000_000), directorAbove: Money(yuan: 5_000_000))
            context = ClewContext(database: db.database, automation: AutomationEngine(), clock: db.clock, process: process, calendar: .standard(timeZone: TemporaryDatabase.timeZone))
        }

        func leads(_ login: String) throws -> LeadService { LeadService(context: context, actor: try db.actor(login)) }
        func approvals(_ login: String) throws -> ApprovalService { ApprovalService(context: context, actor: try db.actor(login)) }

        /// An active lead of hal's with `budget`.
        func deal(budget: String) throws -> String {
            let number = try leads("admin").add(db.draft(budget: budget)).lead.number.description
            try leads("admin").grade(number, .a, reason: "预算明确")
            try leads("admin").assign(number, to: "hal")
            try leads("hal").confirm(number)
            return number
        }
    }

    @Test func enteringTheContractStageWaitsForTheOwnersSupervisor() throws {
        let team = try Team()
        let number = try team.deal(budget: "30-50万")
        let outcome = try team.leads("hal").move(number, to: "contract", reason: "客户已确认方案")
        guard case let .contractApprovalRequested(id, approver, level) = outcome else { Issue.record("\(outcome)"); return }
        #expect(approver == "gus" && level == .supervisor)
        #expect(try team.db.stored(LeadNumber(number)!).stage == "discovery")
        let pending = try team.approvals("gus").pending()
        #expect(pending.map(\.id) == [id] && pending[0].kind == .contract && pending[0].reason == "客户已确认方案")
        #expect(try team.db.inbox("gus").notifications.contains { $0.kind == "approval" })
        // A second request while one waits is refused.
        #expect(throws: LeadError.awaitingApproval(number: number, approval: id)) { try team.leads("hal").move(number, to: "contract") }
        try team.approvals("gus").approve(id, comment: "同意")
        #expect(try team.db.stored(LeadNumber(number)!).stage == "contract")
    }

    @Test func aDealAboveTheSecondThresholdGoesToTheSupervisorsSupervisor() throws {
        let team = try Team()
        let number = try team.deal(budget: "600-800万")
        guard case let .contractApprovalRequested(id, approver, level) = try team.leads("hal").move(number, to: "contract") else {
            Issue.record("no request"); return
        }
        #expect(approver == "dora" && level == .director)
        #expect(try team.approvals("gus").pending().isEmpty)
        #expect(throws: StoreError.self) { try team.approvals("gus").approve(id, comment: nil) }
        try team.approvals("dora").approve(id, comment: "总监同意")
        #expect(try team.db.stored(LeadNumber(number)!).stage == "contract")
        #expect(try team.db.auditRows(entity: "approval", id: id).contains { $0.action == "approve" && $0.actor == "dora" })

        // The supervisor cannot give it themself, by moving or by winning over the stage.
        let other = try team.deal(budget: "600-800万")
        guard case .contractApprovalRequested(_, "dora", .director) = try team.leads("gus").move(other, to: "contract") else {
            Issue.record("gus approved a director's deal"); return
        }
        let third = try team.deal(budget: "600-800万")
        #expect(throws: ApprovalError.needsApproval(number: third, level: .director)) {
            try team.leads("gus").win(third, amount: Money(yuan: 6_000_000))
        }
        // The director moves it without asking anyone; the audit says who approved.
        guard case .moved = try team.leads("dora").move(third, to: "contract") else { Issue.record("dora had to ask"); return }
        #expect(try team.db.auditRows(entity: "lead").contains { $0.action == "contract-approved" && $0.actor == "dora" && $0.new == "director" })
    }

    @Test func withoutTheContractSettingOnlyTheAmountsAsk() throws {
        let team = try Team(contractStage: false)
        let small = try team.deal(budget: "30-50万")
        guard case .moved = try team.leads("gus").move(small, to: "contract") else { Issue.record("small deal needed approval"); return }
        let middle = try team.deal(budget: "200-300万")
        guard case .contractApprovalRequested(_, "gus", .supervisor) = try team.leads("hal").move(middle, to: "contract") else {
            Issue.record("a 300万 deal went in unapproved"); return
        }
    }
}
