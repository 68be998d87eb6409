import ClewDomain
import ClewStore
import Foundation

/// `/` search: the query and its results list.
public final class SearchModel {
    let services: ClewServices
    public private(set) var query = ""
    public private(set) var results: [SearchHit] = []
    public private(set) var cursor = SelectionList()

    public init(services: ClewServices) { self.services = services }

    public func run(_ text: String) throws {
        query = text
        results = try services.search.search(text, limit: 200)
        cursor.count = results.count
        cursor.first()
    }

    public var focused: SearchHit? { results.indices.contains(cursor.index) ? results[cursor.index] : nil }

    public func move(by delta: Int) { cursor.move(by: delta) }
    public func page(by pages: Int) { cursor.page(by: pages) }
    public func first() { cursor.first() }
    public func last() { cursor.last() }
    public func setVisibleRows(_ rows: Int) { cursor.visibleRows = rows }
}
