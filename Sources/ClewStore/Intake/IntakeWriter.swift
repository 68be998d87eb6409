import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Group commit for the intake server: the lead posts that arrive while one write transaction
/// runs are registered together in the next one, each in a savepoint of its own, so a busy form
/// pays for one `BEGIN … COMMIT`, one rules check and one write of each touched page per batch
/// instead of per post.
///
/// Every post is still decided alone — ``IntakeService/submit(_:token:idempotencyKey:fingerprint:)``'s
/// steps, in arrival order, each seeing the ones before it (two posts of one person: the second
/// is merged into the first) — and answered only after the transaction holding it committed. A
/// post that fails is rolled back to its savepoint and answered with its error; the others go on.
/// If the transaction itself fails (the lock not had within the busy timeout, the disk full),
/// every post of the batch gets that error and none of them was stored.
///
/// ```swift
/// let writer = IntakeWriter(service: IntakeService(context: context, actor: me))
/// writer.submit(form, token: token) { result in … }
/// ```
public final class IntakeWriter: @unchecked Sendable {
    /// One post waiting for its transaction.
    struct Job {
        var post: IntakeService.Submission
        var done: @Sendable (Result<IntakeAnswer, any Error>) -> Void
    }

    /// The most posts one transaction registers (so none holds the lock much over ~0.1 s).
    public static let maximumBatch = 32

    public let service: IntakeService
    private let lock = NSLock()
    private var waiting: [Job] = []
    private var draining = false
    private let queue = DispatchQueue(label: "clew.intake-writer")

    public init(service: IntakeService) {
        self.service = service
    }

    /// Registers `form` (as ``IntakeService/submit(_:token:idempotencyKey:fingerprint:)``) in the
    /// next batch; `done` is called once its transaction committed (or failed), on the writer's thread.
    public func submit(_ form: IntakeForm, token: IntakeToken, idempotencyKey: String? = nil, fingerprint: String = "",
                       done: @escaping @Sendable (Result<IntakeAnswer, any Error>) -> Void) {
        let job = Job(post: .init(form: form, token: token, idempotencyKey: idempotencyKey, fingerprint: fingerprint), done: done)
        let start = lock.withLock {
            waiting.append(job)
            defer { draining = true }
            return !draining
        }
        if start { queue.async { self.drain() } }
    }

    /// The batches, one after another, until nobody waits.
    private func drain() {
        while true {
            let batch: [Job] = lock.withLock {
                let taken = Array(waiting.prefix(Self.maximumBatch))
                waiting.removeFirst(taken.count)
                if taken.isEmpty { draining = false }
                return taken
            }
            guard !batch.isEmpty else { return }
            let results = service.submit(batch.map(\.post))
            for (job, result) in zip(batch, results) { job.done(result) }
        }
    }
}

extension IntakeService {
    /// One lead post: the form, its token and its `Idempotency-Key` (with the body's fingerprint).
    struct Submission {
        var form: IntakeForm
        var token: IntakeToken
        var idempotencyKey: String?
        var fingerprint: String
    }

    /// `posts` registered in one write transaction, each in its own savepoint, in order: each
    /// post's answer or error.
    func submit(_ posts: [Submission]) -> [Result<IntakeAnswer, any Error>] {
        // Validated before the transaction (nil: spam, kept nowhere).
        let checked: [Result<ValidatedLead?, any Error>] = posts.map { post in
            Result {
                try AccessPolicy.check(.registerLeads, actor)
                return post.form.isSpam ? nil : try context.process.checkingPickLists(post.form.draft).validate(latestFounded: context.currentYear)
            }
        }
        var results: [Result<IntakeAnswer, any Error>?] = checked.map { if case let .failure(error) = $0 { .failure(error) } else { nil } }
        guard results.contains(where: { $0 == nil }) else { return results.compactMap { $0 } }
        do {
            try context.mutate(as: actor) { batch in
                for (index, post) in posts.enumerated() {
                    guard case let .success(lead) = checked[index] else { continue }
                    // SQLite rolled the whole transaction back (a full disk): nothing may run outside it.
                    guard batch.db.isInsideTransaction else { throw StoreError.storageFailed("the intake's transaction was rolled back") }
                    let m = Mutation(db: batch.db, actor: acting(for: post.token), now: context.clock.now())
                    do {
                        results[index] = .success(try savepoint(m) {
                            try submit(post.form, checked: lead, token: post.token, idempotencyKey: post.idempotencyKey,
                                       fingerprint: post.fingerprint, m)
                        })
                    } catch let error as DatabaseError {
                        results[index] = .failure(StoreError(error))
                    } catch {
                        results[index] = .failure(error)
                    }
                }
            }
        } catch {
            // Nothing of the batch was committed: a post that had succeeded in it hears why.
            return results.map { result in
                if case let .failure(own)? = result { return .failure(own) }
                return .failure(error)
            }
        }
        return results.map { $0 ?? .failure(StoreError.storageFailed("the post was not handled")) }
    }
}
