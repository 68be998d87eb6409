import ClewDomain
import ClewServices
import ClewStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The intake server's routes: `POST /v1/leads`, `POST /v1/events`, `GET /healthz`.
///
/// HTTP only: reading the body, the token and the headers, and writing the answer. What a post
/// means is decided by ClewDomain (``ClewDomain/IntakeForm``, ``ClewDomain/IntakeAnswer``,
/// ``ClewDomain/IntakeRateLimiter``) and done by ClewStore (``ClewStore/IntakeService``).
///
/// ```swift
/// let router = IntakeRoutes(context: context, actor: serviceUser).router()
/// let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 8377)))
/// ```
public struct IntakeRoutes: Sendable {
    let context: ClewContext
    let actor: ActingUser
    let settings: IntakeServerSettings
    let logger: Logger
    private let gate: RateGate
    private let tokens: TokenCache
    /// Lead posts go through one writer, which commits the posts waiting together (group commit).
    private let writer: IntakeWriter

    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    /// - Parameters:
    ///   - actor: the Clew user the server registers leads as (its OS account).
    public init(context: ClewContext, actor: ActingUser, settings: IntakeServerSettings = IntakeServerSettings(),
                logger: Logger = Logger(label: "clew-serve")) {
        self.context = context
        self.actor = actor
        self.settings = settings
        self.logger = logger
        self.gate = RateGate(clock: context.clock)
        self.tokens = TokenCache(clock: context.clock)
        self.writer = IntakeWriter(service: IntakeService(context: context, actor: actor))
    }

