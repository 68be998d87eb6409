import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Intake tokens")
struct IntakeTokenServiceTests {
    @Test func tokensAreStoredHashedAndShownOnce() throws {
        let db = try TemporaryDatabase()
        let service = IntakeTokenService(context: db.context, actor: try db.actor("admin"))
        let made = try service.add(source: " 官网 ", campaign: "春季", ratePerMinute: 120, isPublic: true)
        #expect(made.token.source == "官网")
        #expect(IntakeSecret.isWellFormed(made.secret))
        #expect(try db.count("SELECT count(*) FROM intake_token WHERE secret_hash = ?", [IntakeSecret.hash(made.secret)]) == 1)
        #expect(try db.count("SELECT count(*) FROM intake_token WHERE instr(secret_hash, ?) > 0 OR instr(prefix, ?) > 0",
                             [String(made.secret.dropFirst(12)), String(made.secret.dropFirst(12))]) == 0, "no secret beyond its prefix is stored")
        #expect(try IntakeTokenService.authenticate(made.secret, in: db.context) == made.token)
        #expect(try IntakeTokenService.authenticate(IntakeSecret.generate(), in: db.context) == nil)
        #expect(try service.list() == [made.token])
        #expect(try db.count("SELECT count(*) FROM audit WHERE action = 'intake-token-add' AND actor = 'admin'") == 1)
    }

    @Test func revokedTokensNoLongerAuthenticate() throws {
        let db = try TemporaryDatabase()
        let service = IntakeTokenService(context: db.context, actor: try db.actor("admin"))
        let made = try service.add(source: "抖音")
        let revoked = try service.revoke(made.token.id)
        #expect(revoked.isRevoked)
        #expect(try IntakeTokenService.authenticate(made.secret, in: db.context) == nil)
        #expect(throws: IntakeTokenError.self) { try service.revoke(made.token.id) }
        #expect(throws: StoreError.notFound("intake token #99")) { try service.revoke(99) }
        #expect(try service.list().first?.isRevoked == true)
    }

    @Test func onlyAdminsManageTokensWithinLimits() throws {
        let db = try TemporaryDatabase()
        for login in ["bob", "alice", "mia"] {
            #expect(throws: PermissionError.self) { try IntakeTokenService(context: db.context, actor: try db.actor(login)).add(source: "官网") }
            #expect(throws: PermissionError.self) { try IntakeTokenService(context: db.context, actor: try db.actor(login)).list() }
        }
        let service = IntakeTokenService(context: db.context, actor: try db.actor("admin"))
        #expect(throws: IntakeTokenError.sourceLength(limit: IntakeForm.maximumFieldLength)) { try service.add(source: "  ") }
        #expect(throws: IntakeTokenError.rateOutOfRange(IntakeToken.rateLimits)) { try service.add(source: "官网", ratePerMinute: 0) }
        #expect(throws: IntakeTokenError.rateOutOfRange(IntakeToken.rateLimits)) { try service.add(source: "官网", ratePerMinute: IntakeToken.rateLimits.upperBound + 1) }
    }
}
