import ClewDomain
import Foundation

/// A lead's details over the ports (issue 9): editing its fields, recording behaviour events
/// and adding notes — each in one write transaction with its audit rows, and only what
/// ``ClewDomain/AccessPolicy`` allows the acting user. The rules (pick lists, scoring) are the
/// ones in force for the transaction.
///
/// ```swift
/// let details = LeadDetailsService(store: store, actor: me)
/// let edited = try details.edit("XL-20261203-001", changes: LeadDraft(city: "杭州"), expectedVersion: 4)
/// try details.addNote("XL-20261203-001", body: "客户要报价 @wang.fang")
/// ```
public struct LeadDetailsService: Sendable {
    let store: any ServiceStore
    /// The user the service acts for.
    public let actor: ActingUser

    public init(store: any ServiceStore, actor: ActingUser) {
        self.store = store
        self.actor = actor
    }

    /// Changes a lead's details: fields given in `changes` are set, fields in `clearing` emptied.
    /// A lead in `new` whose details are now complete goes to screening and through routing.
    ///
    /// - Parameter expectedVersion: the version the user edited; the edit is refused with
    ///   "changed by X at T" only when a field it changes was changed since.
    /// - Throws: ``ClewDomain/LeadValidationError``, ``ClewDomain/PickListError``,
    ///   ``DuplicateLeadError``, ``HiddenDuplicateError``, ``StoreError/staleVersion(entity:changedBy:at:)``,
    ///   ``ClewDomain/LifecycleError`` for a closed lead, `PermissionError`.
    public func edit(_ number: String, changes: LeadDraft, clearing: Set<LeadField> = [], expectedVersion: Int? = nil) throws -> Lead {
        try store.write(as: actor) { tx in
            let lead = try tx.requireLead(number, for: .edit, by: actor, expectedVersion: expectedVersion)
            guard !lead.status.isClosed else { throw LifecycleError.illegalTransition(event: .completeDetails, from: lead.status) }
            // Only what this edit sets is held to the pick lists: an older value stays editable around.
            let changes = try tx.rules.process.checkingPickLists(changes)
            var draft = lead.details
            for field in LeadField.allCases {
                if clearing.contains(field) { draft[field] = nil }
                if let value = changes[field] { draft[field] = value }
            }
            let checked = try draft.validate(latestFounded: tx.rules.year(of: tx.now))
            let keysChanged = checked.phone?.normalized != lead.phoneKey || checked.email?.normalized != lead.emailKey
            if keysChanged, let duplicate = try DuplicateLookup.refusal(of: checked, in: tx.leads, excluding: lead.id, by: actor) {
                throw duplicate
            }
            var updated = lead
            updated.details = checked.fields
            let score: LeadScore
            (updated, score) = try LeadRescoring.rescored(updated, tx)
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
            let edited = try tx.leads.update(lead, to: updated, as: .edit, storing: [.scoreParts(score.storedParts)])
            return lead.status == .new ? try tx.publish(.readyForRouting, on: edited) : edited
        }
    }

    /// Records a behaviour event (`inbound_contact`, `repeated_interest`, or any the scoring
    /// model names) and rescores the lead (``LeadRescoring/recordEvent(_:on:_:)``).
    ///
    /// - Throws: ``ClewDomain/LeadError/unknownEvent(_:known:suggestion:)`` for an event the
    ///   scoring model does not know, ``ClewDomain/LeadError/closed(number:status:work:)``.
    @discardableResult
    public func recordEvent(_ number: String, event: String) throws -> Lead {
        // Refused before the write lock is waited for; checked again under the rules the write runs with.
        try Self.checkKnown(event, try store.read { $0.rules })
        return try store.write(as: actor) { tx in
            try Self.checkKnown(event, tx.rules)
            let lead = try tx.requireLead(number, for: .edit, by: actor)
            guard !lead.status.isClosed else { throw LeadError.closed(number: lead.number.description, status: lead.status, work: .event) }
            return try LeadRescoring.recordEvent(event, on: lead, tx)
        }
    }

    /// Refuses an event the scoring model of `rules` does not name, offering the closest.
    private static func checkKnown(_ event: String, _ rules: ProcessRules) throws {
        let known = rules.process.scoring.events.map(\.event)
        guard known.contains(event) else {
            throw LeadError.unknownEvent(event, known: known, suggestion: Suggestion.closest(to: event, in: known))
        }
    }

    /// Adds a note; `@login` mentions put it in those active users' inboxes (a login that names
    /// nobody refuses the note, offering the closest).
    ///
    /// - Returns: the logins notified.
    /// - Throws: ``ClewDomain/LeadError/emptyNote``, ``ClewDomain/MentionError/unknownLogin(_:suggestion:)``.
    @discardableResult
    public func addNote(_ number: String, body: String) throws -> [String] {
        let text = TextNormalization.trimmed(body)
        guard !text.isEmpty else { throw LeadError.emptyNote }
        return try store.write(as: actor) { tx in
            let lead = try tx.requireLead(number, for: .note, by: actor)
            let mentioned = Mentions.logins(in: text)
            try Mentions.requireKnown(mentioned, tx.users)
            let note = try tx.leads.addNote(text, kind: .note, toLead: lead.id)
            var notified: [String] = []
            for login in mentioned where login != actor.login {
                guard let user = try tx.users.profile(login: login), user.isActive else { continue }
                try tx.notify(login, kind: "mention", leadID: lead.id, body: "\(actor.login) on \(lead.number): \(text)",
                              parameters: [actor.login, lead.number.description, text])
                notified.append(login)
            }
            // After the notices (and the reminders they forward), as the trail has always read.
            try tx.leads.record(.note, field: "note", value: String(note), onLead: lead.id)
            return notified
        }
    }
}
