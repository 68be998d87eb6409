import ClewDomain
import ClewServices
import Foundation
import GRDB

// The notices of seed 004 beside the rules that cause them: a deal entering a stage someone else
// owns tells that person (a regrade's notice is `LeadGradingService`'s).
extension LeadService {
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
