import ClewDomain
import ClewServices
import Foundation

/// The task inbox (收件箱): sections of rows with one cursor that skips section headers.
public final class InboxModel {
    let services: any SessionServices

    /// One row of the inbox.
    public enum Row: Hashable, Sendable {
        case header(String, count: Int)
        case task(TaskItem, overdue: Bool)
        case assignment(Lead)
        case approval(ApprovalItem)
        case notification(NotificationItem)

        public var isSelectable: Bool {
            if case .header = self { return false }
            return true
        }

        /// The lead the row is about.
        public var leadNumber: String? {
            switch self {
            case .header: nil
            case let .task(task, _): task.leadNumber
            case let .assignment(lead): lead.number.description
            case let .approval(item): item.leadNumber
            case let .notification(item): item.leadNumber
            }
        }
    }

    public private(set) var inbox: Inbox?
    public private(set) var rows: [Row] = []
    public private(set) var cursor = SelectionList()

    public init(services: any SessionServices) { self.services = services }

    /// The most items of each kind one reload reads.
    static let inboxLimit = 100

    /// The leads the inbox lists (a change to one of them reloads it).
    public var leadIDs: Set<Int64> {
        Set((inbox?.awaitingConfirmation ?? []).map(\.id))
    }

    /// The badge on the inbox tab.
    public var badge: Int { inbox?.count ?? 0 }

    public func reload() throws {
        let previous = selectedRow
        let loaded = try services.inbox.inbox(limit: Self.inboxLimit)
        inbox = loaded
        var rows: [Row] = []
        func section(_ title: String, _ items: [Row]) {
            guard !items.isEmpty else { return }
            rows.append(.header(title, count: items.count))
            rows += items
        }
        section("assignments", loaded.awaitingConfirmation.map(Row.assignment))
        section("approvals", loaded.approvals.map(Row.approval))
        section("overdue", loaded.overdue.map { .task($0, overdue: true) })
        section("today", loaded.today.map { .task($0, overdue: false) })
        // People's messages apart from the automation's alerts (each with its whole unread count).
        for group in NotificationGroup.allCases {
            let items = loaded.notifications.filter { NotificationGroup(kind: $0.kind) == group }
            guard !items.isEmpty else { continue }
            rows.append(.header(group.rawValue, count: loaded.unread[group] ?? items.count))
            rows += items.map(Row.notification)
        }
        section("upcoming", loaded.upcoming.map { .task($0, overdue: false) })
        self.rows = rows
        cursor.count = rows.count
        if let previous, let index = rows.firstIndex(of: previous) { cursor.select(index) } else { skipHeader(forward: true) }
    }

    /// The notification group the cursor is in (its row, or the section it belongs to).
    public var selectedGroup: NotificationGroup? {
        guard case let .notification(item) = selectedRow else { return nil }
        return NotificationGroup(kind: item.kind)
    }

    public var selectedRow: Row? {
        rows.indices.contains(cursor.index) && rows[cursor.index].isSelectable ? rows[cursor.index] : nil
    }

    public func move(by delta: Int) {
        cursor.move(by: delta)
        skipHeader(forward: delta >= 0)
    }

    public func page(by pages: Int) {
        cursor.page(by: pages)
        skipHeader(forward: pages >= 0)
    }

    public func first() {
        cursor.first()
        skipHeader(forward: true)
    }

    public func last() {
        cursor.last()
        skipHeader(forward: false)
    }

    public func setVisibleRows(_ rows: Int) { cursor.visibleRows = rows }

    private func skipHeader(forward: Bool) {
        cursor.selectNearest(forward: forward) { rows[$0].isSelectable }
    }
}

extension InboxModel {
    /// A notification in the reader's language (see ``NotificationText``).
    public func text(of item: NotificationItem, t: Localizer) -> String {
        NotificationText(t, pipeline: services.pipeline).text(of: item)
    }

    /// A stage key (of an approval request) by the stage's name in the interface language.
    public func stageName(_ key: String?, t: Localizer) -> String {
        guard let key else { return "" }
        return services.pipeline.stage(named: key).map(t.stage) ?? key
    }
}
