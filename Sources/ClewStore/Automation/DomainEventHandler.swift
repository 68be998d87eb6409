import ClewDomain
import ClewServices
import Foundation

/// What acts on the events a service publishes, inside the service's transaction.
///
/// The services know only this port; `ClewAutomation.AutomationEngine` is the implementation a
/// running Clew uses, and a test may put its own in the context.
package protocol DomainEventHandler: Sendable {
    /// Acts on `event` for `lead` (as the change left it); returns the lead as the automation
    /// left it. `depth` is how many automated changes led here (a trigger that moved a stage…).
    func handle(_ event: DomainEvent, on lead: Lead, context: ClewContext, depth: Int, _ m: Mutation) throws -> Lead
}

/// Events that set nothing off: for tools that must change leads without any rule reacting
/// (and tests of a service alone).
package struct NoAutomation: DomainEventHandler {
    package init() {}

    package func handle(_ event: DomainEvent, on lead: Lead, context: ClewContext, depth: Int, _ m: Mutation) throws -> Lead { lead }
}

extension ClewContext {
    /// Publishes `event` in the transaction of `m`: the automation acts on it now, and the lead
    /// as it left it is returned.
    package func publish(_ event: DomainEvent, on lead: Lead, depth: Int = 0, _ m: Mutation) throws -> Lead {
        try eventHandler.handle(event, on: lead, context: self, depth: depth, m)
    }
}
