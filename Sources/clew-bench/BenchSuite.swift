import ClewDomain
import ClewStore

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

        // 3. The screening queue, oldest first.
        for (label, actor) in [("admin", bench.admin), ("supervisor \(bench.supervisor.login)", bench.supervisor)] {
            let leads = LeadService(context: context, actor: actor)
            try measure("screening queue p1 · \(label)", target: .keyToFrame,
                        service: { try leads.screeningQueue(limit: page).count },
                        baseline: { try baseline.screeningFirstPage(visibleTo: actor, limit: page) })
        }
        let queue = LeadService(context: context, actor: bench.admin)
        if let last = try queue.screeningQueue(limit: page).last {
            try Self.checkContinues(queue, after: last)
            try measure("screening queue p2 · admin", detail: "keyset: after the last lead of page 1; no baseline", target: .keyToFrame,
                        service: { try queue.screeningQueue(limit: page, after: last.number.description).count },
                        baseline: nil)
        }
        let screening = ScreeningService(context: context, actor: bench.supervisor)
        try measure("screening screen p1 · supervisor", detail: "ScreeningService count() + items(): ages, scores, suggestions; loaded with the first frame and on changes, not per key",
                    target: .firstFrame,
                    service: { _ = try screening.count(); return try screening.items(limit: page).count },
                    baseline: { try baseline.screeningFirstPage(visibleTo: bench.supervisor, limit: page) })

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

    /// Makes sure page 2 of the screening queue starts after page 1, oldest first, so the paging
    /// being timed is the right one.
    private static func checkContinues(_ queue: LeadService, after last: Lead) throws {
        let next = try queue.screeningQueue(limit: pageSize, after: last.number.description)
        let key = { (lead: Lead) in (lead.statusChangedAt, lead.id) }
        guard let first = next.first else { return }
        let ordered = zip([last] + next, next).allSatisfy { key($0) < key($1) }
        guard ordered, key(last) < key(first) else {
            throw BenchError("screening queue page 2 does not continue page 1 in (status_changed_at, id) order")
        }
    }
}
