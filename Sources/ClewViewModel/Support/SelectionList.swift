/// A cursor over a list that is drawn through a window of `visibleRows` rows: moving the cursor
/// scrolls the window just enough to keep it visible (as in tig and lazygit).
public struct SelectionList: Hashable, Sendable {
    /// How many items there are.
    public var count: Int { didSet { clamp() } }
    /// The selected index (0 when empty).
    public private(set) var index = 0
    /// The first visible index.
    public private(set) var offset = 0
    /// How many rows the window shows (set by the layout).
    public var visibleRows = 10 { didSet { clamp() } }

    public init(count: Int = 0) { self.count = count }

    public mutating func move(by delta: Int) { select(index + delta) }
    public mutating func page(by pages: Int) { select(index + pages * max(1, visibleRows - 1)) }
    public mutating func first() { select(0) }
    public mutating func last() { select(count - 1) }

    /// Selects `newIndex`, clamped to the list, scrolling the window to show it.
    public mutating func select(_ newIndex: Int) {
        index = newIndex
        clamp()
    }

    /// Moves the cursor to the nearest index that `isSelectable` accepts: from the cursor on
    /// in the direction given, else the other way (headings and notes are passed over).
    public mutating func selectNearest(forward: Bool, _ isSelectable: (Int) -> Bool) {
        guard count > 0 else { return }
        var candidate = index
        while candidate >= 0, candidate < count, !isSelectable(candidate) { candidate += forward ? 1 : -1 }
        if candidate < 0 || candidate >= count {
            candidate = index
            while candidate >= 0, candidate < count, !isSelectable(candidate) { candidate += forward ? -1 : 1 }
        }
        if candidate >= 0, candidate < count { select(candidate) }
    }

    private mutating func clamp() {
        index = count == 0 ? 0 : min(max(index, 0), count - 1)
        let rows = max(1, visibleRows)
        if index < offset { offset = index }
        if index >= offset + rows { offset = index - rows + 1 }
        offset = max(0, min(offset, max(0, count - rows)))
    }
}
