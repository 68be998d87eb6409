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
            let rescored = try LeadScoring.recordEvent("repeated_interest", on: merged, context: context, m)
            // Details that completed a new lead send it through routing like any new registration.
            let routed = existing.status == .new ? try context.publish(.readyForRouting, on: rescored, m) : rescored
            return AddResult(lead: routed, merged: true)
        }
        var flags: Set<LeadFlag> = []
        var previous: Lead?
        if let match = try Self.matchingLead(checked, m.db) {
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

    /// The existing lead with the same normalised phone or email (a merged tombstone followed to
    /// the lead it was merged into), with the refusal naming it.
    static func matchingLead(_ lead: ValidatedLead, _ db: Database, excluding id: Int64? = nil) throws -> (lead: Lead, error: DuplicateLeadError)? {
        for (key, column, label) in [(lead.phone?.normalized, "phone_key", "phone"), (lead.email?.normalized, "email_key", "email")] {
            guard let key else { continue }
            let sql = "SELECT \(Lead.selection) FROM lead WHERE \(column) = ? AND id != ? ORDER BY status = 'merged', id LIMIT 1"
            guard var found = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [key, id ?? -1]).map(Lead.init(row:)) else { continue }
            var hops = 0
            while found.status == .merged, let target = found.mergedInto, hops < 16, let next = try LeadLookup.fetch(db, number: target) {
                found = next
                hops += 1
            }
            if let id, found.id == id { continue }
            let shown = (label == "phone" ? found.details.phone : found.details.email) ?? key
            return (found, DuplicateLeadError(number: found.number.description, owner: found.owner, field: label, value: shown))
        }
        return nil
    }

    /// The refusal for a match with an open lead the actor can see (edits: any lead they can
    /// see; a hidden one is refused without naming it).
    static func duplicate(of lead: ValidatedLead, _ db: Database, excluding id: Int64? = nil, by actor: ActingUser) throws -> (any Error)? {
        guard let match = try matchingLead(lead, db, excluding: id) else { return nil }
        switch DuplicatePolicy.decide(DuplicatePolicy.Match(match.lead.accessFacts, by: actor)) {
        case .register, .repeatPurchase, .followLostLead: return nil
        case .refuseNaming: return match.error
        case .refuseHidden: return HiddenDuplicateError()
        }
    }

    // MARK: - Editing

    /// Changes a lead's details: fields given in `changes` are set, fields in `clearing` emptied.
    ///
    /// - Parameter expectedVersion: the version the user edited; a newer one in the database
    ///   refuses the edit with "changed by X at T".
    public func edit(_ number: String, changes: LeadDraft, clearing: Set<LeadField> = [], expectedVersion: Int? = nil) throws -> Lead {
        try context.mutate(as: actor) { m in
            let lead = try LeadLookup.require(m, number, for: .edit, expectedVersion: expectedVersion)
            guard !lead.status.isClosed else { throw LifecycleError.illegalTransition(event: .completeDetails, from: lead.status) }
            // Only what this edit sets is held to the pick lists: an older value stays editable around.
            let changes = try context.process.checkingPickLists(changes)
            var draft = lead.details
            for field in LeadField.allCases {
                if clearing.contains(field) { draft[field] = nil }
                if let value = changes[field] { draft[field] = value }
            }
            let checked = try draft.validate(latestFounded: context.currentYear)
            let keysChanged = checked.phone?.normalized != lead.phoneKey || checked.email?.normalized != lead.emailKey
            if keysChanged, let duplicate = try Self.duplicate(of: checked, m.db, excluding: lead.id, by: actor) { throw duplicate }
            var updated = lead
            updated.details = checked.fields
            let score: LeadScore
            (updated, score) = try LeadScoring.rescored(updated, context: context, m.db)
            updated.phoneKey = checked.phone?.normalized
            updated.emailKey = checked.email?.normalized
            if checked.phone?.looksFake == true { updated.flags.insert(.fakePhone) } else { updated.flags.remove(.fakePhone) }
            if lead.status != .new && !checked.missingForScreening.isEmpty {
                throw LeadValidationError.missing(checked.missingForScreening)
            }
            if lead.status == .new && checked.initialStatus == .screening {
                updated.status = try LeadLifecycle.next(after: .completeDetails, from: .new)
            }
            // Saving an unchanged form changes nothing, and so writes no (empty) audit row.
            if updated == lead { return lead }
            let edited = try m.update(lead, to: updated, action: "edit", also: ["score_parts": score.storedParts])
            return lead.status == .new ? try context.publish(.readyForRouting, on: edited, m) : edited
        }
    }

    /// Records a behaviour event (`inbound_contact`, `repeated_interest`, or any the scoring
    /// model names) and rescores the lead.
    ///
    /// - Throws: ``ClewDomain/LeadError/unknownEvent(_:known:suggestion:)`` for an event the scoring model does not know.
    @discardableResult
    public func recordEvent(_ number: String, event: String) throws -> Lead {
        let known = context.process.scoring.events.map(\.event)
        guard known.contains(event) else {
            throw LeadError.unknownEvent(event, known: known, suggestion: Suggestion.closest(to: event, in: known))
        }
        return try context.mutate(as: actor) { m in
            let lead = try LeadLookup.require(m.db, number, for: .edit, by: actor)
            guard !lead.status.isClosed else { throw LeadError.closed(number: lead.number.description, status: lead.status, work: .event) }
            return try LeadScoring.recordEvent(event, on: lead, context: context, m)
        }
    }

    /// Adds a note; `@login` mentions put it in those users' inboxes.
    @discardableResult
    public func addNote(_ number: String, body: String) throws -> [String] {
        let text = TextNormalization.trimmed(body)
        guard !text.isEmpty else { throw LeadError.emptyNote }
        return try context.mutate(as: actor) { m in
            let lead = try LeadLookup.require(m.db, number, for: .note, by: actor)
            let mentioned = Mentions.logins(in: text)
            try Mentions.requireKnown(mentioned, m.db)
            let id = try Notes.insert(lead.id, kind: "note", body: text, m)
            var notified: [String] = []
            for login in mentioned where login != actor.login {
                guard let user = try UserDirectory.profile(m.db, login: login), user.isActive else { continue }
                try m.notify(login, kind: "mention", leadID: lead.id, body: "\(actor.login) on \(lead.number): \(text)",
                             parameters: [actor.login, lead.number.description, text])
                notified.append(login)
            }
            try m.audit("note", entity: "lead", id: lead.id, field: "note", new: String(id))
            return notified
        }
    }
}

