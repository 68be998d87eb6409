import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The intake tokens (`clew intake token add|list|revoke`): made, listed and revoked by admins;
/// looked up by the server for every post. Only each secret's hash is stored.
///
/// ```swift
/// let made = try IntakeTokenService(context: context, actor: admin).add(source: "官网", isPublic: true)
/// made.secret   // "clw_…", shown once
/// ```
public struct IntakeTokenService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// A token made by ``add(source:campaign:ratePerMinute:isPublic:)``, with its secret.
    public struct Made: Sendable {
        public var token: IntakeToken
        /// The secret, which is not stored and cannot be shown again.
        public var secret: String
    }

    /// Makes a token (admins only).
    ///
    /// - Throws: ``PermissionError``; ``IntakeTokenError`` for an empty source or a rate
    ///   out of ``ClewDomain/IntakeToken/rateLimits``.
    public func add(source: String, campaign: String? = nil, ratePerMinute: Int = IntakeToken.defaultRate, isPublic: Bool = false) throws -> Made {
        try AccessPolicy.check(.administer, actor)
        let source = TextNormalization.trimmed(source)
        let campaign = campaign.map(TextNormalization.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        guard !source.isEmpty, source.count <= IntakeForm.maximumFieldLength else {
            throw IntakeTokenError.sourceLength(limit: IntakeForm.maximumFieldLength)
        }
        guard (campaign?.count ?? 0) <= IntakeForm.maximumFieldLength else {
            throw IntakeTokenError.campaignTooLong(limit: IntakeForm.maximumFieldLength)
        }
        guard IntakeToken.rateLimits.contains(ratePerMinute) else {
            throw IntakeTokenError.rateOutOfRange(IntakeToken.rateLimits)
        }
        let secret = IntakeSecret.generate()
        let token = try context.mutate(as: actor) { m in
            try m.db.execute(sql: """
                INSERT INTO intake_token (prefix, secret_hash, source, campaign, rate_per_minute, public, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [IntakeSecret.prefix(of: secret), IntakeSecret.hash(secret), source, campaign, ratePerMinute, isPublic,
                                 actor.login, m.now.storage])
            let id = m.db.lastInsertedRowID
            try m.audit("intake-token-add", entity: "intake_token", id: id, field: "source",
                        new: [source, campaign, isPublic ? "public" : "private", "\(ratePerMinute)/min"].compactMap { $0 }.joined(separator: ", "))
            return IntakeToken(id: id, prefix: IntakeSecret.prefix(of: secret), source: source, campaign: campaign, ratePerMinute: ratePerMinute,
                               isPublic: isPublic, createdBy: actor.login, createdAt: m.now)
        }
        return Made(token: token, secret: secret)
    }

    /// Every token, newest first (admins only).
    public func list() throws -> [IntakeToken] {
        try AccessPolicy.check(.administer, actor)
        return try context.database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM intake_token ORDER BY id DESC").map(Self.token)
        }
    }

    /// Revokes token `id` (admins only): its posts are refused from now on.
    @discardableResult
    public func revoke(_ id: Int64) throws -> IntakeToken {
        try AccessPolicy.check(.administer, actor)
        return try context.mutate(as: actor) { m in
            guard let row = try Row.fetchOne(m.db, sql: "SELECT \(Self.columns) FROM intake_token WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("intake token #\(id)")
            }
            var token = Self.token(row)
            guard !token.isRevoked else { throw IntakeTokenError.alreadyRevoked(label: token.label) }
            try m.db.execute(sql: "UPDATE intake_token SET revoked_at = ?, revoked_by = ? WHERE id = ?", arguments: [m.now.storage, actor.login, id])
            try m.audit("intake-token-revoke", entity: "intake_token", id: id, field: "revoked_at", new: token.label)
            token.revokedAt = m.now
            return token
        }
    }

    /// The live token whose secret is `secret`, or nil (unknown, malformed or revoked). Anyone
    /// may ask: the server calls this for every post before anything else.
    public static func authenticate(_ secret: String, in context: ClewContext) throws -> IntakeToken? {
        guard IntakeSecret.isWellFormed(secret) else { return nil }
        return try authenticate(hash: IntakeSecret.hash(secret), in: context)
    }

    /// The live token whose secret hashes to `hash` (``ClewDomain/IntakeSecret/hash(_:)``), or nil.
    public static func authenticate(hash: String, in context: ClewContext) throws -> IntakeToken? {
        try context.database.read { db in
            try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(columns) FROM intake_token WHERE secret_hash = ? AND revoked_at IS NULL"),
                             arguments: [hash])
                .map(token)
        }
    }

    static let columns = "id, prefix, source, campaign, rate_per_minute, public, created_by, created_at, revoked_at"

    static func token(_ row: Row) -> IntakeToken {
        IntakeToken(id: row[0], prefix: row[1], source: row[2], campaign: row[3], ratePerMinute: row[4], isPublic: row[5],
                    createdBy: row[6], createdAt: Date(storage: row[7]), revokedAt: (row[8] as Double?).map(Date.init(storage:)))
    }
}
