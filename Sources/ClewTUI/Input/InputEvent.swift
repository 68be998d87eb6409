import ClewViewModel

/// One thing the terminal reported: a key, a resize, a mouse click, or nothing (timeout).
public enum InputEvent: Equatable, Sendable {
    /// A key press.
    case key(Key)
    /// The terminal changed size; redraw at the new ``Screen/size``.
    case resize
    /// A left click at a cell (zero-based).
    case mouse(row: Int, column: Int)
    /// Nothing arrived before the timeout, or something that maps to no key.
    case none
}
