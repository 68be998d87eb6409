import Foundation
import Testing

@Suite("CLI under concurrency", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLIConcurrencyTests {
    @Test func concurrentProcessesGetUniqueConsecutiveLeadNumbers() throws {
        let s = try CLISandbox()
        try s.ok("init")
        let workers = 5, perWorker = 10
        let collected = Collected()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for i in 0..<perWorker {
                // 1390wwii0000-style numbers: unique per (worker, i), none looks fake.
                let phone = "139\(worker)\(String(format: "%02d", i))5\(String(format: "%04d", worker * 131 + i * 17))"
                do {
                    let result = try s.clew("lead", "add", "--customer", "并发客户\(worker)-\(i)", "--phone", phone, "--source", "展会")
                    collected.add(result)
                } catch {
                    collected.fail("\(error)")
                }
            }
        }
        let (results, failures) = collected.snapshot
        #expect(failures.isEmpty, "\(failures)")
        #expect(results.count == workers * perWorker)
        for result in results {
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr.isEmpty, "\(result)")
        }
        let numbers = results.map { $0.stdout.trimmingCharacters(in: .newlines) }
        #expect(Set(numbers).count == numbers.count, "duplicate numbers: \(numbers.sorted())")
        let days = Set(numbers.map { String($0.dropFirst(3).prefix(8)) })
        #expect(days.count == 1, "the test ran across midnight?")
        let sequences = numbers.compactMap { Int($0.split(separator: "-").last ?? "") }.sorted()
        #expect(sequences == Array(1...(workers * perWorker)))
        // Every lead made it into the database.
        let listed = try #require(try s.clew("lead", "list", "--json", "--limit", "1000").json() as? [[String: Any]])
        #expect(Set(listed.compactMap { $0["number"] as? String }) == Set(numbers))
    }
}

/// Results gathered from concurrent workers.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [CLIResult] = []
    private var failures: [String] = []
    func add(_ result: CLIResult) { lock.withLock { results.append(result) } }
    func fail(_ message: String) { lock.withLock { failures.append(message) } }
    var snapshot: ([CLIResult], [String]) { lock.withLock { (results, failures) } }
}
