import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// Group commit: the posts of one batch share a transaction, but each is decided alone, in
/// arrival order, and a refused one takes nothing of the others with it.
@Suite("Intake writer")
struct IntakeWriterTests {
    @Test func aBatchDecidesEachPostAloneInOrder() throws {
        let db = try TemporaryDatabase()
        let admin = try db.actor("admin")
        let token = try IntakeTokenService(context: db.context, actor: admin).add(source: "官网").token
        func form(_ fields: [(name: String, value: String)]) throws -> IntakeForm { try IntakeForm(fields: fields, token: token) }
        let person: [(name: String, value: String)] = [("公司", "杭州恒通科技有限公司"), ("手机", "13800138000"), ("consent", "1")]
        let posts: [IntakeService.Submission] = [
            .init(form: try form(person), token: token, idempotencyKey: "k1", fingerprint: "f1"),
            // The same key with another body: refused, and only this post.
            .init(form: try form([("公司", "乙公司"), ("手机", "13900139000")]), token: token, idempotencyKey: "k1", fingerprint: "other"),
            // The same person again: merged into the lead the first post made, in the same transaction.
            .init(form: try form(person + [("需求", "MES")]), token: token, idempotencyKey: nil, fingerprint: ""),
            // A retry of the first post: its answer again, nothing new.
            .init(form: try form(person), token: token, idempotencyKey: "k1", fingerprint: "f1"),
            .init(form: try form([("公司", "Spam"), ("手机", "13700137000"), ("_gotcha", "buy")]), token: token, idempotencyKey: nil, fingerprint: ""),
        ]
        let results = IntakeService(context: db.context, actor: admin).submit(posts)
        #expect(results.count == 5)
        guard case let .success(.created(number)) = results[0] else {
            Issue.record("the first post registers: \(results[0])")
            return
        }
        if case let .failure(error) = results[1] {
            #expect(error as? IntakeRequestError == .keyReused)
        } else {
            Issue.record("a reused key is refused: \(results[1])")
        }
        if case let .success(answer) = results[2] { #expect(answer == .merged(number)) } else { Issue.record("\(results[2])") }
        if case let .success(answer) = results[3] { #expect(answer == .created(number)) } else { Issue.record("\(results[3])") }
        if case .failure = results[4] { Issue.record("the honeypot is answered as usual: \(results[4])") }

        let leads = try db.context.database.read { try String.fetchAll($0, sql: "SELECT number FROM lead") }
        #expect(leads == [number.description], "乙公司 and the spam are stored nowhere")
        let intakeRows = try db.context.database.read {
            try String.fetchAll($0, sql: "SELECT new FROM audit WHERE action = 'intake' ORDER BY id")
        }
        #expect(intakeRows == ["官网: registered, consent", "官网: merged, consent"])
        #expect(try db.context.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM lead_consent") } == 2)
        #expect(try db.context.database.read { try String.fetchAll($0, sql: "SELECT state FROM intake_request") } == ["done"])
    }

    /// Posts submitted at once from many threads all come back answered, each lead once.
    @Test func concurrentPostsAreAllAnswered() async throws {
        let db = try TemporaryDatabase()
        let admin = try db.actor("admin")
        let token = try IntakeTokenService(context: db.context, actor: admin).add(source: "官网").token
        let writer = IntakeWriter(service: IntakeService(context: db.context, actor: admin))
        let answers = try await withThrowingTaskGroup(of: IntakeAnswer.self) { group in
            for index in 0..<40 {
                let form = try IntakeForm(fields: [("公司", "公司\(index)"), ("手机", String(format: "1380000%04d", index))], token: token)
                group.addTask {
                    try await withCheckedThrowingContinuation { continuation in
                        writer.submit(form, token: token) { continuation.resume(with: $0) }
                    }
                }
            }
            return try await group.reduce(into: [IntakeAnswer]()) { $0.append($1) }
        }
        let numbers = Set(answers.compactMap { if case let .created(number) = $0 { number } else { nil } })
        #expect(numbers.count == 40)
        #expect(try db.context.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM lead") } == 40)
    }
}
