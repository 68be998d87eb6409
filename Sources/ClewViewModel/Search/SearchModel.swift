import ClewDomain
import ClewServices
import Foundation

/// `/` search: the query, how many leads match it, and the results loaded so far — a page at a
/// time, the next page read when the cursor reaches the end of the loaded ones.
public final class SearchModel {
    let services: any SessionServices
    public private(set) var query = ""
    public private(set) var results: [SearchHit] = []
    /// How many leads match the query in all (the results may hold fewer: pages load as needed).
    public private(set) var total = 0
    public private(set) var cursor = SelectionList()
    /// How many hits one page loads.
    public static let pageSize = 200

    public init(services: any SessionServices) { self.services = services }

    /// Runs `text` from its first page (an empty text clears the results).
    public func run(_ text: String) throws {
        query = text
        guard !TextNormalization.trimmed(text).isEmpty else {
            results = []
            total = 0
            cursor.count = 0
            return
        }
        results = try services.search.search(text, offset: 0, limit: Self.pageSize)
        total = results.count < Self.pageSize ? results.count : try services.search.count(text)
        cursor.count = results.count
        cursor.first()
    }

    /// True while more hits match than are loaded.
    public var hasMore: Bool { results.count < total }

    /// Loads the next page when the cursor is within a screen of the loaded end.
    private func loadMoreIfNeeded() throws {
        guard hasMore, cursor.index >= results.count - max(1, cursor.visibleRows) else { return }
        let next = try services.search.search(query, offset: results.count, limit: Self.pageSize)
        guard !next.isEmpty else { total = results.count; return }
        results += next
        cursor.count = results.count
    }

    public var focused: SearchHit? { results.indices.contains(cursor.index) ? results[cursor.index] : nil }

    public func move(by delta: Int) throws {
        cursor.move(by: delta)
        try loadMoreIfNeeded()
    }

    public func page(by pages: Int) throws {
        cursor.page(by: pages)
        try loadMoreIfNeeded()
    }

    public func first() { cursor.first() }

    /// The last loaded hit, after loading the next page if there is one (never every page at
    /// once: `G` again goes further).
    public func last() throws {
        if hasMore {
            let next = try services.search.search(query, offset: results.count, limit: Self.pageSize)
            if next.isEmpty { total = results.count } else { results += next }
        }
        cursor.count = results.count
        cursor.last()
    }

    public func setVisibleRows(_ rows: Int) { cursor.visibleRows = rows }
}
