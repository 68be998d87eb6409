import ClewDomain
import Foundation

/// What a session may do with leads: read one, register, edit, and take it through its life —
/// screening, assignment, the pipeline's stages, follow-ups, and the close. Every call checks
/// the acting user's permissions and runs as one audited transaction.
///
/// A lead is named by its number (`XL-20261108-001`). Edits that carry `expectedVersion` are
/// refused when a field they change was changed since that version (``StoreError/staleVersion(entity:changedBy:at:)``).
public protocol LeadUseCases: Sendable {
    /// The lead, when the actor may read it.
    func lead(_ number: String) throws -> Lead
    /// The lead with its follow-ups, notes, tasks, stage visits and audit trail.
    func detail(_ number: String) throws -> LeadDetail
    /// Registers a lead; a phone or email matching an open lead follows `duplicates`.
    func add(_ draft: LeadDraft, duplicates: DuplicateOption, language: ContactLanguage?, capturedAt: Date?) throws -> LeadAddResult
    /// Changes the fields `changes` sets and clears those in `clearing`.
    @discardableResult
    func edit(_ number: String, changes: LeadDraft, clearing: Set<LeadField>, expectedVersion: Int?) throws -> Lead
    /// Grades a lead in screening (A/B/C) with the reason.
    @discardableResult
    func grade(_ number: String, _ grade: Grade, reason: String, expectedVersion: Int?) throws -> Lead
    /// Assigns the lead to the rep `login`.
    @discardableResult
    func assign(_ number: String, to login: String, expectedVersion: Int?) throws -> Lead
    /// Assigns several leads in one transaction (all or nothing).
    @discardableResult
    func assign(_ assignments: [(number: String, login: String)]) throws -> [Lead]
    /// Confirms an assignment: the lead enters the pipeline's first stage.
    @discardableResult
    func confirm(_ number: String) throws -> Lead
    /// Claims a lead from a pool the actor may claim from.
    @discardableResult
    func claim(_ number: String) throws -> Lead
    /// Claims several leads from pools in one transaction (all or nothing).
    @discardableResult
    func claim(_ numbers: [String]) throws -> [Lead]
    /// Objects to an assignment; past the process's limit the objection goes to the supervisor.
    func objectOrAsk(_ number: String, reason: String) throws -> ObjectionOutcome
    /// Returns the lead to its pool, with the reason.
    @discardableResult
    func returnToPool(_ number: String, reason: String) throws -> Lead
    /// Moves an active lead to the stage `stageName`; a skip or the contract stage may need approval.
    func move(_ number: String, to stageName: String, reason: String?, expectedVersion: Int?) throws -> StageMoveOutcome
    /// Logs a structured follow-up; its next action becomes a task.
    func logFollowUp(_ number: String, _ draft: FollowUpDraft) throws -> FollowUpResult
    /// Adds a note; returns the logins it mentioned and notified.
    @discardableResult
    func addNote(_ number: String, body: String) throws -> [String]
    /// Wins the deal for `amount` (an amount beyond the rep's limit asks for approval first).
    @discardableResult
    func win(_ number: String, amount: Money, expectedVersion: Int?) throws -> Lead
    /// Loses the deal, for `reason`.
    @discardableResult
    func lose(_ number: String, reason: LostReason, expectedVersion: Int?) throws -> Lead
    /// Converts the lead into a customer, with a contact and an opportunity when asked.
    @discardableResult
    func convert(_ number: String, contact: Bool, opportunity: Bool, expectedVersion: Int?) throws -> LeadConversionSummary
}
