import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Everything a user does to leads, each in one transaction with its audit rows, and only what
/// ``AccessPolicy`` allows the acting user.
///
/// ```swift
/// let leads = LeadService(context: context, actor: me)
/// let added = try leads.add(draft)
/// try leads.grade(added.lead.number.description, .a, reason: "预算明确")
/// ```
public struct LeadService: Sendable {
    let context: ClewContext
    /// The user the service acts for.
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    // MARK: - Registering

    /// The old name of ``DuplicateOption``, for callers of the service.
    public typealias DuplicateOption = ClewServices.DuplicateOption

    /// The old name of ``LeadAddResult``, for callers of the service.
    public typealias AddResult = ClewServices.LeadAddResult

    /// Registers a lead. A complete lead starts in `screening`, an incomplete one in `new`.
    /// A phone or email matching an existing lead follows ``ClewDomain/DuplicatePolicy``: an open
    /// lead refuses it (naming the lead only when the registrant can see it), a won or lost lead
    /// links the new one to it.
    ///
    /// ``ClewServices/LeadRegistrationService/add(_:duplicates:language:capturedAt:)`` on this database.
    ///
    /// - Parameter language: the contact's language (nil: the process file's default).
    /// - Throws: ``LeadValidationError``, ``DuplicateLeadError``, ``HiddenDuplicateError``, ``PermissionError``.
    public func add(_ draft: LeadDraft, duplicates: DuplicateOption = .refuse, language: ContactLanguage? = nil,
                    capturedAt: Date? = nil) throws -> AddResult {
        try LeadRegistrationService(context: context, actor: actor).add(draft, duplicates: duplicates, language: language, capturedAt: capturedAt)
    }

    /// ``add(_:duplicates:language:capturedAt:)`` inside the caller's transaction `m` (the intake
    /// server registers a post and keeps its own rows in one transaction); nil when the lead
    /// matched an open lead hidden from the actor (its supervisor was told, in `m`).
    func register(_ checked: ValidatedLead, duplicates: DuplicateOption, language: ContactLanguage?, capturedAt: Date? = nil,
                  _ m: Mutation) throws -> AddResult? {
        try LeadRegistrationService.register(checked, duplicates: duplicates, language: language, capturedAt: capturedAt, by: actor,
                                             context.transaction(m))
    }

    // MARK: - Editing

    /// Changes a lead's details: fields given in `changes` are set, fields in `clearing` emptied
    /// (``ClewServices/LeadDetailsService/edit(_:changes:clearing:expectedVersion:)`` on this database).
    ///
    /// - Parameter expectedVersion: the version the user edited; a newer one in the database
    ///   refuses the edit with "changed by X at T".
    public func edit(_ number: String, changes: LeadDraft, clearing: Set<LeadField> = [], expectedVersion: Int? = nil) throws -> Lead {
        try details.edit(number, changes: changes, clearing: clearing, expectedVersion: expectedVersion)
    }

    /// Records a behaviour event (`inbound_contact`, `repeated_interest`, or any the scoring
    /// model names) and rescores the lead.
    ///
    /// - Throws: ``ClewDomain/LeadError/unknownEvent(_:known:suggestion:)`` for an event the scoring model does not know.
    @discardableResult
    public func recordEvent(_ number: String, event: String) throws -> Lead {
        try details.recordEvent(number, event: event)
    }

    /// Adds a note; `@login` mentions put it in those users' inboxes.
    @discardableResult
    public func addNote(_ number: String, body: String) throws -> [String] {
        try details.addNote(number, body: body)
    }

    /// The details' use cases over the ports (``ClewServices/LeadDetailsService``), on this database.
    private var details: LeadDetailsService { LeadDetailsService(context: context, actor: actor) }
}

/// Notes on leads (free text, grade reasons, merge conflicts).
package enum Notes {
    package static func insert(_ leadID: Int64, kind: NoteKind, body: String, _ m: Mutation) throws -> Int64 {
        try m.db.execute(sql: "INSERT INTO note (lead_id, author, kind, body, created_at) VALUES (?, ?, ?, ?, ?)",
                         arguments: [leadID, m.actor.login, kind.rawValue, body, m.now.storage])
        return m.db.lastInsertedRowID
    }
}
