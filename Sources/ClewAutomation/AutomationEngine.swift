import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// The automation layer's answer to each ``ClewDomain/DomainEvent``: the process file's
/// triggers, the grade's cadence, routing, keyword tags.
///
/// A running Clew puts one in its ``ClewStore/ClewContext`` (`ClewContext(database:automation:)`);
/// the services publish events to it inside their transactions and never call it by name.
public struct AutomationEngine: DomainEventHandler {
    public init() {}

    package func handle(_ event: DomainEvent, on lead: Lead, context: ClewContext, depth: Int, _ m: Mutation) throws -> Lead {
        switch event {
        case .readyForRouting:
            return try Routing.route(lead, context: context, m)
        case .graded:
            if lead.owner != nil { try Cadences.restart(lead, context: context, m) }
            return try Triggers.fire(.gradeChanged, on: lead, context: context, m, depth: depth)
        case .suggestionChanged:
            if lead.owner != nil { try Cadences.restart(lead, context: context, m) }
            return lead
        case .handedTo:
            try Cadences.restart(lead, context: context, m)
            return lead
        case .objected:
            try Cadences.cancelPending(leadID: lead.id, m)
            return lead
        case let .enteredStage(stage):
            return try Triggers.fire(.stageEntered(stage), on: lead, context: context, m, depth: depth)
        case let .leftStage(stage):
            return try Triggers.fire(.stageLeft(stage), on: lead, context: context, m, depth: depth)
        case .contractSigned:
            return try Triggers.fire(.contractSigned, on: lead, context: context, m, depth: depth)
        case .won:
            return try Triggers.fire(.leadWon, on: lead, context: context, m, depth: depth)
        case .lost:
            return try Triggers.fire(.leadLost, on: lead, context: context, m, depth: depth)
        case let .followedUp(method, text):
            try Cadences.followUpLogged(lead, method: method, context: context, m)
            return try KeywordTagging.apply(to: lead, text: text, context: context, m)
        case let .taskCompleted(id):
            try Cadences.advance(afterTask: id, context: context, m)
            return lead
        }
    }
}
