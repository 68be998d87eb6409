import ClewDomain
import ClewServices
import Foundation

/// The lead pools screen (线索池, key `4`): the reader's pools with their counts and today's
/// claims against the daily limit on the left, the leads of the focused pool on the right, a
/// page at a time; `c` claims, space selects, `C` claims the selection.
public final class PoolsModel {
    let services: any SessionServices
    public private(set) var pools: [PoolSummary] = []
    /// The cursor in the pool list.
    public private(set) var poolCursor = SelectionList()
    /// The loaded leads of the focused pool.
    public private(set) var leads: [Lead] = []
    /// The cursor in the focused pool's leads.
    public private(set) var leadCursor = SelectionList()
    /// True when the keys move in the lead list, false in the pool list.
    public private(set) var leadsFocused = true
    /// Lead numbers selected for a bulk claim (in the focused pool).
    public private(set) var selected: Set<String> = []
    /// How many leads of a pool are loaded at once.
    public static let pageSize = 200

    /// How many of the reader's open leads came from a pool: the last entry of the pool list
    /// ("my claims"), where `p` returns one with a reason. Reps only.
    public private(set) var claimedCount = 0
    private var loadedOnce = false

    public init(services: any SessionServices) { self.services = services }

    /// Whether the pool list ends with the reader's own claims (reps work leads from pools).
    public var listsClaims: Bool { services.actor.role == .rep }

    /// The focused pool (nil on "my claims").
    public var focusedPool: PoolSummary? { pools.indices.contains(poolCursor.index) ? pools[poolCursor.index] : nil }

    /// Whether "my claims" is the focused entry of the pool list.
    public var claimsFocused: Bool { listsClaims && poolCursor.index == pools.count }

    /// The focused lead.
    public var focusedLead: Lead? { leadsFocused && leads.indices.contains(leadCursor.index) ? leads[leadCursor.index] : nil }

    /// Reads the pools and the focused pool's first page again, keeping the focus by name.
    public func reload() throws {
        let previous = focusedPool?.name
        let wasOnClaims = loadedOnce && claimsFocused
        defer { loadedOnce = true }
        pools = try services.pools.pools()
        if listsClaims { claimedCount = try services.pools.claimedCount() }
        poolCursor.count = pools.count + (listsClaims ? 1 : 0)
        if wasOnClaims {
            poolCursor.select(pools.count)
        } else if let previous, let index = pools.firstIndex(where: { $0.name == previous }) {
            poolCursor.select(index)
        }
        try loadLeads(keepingCursor: wasOnClaims ? claimsFocused : focusedPool?.name == previous)
    }

    private func loadLeads(keepingCursor: Bool) throws {
        if claimsFocused {
            let index = leadCursor.index
            leads = try services.pools.claimedLeads(offset: 0, limit: max(Self.pageSize, keepingCursor ? leads.count : 0))
            leadCursor.count = leads.count
            if keepingCursor { leadCursor.select(index) } else { leadCursor.first() }
            selected = []
            return
        }
        guard let pool = focusedPool else {
            leads = []
            leadCursor.count = 0
            selected = []
            return
        }
        let index = leadCursor.index
        leads = try services.pools.leads(in: pool.name, offset: 0, limit: max(Self.pageSize, keepingCursor ? leads.count : 0))
        leadCursor.count = leads.count
        if keepingCursor { leadCursor.select(index) } else { leadCursor.first() }
        selected.formIntersection(Set(leads.map(\.number.description)))
    }

    public func setVisibleRows(_ rows: Int) {
        poolCursor.visibleRows = rows
        leadCursor.visibleRows = rows
    }

    /// Moves in the focused list (another pool shows its leads).
    public func move(by delta: Int) throws { try step { $0.move(by: delta) } }

    public func page(by pages: Int) throws { try step { $0.page(by: pages) } }

    /// Moves the focused list's cursor: in the leads, loading the next page as needed; in the
    /// pools, showing the newly focused pool's leads.
    private func step(_ change: (inout SelectionList) -> Void) throws {
        if leadsFocused {
            change(&leadCursor)
            try loadMoreIfNeeded()
        } else {
            change(&poolCursor)
            selected = []
            try loadLeads(keepingCursor: false)
        }
    }

    /// The next page of the pool's leads, when the cursor nears the loaded end.
    private func loadMoreIfNeeded() throws {
        let total = claimsFocused ? claimedCount : (focusedPool?.leads ?? 0)
        guard claimsFocused || focusedPool != nil, leads.count < total, leadCursor.index >= leads.count - max(1, leadCursor.visibleRows) else { return }
        let next = claimsFocused ? try services.pools.claimedLeads(offset: leads.count, limit: Self.pageSize)
            : try services.pools.leads(in: focusedPool?.name ?? "", offset: leads.count, limit: Self.pageSize)
        leads += next
        leadCursor.count = leads.count
    }

    /// Switches the keys between the pool list and the lead list.
    public func switchPane() { leadsFocused.toggle() }

    /// Selects or unselects the focused lead, then moves down (not among "my claims": a return
    /// asks its own reason, one lead at a time).
    public func toggleSelection() {
        guard !claimsFocused, let number = focusedLead?.number.description else { return }
        if selected.contains(number) { selected.remove(number) } else { selected.insert(number) }
        leadCursor.move(by: 1)
    }

    /// The lead under the lead cursor, whichever list has the keys: `c` in the pool list
    /// claims the lead highlighted beside it, as lazygit acts on the item a panel shows.
    public var highlightedLead: Lead? { leads.indices.contains(leadCursor.index) ? leads[leadCursor.index] : nil }

    /// The leads a claim applies to: the selection (in list order), else the highlighted lead.
    public var targets: [Lead] {
        selected.isEmpty ? (highlightedLead.map { [$0] } ?? []) : leads.filter { selected.contains($0.number.description) }
    }

    /// Claims ``targets`` in one transaction (all or none), then reloads.
    public func claim() throws -> [String] {
        let numbers = targets.map(\.number.description)
        guard !numbers.isEmpty else { return [] }
        try services.leads.claim(numbers)
        selected = []
        try reload()
        return numbers
    }
}
