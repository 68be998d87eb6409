/// One key press, as the keymap and the view models see it (no ncurses codes here).
///
/// Written in `keymap.conf` as `j`, `J`, `<Enter>`, `<C-x>`, `<M-x>`, `<F5>` … (DESIGN §9).
public enum Key: Hashable, Sendable {
    /// A printable character, including CJK and full-width ones.
    case character(Character)
    /// Control plus a letter: `<C-x>` is `.control("x")`.
    case control(Character)
    /// Alt/Meta plus a character: `<M-x>` is `.meta("x")`.
    case meta(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, pageUp, pageDown, home, end
    /// `<F1>` … `<F12>`.
    case function(Int)
}

/// Keys pressed in a row that form one binding, like `gg`.
public typealias KeySequence = [Key]
