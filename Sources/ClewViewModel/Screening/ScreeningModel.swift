import ClewDomain
import ClewServices
import Foundation

/// The supervisor's screening queue (待筛选): oldest first, with score, suggested grade and
/// suggested rep; multi-select for bulk assignment.
public final class ScreeningModel {
    let services: any SessionServices
    public private(set) var items: [ScreeningItem] = []
    public private(set) var total = 0
    public private(set) var cursor = SelectionList()
    /// Lead numbers selected for a bulk action.
    public private(set) var selected: Set<String> = []
    /// How many items are loaded at once (the queue is read a page at a time).
    public static let pageSize = 200

    public init(services: any SessionServices) { self.services = services }

    /// Whether the queue's items have been read (the first frame reads only its count).
    public private(set) var isLoaded = false
    /// The queue read on another thread (``reloadInBackground()``).
    private let background = BackgroundLoad<(total: Int, items: [ScreeningItem])>()

    /// Reads the queue's count and first page now.
    public func reload() throws {
        background.cancel()
        try apply(total: try services.screening.count(), items: try services.screening.items(offset: 0, limit: Self.pageSize))
    }

    /// Reads only how many leads wait (the tab's badge), for a first frame that does not show
    /// the queue; the items follow with ``reloadInBackground()``.
    public func reloadCount() throws {
        total = try services.screening.count()
    }

    /// Reads the queue on another thread: scores and suggestions for a page of 200 take a
    /// frame's time, which a key pressed meanwhile would otherwise wait for.
    /// ``collectBackgroundLoad()`` applies the result on the key loop.
    public func reloadInBackground() {
        let service = services.screening
        background.start { (total: try service.count(), items: try service.items(offset: 0, limit: Self.pageSize)) }
    }

    /// Whether a background read is still to be applied.
    public var isLoadingInBackground: Bool { background.isPending }

    /// Applies a finished background read; true when the queue changed (draw again).
    @discardableResult
    public func collectBackgroundLoad() throws -> Bool {
        guard let result = background.take() else { return false }
        let page = try result.get()
        try apply(total: page.total, items: page.items)
        return true
    }

    private func apply(total: Int, items: [ScreeningItem]) throws {
        self.total = total
        self.items = items
        isLoaded = true
        cursor.count = items.count
        // A selection may reach past the loaded page (`*`): keep what is still in the queue.
        if selectedEntries.isEmpty {
            selected.formIntersection(Set(items.map(\.lead.number.description)))
        } else if !selected.isEmpty {
            let queue = Set(try services.screening.wholeQueue().map(\.number))
            selected.formIntersection(queue)
        }
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

    /// Selects the whole queue — every page of it, not only the loaded one — or clears the
    /// selection when the whole queue is selected already.
    public func toggleSelectAll() throws {
        let queue = try services.screening.wholeQueue()
        let all = Set(queue.map(\.number))
        if selected == all {
            selected = []
            selectedEntries = [:]
        } else {
            selected = all
            selectedEntries = Dictionary(queue.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The selected leads beyond the loaded page, as ``toggleSelectAll()`` read them.
    private var selectedEntries: [String: ScreeningEntry] = [:]

    /// The leads a bulk action applies to: the selection (queue order), else the focused lead.
    public var targets: [ScreeningItem] {
        selected.isEmpty ? (focused.map { [$0] } ?? []) : items.filter { selected.contains($0.lead.number.description) }
    }

    /// ``targets`` as plan entries, the selected leads on later pages included.
    var targetEntries: [ScreeningEntry] {
        guard !selected.isEmpty else { return focused.map { [Self.entry($0)] } ?? [] }
        let loaded = items.filter { selected.contains($0.lead.number.description) }.map(Self.entry)
        let loadedNumbers = Set(loaded.map(\.number))
        let rest = selectedEntries.values.filter { selected.contains($0.number) && !loadedNumbers.contains($0.number) }
        return loaded + rest.sorted { $0.number < $1.number }
    }

    private static func entry(_ item: ScreeningItem) -> ScreeningEntry {
        ScreeningEntry(number: item.lead.number.description, customer: item.lead.details.customer, grade: item.lead.grade,
                       region: item.lead.details.region, industry: item.lead.details.industry)
    }

    /// Who would get each target: all to `login`, or, when `login` is nil, spread over the
    /// actor's own reps as ``ClewDomain/AssignmentPlan`` decides (round-robin among the best
    /// placed, workload read now with each planned lead counted in, nobody past capacity).
    /// Writes nothing; ``apply(_:)`` does, after the user saw it.
    public func preview(to login: String? = nil) throws -> AssignmentPreview {
        let targets = targetEntries
        if let ungraded = targets.first(where: { $0.grade == nil }) {
            throw ScreeningError.ungraded(ungraded.number)
        }
        if let login {
            return AssignmentPreview(placements: targets.map { ($0.number, login) })
        }
        let placements = AssignmentPlan.distribute(targets.map(\.planned), among: try services.screening.assignableReps(),
                                                   now: services.now)
        var plan: [(number: String, login: String)] = []
        for placement in placements {
            guard let assignee = placement.login else { throw ScreeningError.noSuggestion(placement.number) }
            plan.append((placement.number, assignee))
        }
        return AssignmentPreview(placements: plan)
    }

    /// Writes a previewed plan in one transaction (all or nothing), then reloads the queue.
    public func apply(_ preview: AssignmentPreview) throws -> Int {
        guard !preview.placements.isEmpty else { return 0 }
        try services.leads.assign(preview.placements)
        selected = []
        selectedEntries = [:]
        try reload()
        return preview.placements.count
    }

    /// Assigns each target to `login`, or spreads them as ``preview(to:)`` plans, at once.
    public func assign(to login: String?) throws -> Int {
        try apply(try preview(to: login))
    }
}

/// A bulk assignment before it is written: who gets which lead.
public struct AssignmentPreview {
    /// Lead number → assignee, in the order they are written.
    public let placements: [(number: String, login: String)]

    /// How many leads each assignee gets, most first (then by login).
    public var perAssignee: [(login: String, count: Int)] {
        var counts: [String: Int] = [:]
        for placement in placements { counts[placement.login, default: 0] += 1 }
        return counts.map { ($0.key, $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.login < $1.login }
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
