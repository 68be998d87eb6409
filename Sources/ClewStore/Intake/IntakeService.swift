import ClewDomain
import ClewServices
import Foundation
import GRDB

/// What the intake server does with a post, over the store: a lead registered exactly as
/// `clew lead add` registers it (``LeadService/add(_:duplicates:language:)``, the same duplicate
/// policy, scoring and routing; a match with an open lead the intake's user may edit takes the
/// details in, as an import does), the consent kept with the lead, an audit row naming the
/// token, and the answer kept for an `Idempotency-Key`.
///
/// `actor` is the Clew user the server runs as (its OS account); every row it writes names the
/// token as `via`.
public struct IntakeService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// How long a post may hold its `Idempotency-Key` before a retry may take it over (a post
    /// that died mid-way leaves its key pending).
    public static let pendingLifetime: TimeInterval = 60
    /// The longest `Idempotency-Key`.
    public static let maximumKeyLength = 200

    /// Registers `form` from `token` and answers as ``ClewDomain/IntakeAnswer`` decides. With an
    /// `idempotencyKey`, a retry of the same post (same `fingerprint`) gets the first answer.
    ///
    /// One write transaction does it all: the key's check, the lead (``LeadService/add(_:duplicates:language:)``'s
    /// steps), the consent, the custom fields, the intake's audit row and the answer kept for the
    /// key — so a `201` is answered only for a post whose every row is committed, and a crash
    /// leaves either all of them or none (the retry then registers it afresh).
    ///
    /// - Throws: ``IntakeRequestError`` for a key reused with another body or still in use;
    ///   ``LeadValidationError`` and the store's errors (nothing is written then).
    public func submit(_ form: IntakeForm, token: IntakeToken, idempotencyKey: String? = nil, fingerprint: String = "") throws -> IntakeAnswer {
        try AccessPolicy.check(.registerLeads, actor)
        let checked = form.isSpam ? nil : try context.process.checkingPickLists(form.draft).validate(latestFounded: context.currentYear)
        return try context.mutate(as: acting(for: token)) { m in
            try submit(form, checked: checked, token: token, idempotencyKey: idempotencyKey, fingerprint: fingerprint, m)
        }
    }

    /// ``submit(_:token:idempotencyKey:fingerprint:)``'s steps in the transaction `m` (whose
    /// actor names `token`); `checked` is the form's validated lead (nil for spam).
    func submit(_ form: IntakeForm, checked: ValidatedLead?, token: IntakeToken, idempotencyKey: String?, fingerprint: String,
                _ m: Mutation) throws -> IntakeAnswer {
        if let idempotencyKey, let earlier = try reserve(idempotencyKey, fingerprint: fingerprint, token: token, m) { return earlier }
        let (outcome, leadID) = try checked.map { try register($0, token: token, m) } ?? (.discarded, nil)
        let answer = IntakeAnswer.decide(outcome, publicToken: token.isPublic, redirect: form.redirect)
        try complete(outcome, leadID: leadID, form: form, answer: answer, token: token, m)
        if let idempotencyKey { try keep(answer, for: idempotencyKey, fingerprint: fingerprint, token: token, m) }
        return answer
    }

    /// Records `request` (an event `count` times) on its lead and returns the rescored lead.
    ///
    /// - Throws: ``ClewDomain/PermissionError/notVisible(_:)`` when no lead matches (or the
    ///   intake's user may not see it), ``LeadError/closed(number:status:work:)`` for a closed lead.
    @discardableResult
    public func recordEvent(_ request: IntakeEventRequest, token: IntakeToken) throws -> Lead {
        let number = try leadNumber(for: request.lead)
        let leads = LeadService(context: context, actor: acting(for: token))
        var lead = try leads.recordEvent(number, event: request.event)
        for _ in 1..<request.count { lead = try leads.recordEvent(number, event: request.event) }
        return lead
    }

    // MARK: - Registering

    /// The intake's user, with the token named on every row it writes.
    func acting(for token: IntakeToken) -> ActingUser {
        var acting = actor
        acting.impersonator = token.label
        return acting
    }

    /// What became of the post, and the id of the lead it went into: registered as `lead add`
    /// registers it; an open lead the intake's user can see and edit takes the details in (the
    /// person came back); one it may see but not edit, or may not see, is referred to its
    /// supervisor. Each attempt runs in a savepoint, so a refused one leaves nothing behind.
    private func register(_ lead: ValidatedLead, token: IntakeToken, _ m: Mutation) throws -> (IntakeOutcome, Int64?) {
        let leads = LeadService(context: context, actor: m.actor)
        do {
            guard let added = try savepoint(m, { try leads.register(lead, duplicates: .refuse, language: nil, m) }) else { return (.referred, nil) }
            return (added.merged ? .merged(added.lead.number) : .created(added.lead.number), added.lead.id)
        } catch let duplicate as DuplicateLeadError {
            do {
                guard let merged = try savepoint(m, { try leads.register(lead, duplicates: .mergeInto(duplicate.number), language: nil, m) }) else {
                    return (.referred, nil)
                }
                return (.merged(merged.lead.number), merged.lead.id)
            } catch is PermissionError {
                try tellSupervisor(about: duplicate, m)
                return (.referred, nil)
            }
        }
    }

    /// `body` in a savepoint of `m`'s transaction: rolled back to where it started when it throws.
    func savepoint<T>(_ m: Mutation, _ body: () throws -> T) throws -> T {
        var result: T?
        try m.db.inSavepoint {
            result = try body()
            return .commit
        }
        guard let result else { throw StoreError.storageFailed("the intake's savepoint produced nothing") }
        return result
    }

    /// A visible lead the intake's user may not edit: its supervisor is told, as for a hidden one.
    private func tellSupervisor(about duplicate: DuplicateLeadError, _ m: Mutation) throws {
        guard let number = LeadNumber(duplicate.number), let lead = try LeadLookup.fetch(m.db, number: number) else { return }
        try DuplicateNotice.tellSupervisor(of: lead, field: duplicate.field, context.transaction(m))
    }

    /// The intake's own rows for a stored post: the consent, the custom fields and one audit row.
    private func complete(_ outcome: IntakeOutcome, leadID: Int64?, form: IntakeForm, answer: IntakeAnswer, token: IntakeToken, _ m: Mutation) throws {
        switch outcome {
        case .created, .merged:
            guard let id = leadID else { break }
            if form.consent || form.privacyVersion != nil {
                try m.db.cachedStatement(sql: "INSERT INTO lead_consent (lead_id, token_id, consent, privacy_version, at) VALUES (?, ?, ?, ?, ?)")
                    .execute(arguments: [id, token.id, form.consent, form.privacyVersion, m.now.storage])
            }
            let kept = form.custom.isEmpty ? [] : Set(try Row.fetchAll(m.db, sql: "SELECT name, value FROM lead_extra WHERE lead_id = ?", arguments: [id])
                .map { IntakeForm.CustomField(name: $0["name"], value: $0["value"]) })
            for extra in form.custom where !kept.contains(extra) {
                try m.db.cachedStatement(sql: "INSERT INTO lead_extra (lead_id, name, value) VALUES (?, ?, ?)").execute(arguments: [id, extra.name, extra.value])
            }
            let what = if case .created = outcome { "registered" } else { "merged" }
            let consent = form.consent ? "consent" + (form.privacyVersion.map { " (privacy \($0))" } ?? "") : "no consent"
            try m.audit("intake", entity: "lead", id: id, field: "source", new: "\(token.source): \(what), \(consent)")
        case .referred:
            try m.audit("intake", entity: "intake_token", id: token.id, field: "source", new: "\(token.source): referred to the matching lead's supervisor")
        case .discarded:
            break
        }
    }

    // MARK: - Idempotency keys

    /// The earlier answer to `key`, or nil when this post is the first with it.
    ///
    /// Since the post and its key are kept in one transaction, a key is never left `pending` by
    /// this version; a `pending` row (left by an older server that died mid-post) is waited for
    /// (409) for ``pendingLifetime`` and then taken over.
    private func reserve(_ key: String, fingerprint: String, token: IntakeToken, _ m: Mutation) throws -> IntakeAnswer? {
        let row = try Row.fetchOne(m.db.cachedStatement(sql: """
            SELECT fingerprint, state, status, body, location, created_at FROM intake_request WHERE token_id = ? AND idempotency_key = ?
            """), arguments: [token.id, key])
        guard let row else { return nil }
        guard row["fingerprint"] == fingerprint else { throw IntakeRequestError.keyReused }
        if row["state"] == "done", let answer = IntakeAnswer(status: row["status"], number: row["body"], location: row["location"]) {
            return answer
        }
        guard m.now.timeIntervalSince(Date(storage: row["created_at"])) > Self.pendingLifetime else { throw IntakeRequestError.inProgress }
        return nil
    }

    /// Keeps `answer` for retries of the post with `key`.
    private func keep(_ answer: IntakeAnswer, for key: String, fingerprint: String, token: IntakeToken, _ m: Mutation) throws {
        let stored = answer.stored
        try m.db.cachedStatement(sql: """
            INSERT INTO intake_request (token_id, idempotency_key, fingerprint, state, status, body, location, created_at)
            VALUES (?, ?, ?, 'done', ?, ?, ?, ?)
            ON CONFLICT (token_id, idempotency_key) DO UPDATE
              SET state = 'done', status = excluded.status, body = excluded.body, location = excluded.location, created_at = excluded.created_at
            """).execute(arguments: [token.id, key, fingerprint, stored.status, stored.number, stored.location, m.now.storage])
    }

    // MARK: - Events

    private func leadNumber(for reference: IntakeEventRequest.LeadReference) throws -> String {
        let (column, key): (String, String)
        switch reference {
        case let .number(number): return number.description
        case let .phone(phone): (column, key) = ("phone_key", phone.normalized)
        case let .email(email): (column, key) = ("email_key", email.normalized)
        }
        let found: String? = try context.database.read { db in
            guard var lead = try Lead.fetchAll(db, sql: "SELECT \(Lead.selection) FROM lead WHERE \(column) = ? ORDER BY status = 'merged', id DESC LIMIT 1",
                                               arguments: [key]).first else { return nil }
            var hops = 0
            while lead.status == .merged, let target = lead.mergedInto, hops < 16, let next = try LeadLookup.fetch(db, number: target) {
                lead = next
                hops += 1
            }
            return lead.number.description
        }
        guard let found else { throw PermissionError.notVisible(TextNormalization.terminalSafe(key)) }
        return found
    }
}

/// Why a post's `Idempotency-Key` was refused.
public enum IntakeRequestError: UserFacingError, Equatable {
    /// The key was used before for a different post.
    case keyReused
    /// The first post with this key is still being handled.
    case inProgress

    public var description: String {
        switch self {
        case .keyReused: "this Idempotency-Key was used for a different post (此 Idempotency-Key 已用于另一请求)"
        case .inProgress: "a post with this Idempotency-Key is still being handled; retry shortly (同一 Idempotency-Key 的请求仍在处理中,请稍后重试)"
        }
    }
}

extension IntakeService {
    /// Reads from the database once (`GET /healthz`): throws when it cannot be read.
    public func checkHealth() throws {
        _ = try context.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM intake_token") }
    }
}
