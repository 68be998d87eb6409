import ClewAutomation
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// The automation's budgets (issue 4): the tick over every open lead of the seeded database
/// (target < 500 ms once caught up), the first tick that catches up on everything the seed left
/// due, and assignment suggestions per second.
struct AutomationBench {
    let bench: BenchDatabase
    let stopwatch: Stopwatch

    /// The first tick: one run, so a single figure rather than a median.
    struct CatchUp: Encodable {
        var openLeads: Int
        var firings: Int
        var seconds: Double

        var text: String {
            String(format: "first tick over %d open leads (catching up on the seed): %d firings in %.2f s", openLeads, firings, seconds)
        }
    }

    func run(progress: (String) -> Void) throws -> (queries: [BenchReport.Query], catchUp: CatchUp) {
        let tick = TickService(context: bench.context, actor: bench.admin)
        let asOf = bench.context.clock.now()
        let openLeads = try tick.watchedLeadCount()
        progress("automation: first tick (catch-up)")
        let (first, firstTime) = try Stopwatch.time { try tick.run(asOf: asOf) }
        let catchUp = CatchUp(openLeads: openLeads, firings: first.firings.count, seconds: firstTime.milliseconds / 1000)

        var results: [BenchReport.Query] = []
        progress("automation: steady tick")
        let steady = try stopwatch.measure(service: { try tick.run(asOf: asOf).firings.count }, baseline: nil)
        results.append(BenchReport.Query(name: "tick · \(openLeads) open leads, caught up",
                                         detail: "every timer query + lease; fires nothing new", timing: steady, target: .tick))

        progress("automation: assignment suggestions")
        let screening = ScreeningService(context: bench.context, actor: bench.supervisor)
        let batch = 20
        let suggestions = try stopwatch.measure(service: {
            var total = 0
            for _ in 0..<batch { total += try screening.suggestions(region: "华东", industry: "制造业").count }
            return total
        }, baseline: nil)
        var query = BenchReport.Query(name: "assignment suggestions × \(batch)",
                                      detail: "reps' live workload + rank by region, industry, load", timing: suggestions, target: .suggestions)
        query.rows = batch
        results.append(query)
        return (results, catchUp)
    }
}
