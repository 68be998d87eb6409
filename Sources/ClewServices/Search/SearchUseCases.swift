import ClewDomain
import Foundation

/// Full-text search over the leads the actor may read (Chinese substrings included).
public protocol SearchUseCases: Sendable {
    /// A page of the leads matching `text`, best first.
    func search(_ text: String, offset: Int, limit: Int) throws -> [SearchHit]
    /// How many readable leads match `text`.
    func count(_ text: String) throws -> Int
}