    /// The router with every route.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("healthz") { _, _ in try await health() }
        router.post("v1/leads") { request, _ in await leads(request) }
        router.post("v1/events") { request, _ in await events(request) }
        return router
    }

    private var intake: IntakeService { IntakeService(context: context, actor: actor) }

    // MARK: - Routes

    private func health() async throws -> Response {
        let service = intake
        do {
            try await StoreWork.run { try service.checkHealth() }
            return IntakeReply.json(.ok, ["status": "ok"])
        } catch {
            logger.error("healthz: the database cannot be read: \(error)")
            return IntakeReply.error(.serviceUnavailable, "unavailable", "the database cannot be read")
        }
    }

    private func leads(_ request: Request) async -> Response {
        let language = IntakeLanguage.preferred(request.headers[.acceptLanguage])
        let (post, form): (Post, IntakeForm)
        switch await accept(request, language: language, { post throws(IntakeFormError) in try IntakeForm(fields: post.fields, token: post.token) }) {
        case let .success(accepted): (post, form) = accepted
        case let .failure(refusal): return refusal.response
        }
        let key = request.headers[Self.idempotencyKey].map(TextNormalization.trimmed)
        if let key, key.isEmpty || key.count > IntakeService.maximumKeyLength || key != TextNormalization.terminalSafe(key) {
            return IntakeReply.error(.badRequest, "malformed", "Idempotency-Key must be 1 to \(IntakeService.maximumKeyLength) printable characters")
        }
        let token = post.token
        do {
            let answer = try await withCheckedThrowingContinuation { continuation in
                writer.submit(form, token: token, idempotencyKey: key, fingerprint: post.fingerprint) { continuation.resume(with: $0) }
            }
            logger.info("lead post", metadata: ["token": "\(token.id)", "status": "\(answer.statusCode)", "spam": "\(form.isSpam)"])
            return IntakeReply.answer(answer)
        } catch let error as LeadValidationError {
            return IntakeReply.invalid(IntakeFieldProblem.problems(for: error), language: language)
        } catch let error as PickListError {
            // A source or industry outside the process file's pick list.
            let field = if case let .notAllowed(field, _, _, _) = error { field } else { "tag" }
            return IntakeReply.invalid([IntakeFieldProblem(field: field, english: error.english, chinese: error.chinese)], language: language)
        } catch {
            return failure(error, token: token, route: "lead post", language: language)
        }
    }

    private func events(_ request: Request) async -> Response {
        let language = IntakeLanguage.preferred(request.headers[.acceptLanguage])
        let known = context.process.scoring.events.map(\.event)
        let (post, event): (Post, IntakeEventRequest)
        switch await accept(request, language: language, { post throws(IntakeFormError) in
            try IntakeEventRequest(fields: post.fields, knownEvents: known, token: post.token)
        }) {
        case let .success(accepted): (post, event) = accepted
        case let .failure(refusal): return refusal.response
        }
        let service = intake
        let token = post.token
        do {
            let lead = try await StoreWork.run { try service.recordEvent(event, token: token) }
            logger.info("event post", metadata: ["token": "\(token.id)", "event": "\(event.event)", "count": "\(event.count)"])
            // A public token learns nothing about the lead (not even that the number exists).
            if token.isPublic { return IntakeReply.json(.accepted, ["status": "received"]) }
            var body: [String: any Sendable] = ["status": "recorded", "lead": lead.number.description, "score": lead.score,
                                                "suggestedGrade": lead.suggestedGrade.map(\.rawValue) ?? ""]
            if let grade = lead.grade { body["grade"] = grade.rawValue }
            return IntakeReply.json(.ok, body)
        } catch {
            if token.isPublic, (error as? StoreError) != .busy {
                logger.info("event post from a public token not recorded: \(error)", metadata: ["token": "\(token.id)"])
                return IntakeReply.json(.accepted, ["status": "received"])
            }
            return failure(error, token: token, route: "event post", language: language)
        }
    }

    // MARK: - Reading a post

    /// A post whose body was read and whose token is live and within its rate.
    struct Post {
        var fields: [(name: String, value: String)]
        var token: IntakeToken
        /// The body's hash, which an `Idempotency-Key` retry must match.
        var fingerprint: String
    }

    struct Refusal: Error {
        var response: Response
    }

    /// The post read by ``accept(_:)`` and then by `read` (400 malformed, 422 with the field problems in `language`).
    private func accept<Value>(_ request: Request, language: ContactLanguage,
                               _ read: (Post) throws(IntakeFormError) -> Value) async -> Result<(Post, Value), Refusal> {
        switch await accept(request) {
        case let .failure(refusal): return .failure(refusal)
        case let .success(post):
            do {
                return .success((post, try read(post)))
            } catch {
                switch error {
                case let .malformed(message): return .failure(Refusal(response: IntakeReply.error(.badRequest, "malformed", message)))
                case let .invalid(problems): return .failure(Refusal(response: IntakeReply.invalid(problems, language: language)))
                }
            }
        }
    }

    /// The body (413 over the limit, 415/400 when unreadable), the token (401) and the rate (429).
    private func accept(_ request: Request) async -> Result<Post, Refusal> {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > settings.bodyLimit {
            return .failure(Refusal(response: tooLarge))
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: settings.bodyLimit)
        } catch is NIOTooManyBytesError {
            return .failure(Refusal(response: tooLarge))
        } catch {
            return .failure(Refusal(response: IntakeReply.error(.badRequest, "malformed", "the body could not be read")))
        }
        let fields: [(name: String, value: String)]
        do {
            fields = try PostedFields.read(body, contentType: request.headers[.contentType])
        } catch {
            switch error {
            case let .unsupportedType(type):
                return .failure(Refusal(response: IntakeReply.error(.unsupportedMediaType, "unsupported",
                                                                    "send application/json or application/x-www-form-urlencoded, not \(type)")))
            case let .malformed(message): return .failure(Refusal(response: IntakeReply.error(.badRequest, "malformed", message)))
            }
        }
        let secret = bearer(request.headers[.authorization])
            ?? fields.first { LeadFieldHeader.key($0.name) == "token" }.map { TextNormalization.trimmed($0.value) }
        var token: IntakeToken?
        if let hash = secret.flatMap({ IntakeSecret.isWellFormed($0) ? IntakeSecret.hash($0) : nil }) {
            token = tokens.fresh(hash)
            if token == nil {
                do {
                    let context = context
                    token = try await StoreWork.run { try IntakeTokenService.authenticate(hash: hash, in: context) }
                } catch {
                    return .failure(Refusal(response: failure(error, token: nil, route: "token lookup")))
                }
                tokens.keep(token, hash: hash)
            }
        }
        guard let token else {
            var headers = HTTPFields()
            headers[.wwwAuthenticate] = "Bearer realm=\"clew-intake\""
            return .failure(Refusal(response: IntakeReply.error(.unauthorized, "unauthorized", "a valid intake token is required (Authorization: Bearer clw_…)",
                                                                headers: headers)))
        }
        if case let .refused(retryAfter) = gate.admit(token) {
            var headers = HTTPFields()
            headers[.retryAfter] = String(retryAfter)
            logger.notice("rate limit", metadata: ["token": "\(token.id)", "rate": "\(token.ratePerMinute)/min"])
            return .failure(Refusal(response: IntakeReply.error(.tooManyRequests, "rate-limited",
                                                                "over this token's \(token.ratePerMinute) posts a minute; retry in \(retryAfter) s",
                                                                headers: headers)))
        }
        let fingerprint = SHA256.hex(bytes: Array(body.readableBytesView) + Array((request.uri.path + (request.headers[.contentType] ?? "")).utf8))
        return .success(Post(fields: fields, token: token, fingerprint: fingerprint))
    }

    private var tooLarge: Response {
        IntakeReply.error(.contentTooLarge, "too-large", "the body is over \(settings.bodyLimit) bytes")
    }

    private func bearer(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return TextNormalization.trimmed(String(parts[1]))
    }

    /// The answer to a store failure (the message only when it is the caller's to act on).
    private func failure(_ error: any Error, token: IntakeToken?, route: String, language: ContactLanguage = .en) -> Response {
        let tokenID = token.map { "\($0.id)" } ?? "-"
        switch error {
        case let error as IntakeRequestError:
            var headers = HTTPFields()
            if error == .inProgress { headers[.retryAfter] = "1" }
            return IntakeReply.error(.conflict, error == .keyReused ? "key-reused" : "in-progress", error.description, headers: headers)
        case let error as PermissionError:
            if case .notVisible = error { return IntakeReply.error(.notFound, "not-found", "no such lead") }
            logger.warning("\(route) refused: \(error)", metadata: ["token": "\(tokenID)"])
            return IntakeReply.error(.forbidden, "forbidden", "the intake's user may not do this: \(error.description)")
        case let error as any BilingualError:
            // A closed lead, an event the scoring model does not know (checked again by the store), …
            return IntakeReply.error(.conflict, "conflict", language == .zh ? error.chinese : error.english)
        case StoreError.busy:
            var headers = HTTPFields()
            headers[.retryAfter] = "1"
            logger.warning("\(route): database busy", metadata: ["token": "\(tokenID)"])
            return IntakeReply.error(.serviceUnavailable, "busy", "the database is busy; retry shortly", headers: headers)
        default:
            logger.error("\(route) failed: \(error)", metadata: ["token": "\(tokenID)"])
            return IntakeReply.error(.internalServerError, "internal", "the post could not be stored")
        }
    }
}
