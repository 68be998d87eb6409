import ClewDomain
import ClewStore
import Foundation

/// The supervisor's screening queue (待筛选): oldest first, with score, suggested grade and
/// suggested rep; multi-select for bulk assignment.
public final class ScreeningModel {
    let services: ClewServices
    public private(set) var items: [ScreeningItem] = []
    public private(set) var total = 0
    public private(set) var cursor = SelectionList()
    /// Lead numbers selected for a bulk action.
    public private(set) var selected: Set<String> = []
    /// How many items are loaded at once (the queue is read a page at a time).
    public static let pageSize = 200

    public init(services: ClewServices) { self.services = services }

    public func reload() throws {
        total = try services.screening.count()
        items = try services.screening.items(offset: 0, limit: Self.pageSize)
        cursor.count = items.count
        let present = Set(items.map(\.lead.number.description))
        selected.formIntersection(present)
    }

    public var focused: ScreeningItem? { items.indices.contains(cursor.index) ? items[cursor.index] : nil }

    public func move(by delta: Int) { cursor.move(by: delta) }
    public func page(by pages: Int) { cursor.page(by: pages) }
    public func first() { cursor.first() }
    public func last() { cursor.last() }
    public func setVisibleRows(_ rows: Int) { cursor.visibleRows = rows }

    /// Selects or unselects the focused lead, then moves down.
    public func toggleSelection() {
        guard let number = focused?.lead.number.description else { return }
        if selected.contains(number) { selected.remove(number) } else { selected.insert(number) }
        cursor.move(by: 1)
    }

    /// Selects every loaded lead, or clears the selection when all are selected.
    public func toggleSelectAll() {
        let all = Set(items.map(\.lead.number.description))
        selected = selected == all ? [] : all
    }

    /// The leads a bulk action applies to: the selection, else the focused lead.
    public var targets: [ScreeningItem] {
        selected.isEmpty ? (focused.map { [$0] } ?? []) : items.filter { selected.contains($0.lead.number.description) }
    }

    /// Assigns each target to `login`, or, when `login` is nil, distributes them over the
    /// actor's reps as ``ClewDomain/AssignmentPlan`` decides (workload read now, each planned
    /// lead counted in), all in one transaction. Ungraded leads are reported, not graded.
    public func assign(to login: String?) throws -> Int {
        let targets = self.targets
        if let ungraded = targets.first(where: { $0.lead.grade == nil }) {
            throw ScreeningError.ungraded(ungraded.lead.number.description)
        }
        var plan: [(number: String, login: String)] = []
        if let login {
            plan = targets.map { ($0.lead.number.description, login) }
        } else {
            let placements = AssignmentPlan.distribute(
                targets.map { AssignmentPlan.Lead(number: $0.lead.number.description, region: $0.lead.details.region, industry: $0.lead.details.industry) },
                among: try services.screening.assignableReps(), now: services.context.clock.now())
            for placement in placements {
                guard let assignee = placement.login else { throw ScreeningError.noSuggestion(placement.number) }
                plan.append((placement.number, assignee))
            }
        }
        guard !plan.isEmpty else { return 0 }
        try services.leads.assign(plan)
        selected = []
        try reload()
        return plan.count
    }
}

/// Why a screening action could not run.
public enum ScreeningError: BilingualError, Equatable {
    case ungraded(String)
    case noSuggestion(String)

    public var english: String {
        switch self {
        case let .ungraded(number): "grade \(number) first (r), then assign it"
        case let .noSuggestion(number): "no rep has room for \(number); assign it to someone by name (:assign LOGIN)"
        }
    }

    public var chinese: String {
        switch self {
        case let .ungraded(number): "请先为 \(number) 评级（r），再分配"
        case let .noSuggestion(number): "没有销售能再接 \(number)，请指定分配给某人（:assign 登录名）"
        }
    }
}
