import ClewDomain
import Foundation

/// Where a reader's view of the database stands: the last audit row and the last notification
/// it has seen. ``ChangeSource/changes(since:for:)`` says what was committed after it.
public struct ChangeMark: Hashable, Sendable {
    public var audit: Int64
    public var notification: Int64

    public init(audit: Int64 = 0, notification: Int64 = 0) {
        self.audit = audit
        self.notification = notification
    }
}