/// `@login` mentions in note text.
enum Mentions {
    /// Refuses the first of `logins` that names no user at all (a typo), offering the closest
    /// active login; a deactivated user's mention is skipped, not refused.
    static func requireKnown(_ logins: [String], _ db: Database) throws {
        guard !logins.isEmpty else { return }
        let users = try Row.fetchAll(db, sql: "SELECT login, active FROM user")
        let known = Set(users.map { $0["login"] as String })
        guard let unknown = logins.first(where: { !known.contains($0) }) else { return }
        let active = users.filter { $0["active"] as Bool }.map { $0["login"] as String }
        throw MentionError.unknownLogin(unknown, suggestion: Suggestion.closest(to: unknown, in: active))
    }

    static func logins(in text: String) -> [String] {
        var result: [String] = []
        var iterator = text.makeIterator()
        var previous: Character = " "
        var current: String?
        while let character = iterator.next() {
            if var login = current {
                if character.isASCII && (character.isLetter || character.isNumber || "._-".contains(character)) {
                    login.append(character)
                    current = login
                    continue
                }
                if !login.isEmpty && !result.contains(login) { result.append(login) }
                current = nil
            }
            if character == "@" && !(previous.isASCII && (previous.isLetter || previous.isNumber)) { current = "" }
            previous = character
        }
        if let login = current, !login.isEmpty, !result.contains(login) { result.append(login) }
        return result.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".-")) }
    }
}

/// Notes on leads (free text, grade reasons, merge conflicts).
package enum Notes {
    package static func insert(_ leadID: Int64, kind: String, body: String, _ m: Mutation) throws -> Int64 {
        try m.db.execute(sql: "INSERT INTO note (lead_id, author, kind, body, created_at) VALUES (?, ?, ?, ?, ?)",
                         arguments: [leadID, m.actor.login, kind, body, m.now.storage])
        return m.db.lastInsertedRowID
    }
}
