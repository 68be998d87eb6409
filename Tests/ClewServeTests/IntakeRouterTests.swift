import ClewDomain
import ClewServe
import ClewServices
import ClewStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The routes on a live server (HummingbirdTesting's live framework: the application bound to a
/// free loopback port, every request over TCP): every status code, the no-oracle rule,
/// idempotent retries, the rate limit.
@Suite("Intake routes")
struct IntakeRouterTests {
    static var lead: [String: Any] { ["公司": "杭州恒通科技有限公司", "手机": "138 0013 8000", "联系人": "王伟", "行业": "制造业",
                                      "需求": "ERP 升级", "城市": "杭州"] }

    @Test func healthz() async throws {
        let fixture = try IntakeFixture()
        try await fixture.application().test(.live) { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(try Post.object(response)["status"] as? String == "ok")
        }
    }

    /// 201 with the number for a private token; the lead is registered as `clew lead add` does
    /// it (source from the token, region from the city, screening when complete, scored), and
    /// audited as the token; the same person again is merged (200, same number).
    @Test func aPrivateTokenRegistersAndMerges() async throws {
        let fixture = try IntakeFixture()
        let (secret, token) = try fixture.token(source: "官网", campaign: "春季")
        try await fixture.application().test(.live) { client in
            let (headers, body) = Post.json(Self.lead.merging(["consent": true, "privacy_version": "v3"]) { $1 }, token: secret)
            let first = try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body)
            #expect(first.status == .created)
            let number = try #require(try Post.object(first)["lead"] as? String)
            #expect(try Post.object(first)["status"] as? String == "created")
            let stored = try fixture.strings("SELECT source || '|' || campaign || '|' || region || '|' || status || '|' || created_by FROM lead WHERE number = ?", [number])
            #expect(stored == ["官网|春季|华东|pooled|admin"], "complete, so screened by the routing rules into the 华东 pool")
            #expect(try fixture.count("SELECT count(*) FROM audit WHERE action = 'intake' AND via = ?", [token.label]) == 1)
            #expect(try fixture.count("SELECT count(*) FROM audit WHERE action = 'create' AND via = ?", [token.label]) >= 1)
            #expect(try fixture.strings("SELECT privacy_version FROM lead_consent WHERE consent = 1") == ["v3"])
            // `clew lead show` (and the TUI's detail) read it with the lead: given, which text, when, which token.
            let consents = try LeadService(context: fixture.context, actor: try fixture.actor("admin")).detail(number).consents
            #expect(consents.map(\.summary) == ["given (privacy v3)"])
            #expect(consents.map(\.via) == [token.label])
            #expect(consents.map(\.at) == [fixture.context.clock.now()])

            let (againHeaders, againBody) = Post.json(["company": "杭州恒通科技有限公司", "phone": "+86 138-0013-8000", "需求": "还要 MES",
                                                       "产品": "MES"], token: secret)
            let again = try await client.execute(uri: "/v1/leads", method: .post, headers: againHeaders, body: againBody)
            #expect(again.status == .ok)
            #expect(try Post.object(again)["lead"] as? String == number)
            #expect(try Post.object(again)["merged"] as? Bool == true)
            #expect(try fixture.count("SELECT count(*) FROM lead") == 1)
            #expect(try fixture.count("SELECT count(*) FROM lead_event WHERE event = 'repeated_interest'") == 1)
            #expect(try fixture.strings("SELECT name || '=' || value FROM lead_extra") == ["产品=MES"], "a field Clew has no field for is a custom field")
        }
    }

    /// A public token's answer says nothing about who is already a lead: a new person and a
    /// returning one get byte-identical answers, without a number; with `redirect=` both get
    /// the same 303.
    @Test func aPublicTokenIsNoOracle() async throws {
        let fixture = try IntakeFixture()
        let (secret, _) = try fixture.token(public: true)
        try await fixture.application().test(.live) { client in
            var answers: [String] = []
            for phone in ["13800138000", "13800138000", "13900139000"] {
                let (headers, body) = Post.form("customer=A%E5%85%AC%E5%8F%B8&phone=\(phone)&token=\(secret)")
                let response = try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body)
                #expect(response.status == .created)
                answers.append(Post.text(response))
            }
            #expect(Set(answers).count == 1, "\(answers)")
            #expect(!answers[0].contains("XL-"))
            #expect(try Post.object(try await client.execute(uri: "/healthz", method: .get))["status"] as? String == "ok")
            #expect(try fixture.count("SELECT count(*) FROM lead") == 2, "the returning person was merged, not registered twice")

            var locations: [String?] = []
            for phone in ["13800138000", "13700137000"] {
                let (headers, body) = Post.form("customer=A&phone=\(phone)&token=\(secret)&redirect=https%3A%2F%2Fwww.example.com%2Fthanks")
                let response = try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body)
                #expect(response.status == .seeOther)
                locations.append(response.headers[.location])
                #expect(!Post.text(response).contains("XL-"))
            }
            #expect(locations == ["https://www.example.com/thanks", "https://www.example.com/thanks"])
        }
    }

    /// A lead of another team the intake's (marketing) user may not see: nothing registered,
    /// the supervisor told; a private token hears "referred", never the number.
    @Test func aHiddenMatchIsReferredWithoutNamingIt() async throws {
        let fixture = try IntakeFixture()
        let admin = try fixture.actor("admin")
        let existing = try LeadService(context: fixture.context, actor: admin)
            .add(LeadDraft(customer: "杭州恒通", contact: "王伟", phone: "13800138000", industry: "制造业", need: "ERP", source: "展会", region: "华东")).lead
        let (secret, _) = try fixture.token()
        try await fixture.application(as: "mia").test(.live) { client in
            let (headers, body) = Post.json(["customer": "X 公司", "phone": "13800138000"], token: secret)
            let response = try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body)
            #expect(response.status == .accepted)
            #expect(!Post.text(response).contains(existing.number.description))
            #expect(try fixture.count("SELECT count(*) FROM lead") == 1)
        }
    }

    @Test func fieldProblemsAre422InTheAskersLanguage() async throws {
        let fixture = try IntakeFixture()
        let (secret, _) = try fixture.token()
        try await fixture.application().test(.live) { client in
            for (language, expected) in [("zh-CN,zh;q=0.9", "请填写客户名称"), ("en-GB", "customer is required")] {
                var extra = HTTPFields()
                extra[.acceptLanguage] = language
                let (headers, body) = Post.json(["phone": "138001380\u{1B}[31m", "email": "wang.example.com"], token: secret, extra: extra)
                let response = try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body)
                #expect(response.status.code == 422)
                let fields = try #require(try Post.object(response)["fields"] as? [[String: String]])
                #expect(fields.map { $0["field"] } == ["customer", "phone", "email"])
                #expect(fields[0]["message"] == expected)
                #expect(!Post.text(response).contains("\u{1B}"), "what is echoed back is stripped of escapes")
                #expect(!Post.text(response).contains("\\u001b"))
            }
            #expect(try fixture.count("SELECT count(*) FROM lead") == 0)
        }
    }

    @Test func badOrRevokedTokensAre401() async throws {
        let fixture = try IntakeFixture()
        let (secret, token) = try fixture.token()
        try await fixture.application().test(.live) { client in
            for credential in [nil, "clw_" + String(repeating: "0", count: 64), "nonsense"] as [String?] {
                let (headers, body) = Post.json(Self.lead, token: credential)
                let response = try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] != nil)
            }
            try IntakeTokenService(context: fixture.context, actor: try fixture.actor("admin")).revoke(token.id)
            let (headers, body) = Post.json(Self.lead, token: secret)
            #expect(try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body).status == .unauthorized)
            #expect(try fixture.count("SELECT count(*) FROM lead") == 0)
        }
    }

    /// A token the server looked up is trusted for at most ``TokenCache``'s second: revoked, it
    /// is refused once that second has passed, without a restart.
    @Test func aRevokedTokenIsRefusedWithinASecond() async throws {
        let fixture = try IntakeFixture()
        let (secret, token) = try fixture.token()
        let clock = try #require(fixture.context.clock as? FixedWallClock)
        try await fixture.application().test(.live) { client in
            let (headers, body) = Post.json(Self.lead, token: secret)
            #expect(try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body).status == .created)
            try IntakeTokenService(context: fixture.context, actor: try fixture.actor("admin")).revoke(token.id)
            clock.set(clock.now().addingTimeInterval(1.1))
            let (laterHeaders, laterBody) = Post.json(["customer": "B", "phone": "13700137000"], token: secret)
            #expect(try await client.execute(uri: "/v1/leads", method: .post, headers: laterHeaders, body: laterBody).status == .unauthorized)
            #expect(try fixture.count("SELECT count(*) FROM lead") == 1)
        }
    }

    @Test func malformedTooLargeAndUnsupportedBodies() async throws {
        let fixture = try IntakeFixture()
        let (secret, _) = try fixture.token()
        try await fixture.application().test(.live) { client in
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(secret)"
            headers[.contentType] = "application/json"
            for body in ["{not json", "[1, 2]", "{\"customer\": {\"nested\": 1}}"] {
                let response = try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(response.status == .badRequest, "\(body)")
            }
            let big = "{\"need\": \"" + String(repeating: "x", count: 70_000) + "\"}"
            #expect(try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: ByteBuffer(string: big)).status == .contentTooLarge)
            headers[.contentType] = "text/csv"
            #expect(try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: ByteBuffer(string: "a,b")).status == .unsupportedMediaType)
            let (formHeaders, badEscape) = Post.form("customer=%E5%8&phone=13800138000&token=\(secret)")
            #expect(try await client.execute(uri: "/v1/leads", method: .post, headers: formHeaders, body: badEscape).status == .badRequest)
        }
    }

    @Test func overTheRateIs429() async throws {
        let fixture = try IntakeFixture()
        let (secret, _) = try fixture.token(rate: 3)
        let (other, _) = try fixture.token(source: "抖音", rate: 3)
        try await fixture.application().test(.live) { client in
            var statuses: [Int] = []
            for index in 0..<4 {
                let (headers, body) = Post.json(["customer": "A\(index)", "phone": "1380013800\(index)"], token: secret)
                let response = try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body)
                statuses.append(response.status.code)
                if response.status == .tooManyRequests { #expect(response.headers[.retryAfter] == "20") }
            }
            #expect(statuses == [201, 201, 201, 429])
            let (headers, body) = Post.json(["customer": "B", "phone": "13900139009"], token: other)
            #expect(try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body).status == .created, "per token")
            #expect(try fixture.count("SELECT count(*) FROM lead") == 4)
        }
    }

    /// A retried post with the same Idempotency-Key gets the first answer and no second lead
    /// (nor a merge); the key with another body is refused.
    @Test func idempotentRetries() async throws {
        let fixture = try IntakeFixture()
        let (secret, _) = try fixture.token()
        try await fixture.application().test(.live) { client in
            var extra = HTTPFields()
            extra[Post.idempotencyKey] = "order-7781"
            let (headers, body) = Post.json(Self.lead, token: secret, extra: extra)
            let first = try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body)
            let retry = try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body)
            #expect(first.status == .created)
            #expect(retry.status == .created)
            #expect(Post.text(first) == Post.text(retry))
            #expect(try fixture.count("SELECT count(*) FROM lead") == 1)
            #expect(try fixture.count("SELECT count(*) FROM lead_event") == 0, "the retry was not merged as repeated interest")
            #expect(try fixture.count("SELECT count(*) FROM intake_request WHERE state = 'done'") == 1)

            let (_, otherBody) = Post.json(["customer": "另一家", "phone": "13900139000"], token: secret)
            let reused = try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: otherBody)
            #expect(reused.status == .conflict)
            #expect(try fixture.count("SELECT count(*) FROM lead") == 1)

            // A refused post leaves its key free: the corrected retry goes through.
            extra[Post.idempotencyKey] = "order-7782"
            let (badHeaders, badBody) = Post.json(["customer": "C"], token: secret, extra: extra)
            #expect(try await client.execute(uri: "/v1/leads", method: .post, headers: badHeaders, body: badBody).status.code == 422)
            let (goodHeaders, goodBody) = Post.json(["customer": "C", "phone": "13700137000"], token: secret, extra: extra)
            #expect(try await client.execute(uri: "/v1/leads", method: .post, headers: goodHeaders, body: goodBody).status == .created)
        }
    }

    /// A key still held by a post in progress answers 409 with Retry-After; one left pending by
    /// a post that died (older than a minute) is taken over by the retry.
    @Test func aPendingKeyIsWaitedForOrTakenOver() async throws {
        let fixture = try IntakeFixture()
        let (secret, token) = try fixture.token()
        let clock = try #require(fixture.context.clock as? FixedWallClock)
        let now = clock.now().timeIntervalSince1970
        try fixture.execute("INSERT INTO intake_request (token_id, idempotency_key, fingerprint, state, created_at) VALUES (?, 'k1', '', 'pending', ?)",
                            [token.id, now])
        try await fixture.application().test(.live) { client async throws in
            var extra = HTTPFields()
            extra[Post.idempotencyKey] = "k1"
            let (headers, body) = Post.json(Self.lead, token: secret, extra: extra)
            // The fingerprint differs from the stored one: refused as a reused key.
            #expect(try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body).status == .conflict)
            #expect(try fixture.count("SELECT count(*) FROM lead") == 0)
        }
        // The same body's fingerprint, stored as the server computes it, pending a moment ago.
        try await fixture.application().test(.live) { client async throws in
            var extra = HTTPFields()
            extra[Post.idempotencyKey] = "k2"
            let (headers, body) = Post.json(Self.lead, token: secret, extra: extra)
            let first = try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body)
            #expect(first.status == .created)
            try fixture.execute("UPDATE intake_request SET state = 'pending', status = NULL, body = NULL WHERE idempotency_key = 'k2'")
            let waiting = try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body)
            #expect(waiting.status == .conflict)
            #expect(waiting.headers[.retryAfter] == "1")
            clock.set(clock.now().addingTimeInterval(IntakeService.pendingLifetime + 1))
            let retried = try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body)
            #expect(retried.status == .ok, "taken over: the person is merged into the lead the dead post made, not registered twice")
            #expect(try fixture.count("SELECT count(*) FROM lead") == 1)
        }
    }

    @Test func theHoneypotKeepsNothingAndAnswersAsUsual() async throws {
        let fixture = try IntakeFixture()
        let (secret, _) = try fixture.token(public: true)
        try await fixture.application().test(.live) { client in
            let (headers, body) = Post.form("customer=Spam&phone=13800138000&_gotcha=buy+now&token=\(secret)")
            let response = try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body)
            #expect(response.status == .created)
            #expect(try Post.object(response)["status"] as? String == "received")
            #expect(try fixture.count("SELECT count(*) FROM lead") == 0)
        }
    }

    /// Events raise the score through `clew lead event`'s path; a private token may name the
    /// lead by phone; a public token hears the same 202 whether the number exists or not.
    @Test func eventsRaiseTheScore() async throws {
        let fixture = try IntakeFixture()
        let (secret, _) = try fixture.token()
        let (web, _) = try fixture.token(public: true)
        try await fixture.application().test(.live) { client in
            let (headers, body) = Post.json(Self.lead, token: secret)
            let number = try #require(try Post.object(try await client.execute(uri: "/v1/leads", method: .post, headers: headers, body: body))["lead"] as? String)
            let before = try #require(try fixture.strings("SELECT CAST(score AS TEXT) FROM lead WHERE number = ?", [number]).first.flatMap { Int($0) })

            let (eventHeaders, eventBody) = Post.json(["phone": "13800138000", "event": "inbound_contact", "count": 2], token: secret)
            let recorded = try await client.execute(uri: "/v1/events", method: .post, headers: eventHeaders, body: eventBody)
            #expect(recorded.status == .ok)
            #expect(try Post.object(recorded)["lead"] as? String == number)
            #expect(try Post.object(recorded)["score"] as? Int == before + 20)
            #expect(try fixture.count("SELECT count(*) FROM lead_event WHERE event = 'inbound_contact'") == 2)

            var publicAnswers: [String] = []
            for lead in [number, "XL-20261123-999"] {
                let (webHeaders, webBody) = Post.json(["lead": lead, "event": "inbound_contact"], token: web)
                let response = try await client.execute(uri: "/v1/events", method: .post, headers: webHeaders, body: webBody)
                #expect(response.status == .accepted)
                publicAnswers.append(Post.text(response))
            }
            #expect(Set(publicAnswers).count == 1)
            #expect(try fixture.count("SELECT count(*) FROM lead_event WHERE event = 'inbound_contact'") == 3)

            let (missingHeaders, missingBody) = Post.json(["lead": "XL-20261123-999", "event": "inbound_contact"], token: secret)
            #expect(try await client.execute(uri: "/v1/events", method: .post, headers: missingHeaders, body: missingBody).status == .notFound)
            let (unknownHeaders, unknownBody) = Post.json(["lead": number, "event": "viewed_product"], token: secret)
            #expect(try await client.execute(uri: "/v1/events", method: .post, headers: unknownHeaders, body: unknownBody).status.code == 422)
        }
    }
}
