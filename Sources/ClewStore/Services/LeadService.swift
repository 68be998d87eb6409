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
    /// - Parameter language: the contact's language (nil: the process file's default).
    /// - Throws: ``LeadValidationError``, ``DuplicateLeadError``, ``HiddenDuplicateError``, ``PermissionError``.
    public func add(_ draft: LeadDraft, duplicates: DuplicateOption = .refuse, language: ContactLanguage? = nil,
                    capturedAt: Date? = nil) throws -> AddResult {
        try AccessPolicy.check(.registerLeads, actor)
        let checked = try context.process.checkingPickLists(draft).validate(latestFounded: context.currentYear)
        // A hidden match is refused after the transaction commits, so its supervisor's notice stays.
        let result = try context.mutate(as: actor) { m in
            try register(checked, duplicates: duplicates, language: language, capturedAt: capturedAt, m)
        }
        guard let result else { throw HiddenDuplicateError() }
        return result
    }

    /// ``add(_:duplicates:language:)`` inside the caller's transaction `m` (the intake server
    /// registers a post and keeps its own rows in one transaction); nil when the lead matched an
    /// open lead hidden from the actor (its supervisor was told, in `m`).
    func register(_ checked: ValidatedLead, duplicates: DuplicateOption, language: ContactLanguage?, capturedAt: Date? = nil,
                  _ m: Mutation) throws -> AddResult? {
        try AccessPolicy.check(.registerLeads, actor)
        try LeadCapture.check(capturedAt, now: m.now)
        if case let .mergeInto(target) = duplicates {
            let existing = try LeadLookup.require(m.db, target, for: .edit, by: actor)
            if existing.status == .merged {
                throw LeadError.merged(number: existing.number.description, into: existing.mergedInto?.description)
            }
            guard !existing.status.isClosed else {
                throw LeadError.closed(number: existing.number.description, status: existing.status, work: .details)
            }
            let merged = try LeadMerging.absorb(checked.fields, from: "a new registration", into: existing, m)
            let rescored = try LeadRescoring.recordEvent("repeated_interest", on: merged, context.transaction(m))
            // Details that completed a new lead send it through routing like any new registration.
            let routed = existing.status == .new ? try context.publish(.readyForRouting, on: rescored, m) : rescored
            return AddResult(lead: routed, merged: true)
        }
        var flags: Set<LeadFlag> = []
        var previous: Lead?
        if let match = try DuplicateLookup.match(checked, in: SQLiteLeads(db: m.db)) {
            switch DuplicatePolicy.decide(DuplicatePolicy.Match(match.lead.accessFacts, by: actor)) {
            case .register: break
            case .refuseNaming:
                guard duplicates == .allow else { throw match.error }
                flags.insert(.possibleDuplicate)
            case .refuseHidden:
                try DuplicateNotice.tellSupervisor(of: match.lead, field: match.error.field, m)
                return nil
            case .repeatPurchase, .followLostLead:
                previous = match.lead
            }
        }
        if checked.phone?.looksFake == true { flags.insert(.fakePhone) }
        if let capturedAt, context.process.screening.isLateRegistration(capturedAt: capturedAt, registeredAt: m.now, calendar: context.calendar) {
            flags.insert(.lateRegistration)
        }
        let number = try LeadNumbering.next(m.db, at: m.now, in: context.calendar.timeZone)
        let score = context.process.scoring.score(checked.fields)
        let lead = Lead(
            id: 0, number: number, status: checked.initialStatus, suggestedGrade: score.suggestedGrade,
            score: score.total, details: checked.fields,
            phoneKey: checked.phone?.normalized, emailKey: checked.email?.normalized, flags: flags,
            createdBy: actor.login, createdAt: m.now, updatedBy: actor.login, updatedAt: m.now,
            statusChangedAt: m.now, contactLanguage: language
        )
        var inserted = try m.insert(lead)
        if let capturedAt {
            try LeadCapture.record(capturedAt, leadID: inserted.id, m)
            inserted.capturedAt = capturedAt
        }
        try LeadScoring.storeBreakdown(score, leadID: inserted.id, m.db)
        if let previous { inserted = try DuplicateNotice.link(inserted, to: previous, m) }
        return AddResult(lead: try context.publish(.readyForRouting, on: inserted, m), merged: false)
    }

    // MARK: - Editing

    /// Changes a lead's details: fields given in `changes` are set, fields in `clearing` emptied.
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
    private var details: LeadDetailsService { LeadDetailsService(store: SQLiteServiceStore(context: context), actor: actor) }
}

/// Notes on leads (free text, grade reasons, merge conflicts).
package enum Notes {
    package static func insert(_ leadID: Int64, kind: String, body: String, _ m: Mutation) throws -> Int64 {
        try m.db.execute(sql: "INSERT INTO note (lead_id, author, kind, body, created_at) VALUES (?, ?, ?, ?, ?)",
                         arguments: [leadID, m.actor.login, kind, body, m.now.storage])
        return m.db.lastInsertedRowID
    }
}
