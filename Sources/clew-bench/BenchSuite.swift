import ClewDomain
import ClewBenchBaselines
import ClewServices
import ClewStore
import ClewViewModel

/// The measured queries: each service call beside its raw-SQL baseline from ``BaselineQueries``,
/// on the same database in the same run, against the DESIGN.md §10 budget it serves.
struct BenchSuite {
    let bench: BenchDatabase
    let stopwatch: Stopwatch

    /// Latin and CJK (two- and four-character) search texts, as admin.
    static let searches = ["saas", "Northwind", "华东", "恒通科技"]
    /// In follow-up notes only, so search falls through to `follow_up_search`.
    static let followUpOnlySearch = "竞品"
    static let pageSize = 50

    func run(progress: (String) -> Void) throws -> [BenchReport.Query] {
        let context = bench.context
        let baseline = BaselineQueries(database: context.database)
        let page = Self.pageSize
        var results: [BenchReport.Query] = []

        func measure(_ name: String, detail: String? = nil, target: BenchReport.Target,
                     service: () throws -> Int, baseline: (() throws -> Int)?) throws {
            progress(name)
            let timing = try stopwatch.measure(service: service, baseline: baseline)
            results.append(BenchReport.Query(name: name, detail: detail, timing: timing, target: target))
        }

        // 2. `lead list`, first page, default query.
        for (label, actor) in [("admin", bench.admin), ("rep \(bench.rep.login)", bench.rep)] {
            let leads = LeadService(context: context, actor: actor)
            try measure("lead list p1 · \(label)", target: .keyToFrame,
                        service: { try leads.list(LeadQuery(limit: page)).count },
                        baseline: { try baseline.leadListFirstPage(visibleTo: actor, limit: page) })
        }

        // 3. The screening screen as the TUI loads it: ScreeningModel.reload() — the count and
        // the first page of ScreeningService.items at the model's own page size (ages, scores,
        // suggestions) — on the first frame and whenever the data changes.
        let screenPage = ScreeningModel.pageSize
        for (label, actor) in [("admin", bench.admin), ("supervisor \(bench.supervisor.login)", bench.supervisor)] {
            let model = ScreeningModel(services: LiveServices(context: context, actor: actor))
            try measure("screening screen p1 (\(screenPage)) · \(label)",
                        detail: "ScreeningModel.reload(): count + \(screenPage) items with ages, scores, suggestions (what the TUI loads)",
                        target: .firstFrame,
                        service: { try model.reload(); return model.items.count },
                        baseline: { try baseline.screeningFirstPage(visibleTo: actor, limit: screenPage) })
        }

        // 4. Search.
        let admin = SearchService(context: context, actor: bench.admin)
        for text in Self.searches {
            try measure("search \"\(text)\" · admin", detail: BaselineQueries.matchExpression(for: text), target: .search,
                        service: { try admin.search(text, limit: page).count },
                        baseline: { try baseline.searchMatch(text, limit: page) })
        }
        let rep = SearchService(context: context, actor: bench.rep)
        let regional = "华东"
        try measure("search \"\(regional)\" · rep", detail: BaselineQueries.matchExpression(for: regional), target: .search,
                    service: { try rep.search(regional, limit: page).count },
                    baseline: { try baseline.searchMatch(regional, limit: page) })
        let notes = Self.followUpOnlySearch
        try measure("search \"\(notes)\" · admin (notes)", detail: "no lead field matches; lead MATCH + follow-up MATCH",
                    target: .search,
                    service: { try admin.search(notes, limit: page).count },
                    baseline: { try baseline.searchMatch(notes, limit: page) + baseline.followUpSearchMatch(notes, limit: page * 2) })
        return results
    }
}
