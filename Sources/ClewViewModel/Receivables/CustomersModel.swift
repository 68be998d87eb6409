import ClewDomain
import ClewServices
import Foundation

/// The customer screen (客户, key `6`): the customers the reader may read, by name, a page at a
/// time, narrowed by a name filter (`f`); `Enter` shows the focused customer's contacts,
/// contracts, payments and timeline beside the list, following the cursor until `Esc`.
public final class CustomersModel {
    let services: any SessionServices
    /// The loaded customers (``pageSize`` more as the cursor nears the end).
    public private(set) var customers: [CustomerSummary] = []
    public private(set) var cursor = SelectionList()
    /// The name filter ("" for every customer).
    public private(set) var filter = ""
    /// Whether more customers than the loaded ones match.
    public private(set) var hasMore = false
    /// The open customer, shown beside the list.
    public private(set) var detail: CustomerDetail?
    /// How many customers are read at once.
    public static let pageSize = 100

    public init(services: any SessionServices) { self.services = services }

    /// Whether the role reads customers at all (marketing does not).
    public var permitted: Bool { ReceivableAccess.seesAll(services.actor) || services.actor.role == .rep }

    public var focused: CustomerSummary? { customers.indices.contains(cursor.index) ? customers[cursor.index] : nil }

    /// Reads the first pages again (as many as were loaded), keeping the cursor and the open customer.
    public func reload() throws {
        guard permitted else { customers = []; cursor.count = 0; return }
        let want = max(Self.pageSize, customers.count)
        customers = try services.receivables.customers(matching: filter, offset: 0, limit: want + 1)
        hasMore = customers.count > want
        if hasMore { customers.removeLast() }
        cursor.count = customers.count
        if let open = detail?.summary.id { detail = try? services.receivables.customer(String(open)) }
    }

    /// Narrows the list to names containing `text` (blank: every customer) and goes to the top.
    public func setFilter(_ text: String) throws {
        filter = TextNormalization.trimmed(text)
        customers = []
        cursor.first()
        detail = nil
        try reload()
    }

    public func setVisibleRows(_ rows: Int) { cursor.visibleRows = max(1, rows) }

    public func move(by delta: Int) throws { cursor.move(by: delta); try afterMove() }
    public func page(by pages: Int) throws { cursor.page(by: pages); try afterMove() }
    public func first() throws { cursor.first(); try afterMove() }
    public func last() throws { cursor.last(); try afterMove() }

    /// Shows the focused customer beside the list.
    public func openFocused() throws {
        guard let focused else { return }
        detail = try services.receivables.customer(String(focused.id))
    }

    /// Shows customer `key` (an id or an exact name), focusing it in the list when loaded.
    public func open(_ key: String) throws {
        let found = try services.receivables.customer(key)
        if customers.isEmpty { try reload() }
        if let index = customers.firstIndex(where: { $0.id == found.summary.id }) { cursor.select(index) }
        detail = found
    }

    public func closeDetail() { detail = nil }

    /// Loads the next page near the end; the open customer follows the cursor.
    private func afterMove() throws {
        if hasMore, cursor.index >= customers.count - max(1, cursor.visibleRows) {
            let next = try services.receivables.customers(matching: filter, offset: customers.count, limit: Self.pageSize + 1)
            hasMore = next.count > Self.pageSize
            customers += next.prefix(Self.pageSize)
            cursor.count = customers.count
        }
        if detail != nil, let focused, focused.id != detail?.summary.id {
            detail = try services.receivables.customer(String(focused.id))
        }
    }
}
