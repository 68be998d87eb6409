import Dispatch

/// Runs the store's blocking calls (SQLite transactions) on a thread of their own, so a
/// transaction waiting for the write lock never holds one of Swift's few cooperative threads
/// (two on this kind of machine) and `/healthz` stays quick under load.
enum StoreWork {
    private static let queue = DispatchQueue(label: "clew-serve.store", attributes: .concurrent)

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
