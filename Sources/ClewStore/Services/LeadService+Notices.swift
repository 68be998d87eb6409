import ClewDomain
import ClewServices
import Foundation
import GRDB

// The notices of seed 004 beside the rules that cause them: a regrade tells the owner, a deal
// entering a stage someone else owns tells that person.
extension LeadService {
    /// A supervisor changed a grade given before (重新分级): the owner hears why.
    func noticeRegrade(_ lead: Lead, from old: Grade, to new: Grade, reason: String, _ m: Mutation) throws {
        try m.notify(lead.owner, kind: "grade", text: "regraded", leadID: lead.id,
                     body: "\(actor.login) regraded \(lead.number) from \(old) to \(new): \(reason)",
                     parameters: [actor.login, lead.number.description, old.rawValue, new.rawValue, reason])
    }

    /// `lead` entered `stage`: whoever owns that stage (the lead's rep, or their supervisor for a
    /// supervisor's stage) hears of it unless they moved it themself.
    func noticeStageOwner(_ lead: Lead, entered stage: String, _ m: Mutation) throws {
        guard let definition = context.pipeline.stage(named: stage) else { return }
        let owner: String? = switch definition.owner {
        case .rep: lead.owner
        case .supervisor: try owningSupervisor(of: lead, m.db)
        }
        try m.notify(owner, kind: "stage-owner", leadID: lead.id,
                     body: "\(actor.login) moved \(lead.number) into \(definition.englishName), a stage you own",
                     parameters: [actor.login, lead.number.description, stage])
    }
}
