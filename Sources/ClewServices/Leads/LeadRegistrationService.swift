import ClewDomain
import Foundation

/// Registering leads over the ports (issue 9): validation under the pick lists in force, the
/// day's next number, scoring, duplicates as ``ClewDomain/DuplicatePolicy`` decides them, and
/// routing — in one write transaction with its audit rows.
///
/// ```swift
/// let registration = LeadRegistrationService(store: store, actor: me)
/// let added = try registration.add(LeadDraft(customer: "杭州恒通科技有限公司", contact: "王伟", phone: "13812345678"))
/// ```
public struct LeadRegistrationService: Sendable {
    let store: any ServiceStore
    /// The user the service acts for.
    public let actor: ActingUser

    public init(store: any ServiceStore, actor: ActingUser) {
        self.store = store
        self.actor = actor
    }

    /// How far ahead of now a capture time may be (clock skew between the capturing device and
    /// the server).
    public static let captureSkew: TimeInterval = 60

    /// Registers a lead. A complete lead starts in `screening`, an incomplete one in `new`.
    /// A phone or email matching an existing lead follows ``ClewDomain/DuplicatePolicy``: an open
    /// lead refuses it (naming the lead only when the registrant can see it), a won or lost lead
    /// links the new one to it.
    ///
    /// - Parameters:
    ///   - language: the contact's language (nil: the process file's default).
    ///   - capturedAt: when the lead was captured, if earlier than now (获取时间).
    /// - Throws: ``ClewDomain/LeadValidationError``, ``ClewDomain/PickListError``,
    ///   ``DuplicateLeadError``, ``HiddenDuplicateError`` (after the hidden lead's supervisor was
    ///   told, which stays), ``ClewDomain/LeadCaptureError``, `PermissionError`.
    public func add(_ draft: LeadDraft, duplicates: DuplicateOption = .refuse, language: ContactLanguage? = nil,
                    capturedAt: Date? = nil) throws -> LeadAddResult {
        try AccessPolicy.check(.registerLeads, actor)
        // Bad details are refused before the write lock is waited for (an import may hold it);
        // the write checks them again under the rules it runs with.
        let now = store.now
        _ = try Self.validated(draft, try store.read { $0.rules }, at: now)
        // A hidden match is refused after the transaction commits, so its supervisor's notice stays.
        let result = try store.write(as: actor) { tx in
            let checked = try Self.validated(draft, tx.rules, at: tx.now)
            return try Self.register(checked, duplicates: duplicates, language: language, capturedAt: capturedAt, by: actor, tx)
        }
        guard let result else { throw HiddenDuplicateError() }
        return result
    }

    /// `draft` held to the pick lists and validated under `rules` at `now`.
    private static func validated(_ draft: LeadDraft, _ rules: ProcessRules, at now: Date) throws -> ValidatedLead {
        try rules.process.checkingPickLists(draft).validate(latestFounded: rules.year(of: now))
    }

    /// ``add(_:duplicates:language:capturedAt:)`` of validated details inside the caller's
    /// transaction `tx` (the intake server registers a post and keeps its own rows in one
    /// transaction); nil when the lead matched an open lead hidden from `actor` (its supervisor
    /// was told, in `tx`).
    public static func register(_ checked: ValidatedLead, duplicates: DuplicateOption, language: ContactLanguage?, capturedAt: Date? = nil,
                                by actor: ActingUser, _ tx: any StoreTransaction) throws -> LeadAddResult? {
        precondition(tx.actor?.login == actor.login, "registering as \(actor.login) in \(tx.actor?.login ?? "a read")'s transaction")
        try AccessPolicy.check(.registerLeads, actor)
        if let capturedAt, capturedAt > tx.now.addingTimeInterval(captureSkew) { throw LeadCaptureError.inFuture(capturedAt) }
        let rules = tx.rules
        if case let .mergeInto(target) = duplicates {
            let existing = try tx.requireLead(target, for: .edit, by: actor)
            if existing.status == .merged {
                throw LeadError.merged(number: existing.number.description, into: existing.mergedInto?.description)
            }
            guard !existing.status.isClosed else {
                throw LeadError.closed(number: existing.number.description, status: existing.status, work: .details)
            }
            let merged = try DetailsMerge.absorb(checked.fields, from: "a new registration", into: existing, tx)
            let rescored = try LeadRescoring.recordEvent("repeated_interest", on: merged, tx)
            // Details that completed a new lead send it through routing like any new registration.
            let routed = existing.status == .new ? try tx.publish(.readyForRouting, on: rescored) : rescored
            return LeadAddResult(lead: routed, merged: true)
        }
        var flags: Set<LeadFlag> = []
        var previous: Lead?
        if let match = try DuplicateLookup.match(checked, in: tx.leads) {
            switch DuplicatePolicy.decide(DuplicatePolicy.Match(match.lead.accessFacts, by: actor)) {
            case .register: break
            case .refuseNaming:
                guard duplicates == .allow else { throw match.error }
                flags.insert(.possibleDuplicate)
            case .refuseHidden:
                try DuplicateNotice.tellSupervisor(of: match.lead, field: match.error.field, tx)
                return nil
            case .repeatPurchase, .followLostLead:
                previous = match.lead
            }
        }
        if checked.phone?.looksFake == true { flags.insert(.fakePhone) }
        if let capturedAt, rules.process.screening.isLateRegistration(capturedAt: capturedAt, registeredAt: tx.now, calendar: rules.calendar) {
            flags.insert(.lateRegistration)
        }
        let number = try tx.leads.nextNumber(on: CalendarDay.containing(tx.now, in: rules.calendar.timeZone))
        let score = rules.process.scoring.score(checked.fields)
        let lead = Lead(
            id: 0, number: number, status: checked.initialStatus, suggestedGrade: score.suggestedGrade,
            score: score.total, details: checked.fields,
            phoneKey: checked.phone?.normalized, emailKey: checked.email?.normalized, flags: flags,
            createdBy: actor.login, createdAt: tx.now, updatedBy: actor.login, updatedAt: tx.now,
            statusChangedAt: tx.now, contactLanguage: language, capturedAt: capturedAt
        )
        var inserted = try tx.leads.insert(lead, storing: [.scoreParts(score.storedParts)])
        if let previous { inserted = try DuplicateNotice.link(inserted, to: previous, tx) }
        return LeadAddResult(lead: try tx.publish(.readyForRouting, on: inserted), merged: false)
    }
}
