import ClewDomain
import Foundation

/// Grading leads in screening over the ports (issue 9): A/B/C with the reason (筛选理由), kept
/// as a note beside the score's suggestion, in one write transaction with its audit rows.
///
/// ```swift
/// let grading = LeadGradingService(store: store, actor: supervisor)
/// try grading.grade("XL-20261203-001", .a, reason: "预算明确，决策人已接触")
/// ```
public struct LeadGradingService: Sendable {
    let store: any ServiceStore
    /// The user the service acts for.
    public let actor: ActingUser

    public init(store: any ServiceStore, actor: ActingUser) {
        self.store = store
        self.actor = actor
    }

    /// Grades a lead A/B/C with `reason`. A changed grade publishes
    /// ``ClewDomain/DomainEvent/graded``; a regrade (重新分级) tells the owner why.
    ///
    /// - Parameter expectedVersion: the version the grader saw; the grade is refused only when
    ///   it was changed since.
    /// - Throws: ``ClewDomain/LeadError/reasonRequired(_:)``, ``ClewDomain/LeadError/closed(number:status:work:)``,
    ///   ``StoreError/staleVersion(entity:changedBy:at:)``, `PermissionError` (screening is a
    ///   supervisor's or an admin's).
    @discardableResult
    public func grade(_ number: String, _ grade: Grade, reason: String, expectedVersion: Int? = nil) throws -> Lead {
        let reason = try Reasons.require(reason, for: .grading)
        return try store.write(as: actor) { tx in
            let lead = try tx.requireLead(number, for: .grade, by: actor, expectedVersion: expectedVersion)
            guard !lead.status.isClosed else {
                throw LeadError.closed(number: lead.number.description, status: lead.status, work: .grading)
            }
            var updated = lead
            updated.grade = grade
            _ = try tx.leads.addNote("\(grade): \(reason)", kind: .grade, toLead: lead.id)
            try tx.leads.record(.gradeReason, field: "grade_reason", value: reason, onLead: lead.id)
            let graded = try tx.leads.update(lead, to: updated, as: .grade, storing: [])
            guard lead.grade != grade else { return graded }
            if let old = lead.grade, let owner = lead.owner {
                try tx.notify(owner, kind: "grade", text: "regraded", leadID: lead.id,
                              body: "\(actor.login) regraded \(lead.number) from \(old) to \(grade): \(reason)",
                              parameters: [actor.login, lead.number.description, old.rawValue, grade.rawValue, reason])
            }
            return try tx.publish(.graded, on: graded)
        }
    }
}
