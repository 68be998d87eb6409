/// One readline-style edit of a line of text (form fields, the `:` and `/` prompt).
///
/// The keys follow readline and lazygit: `Home`/`Ctrl-A` and `End`/`Ctrl-E` go to the ends,
/// `Ctrl-U` deletes to the start, `Ctrl-K` to the end, `Ctrl-W` the word before the cursor,
/// `Alt-B`/`Alt-F` move by words. A word is a run of letters, digits or CJK characters;
/// everything else (spaces, punctuation, full-width punctuation) separates words.
public enum LineEdit: Hashable, Sendable {
    case insert(Character)
    case deleteBackward
    case deleteForward
    case left
    case right
    case home
    case end
    case deleteToStart
    case deleteToEnd
    case deleteWordBackward
    case wordBackward
    case wordForward

    /// The edit a key makes, or `nil` for a key that does not edit text.
    public init?(_ key: Key) {
        switch key {
        case let .character(c): self = .insert(c)
        case .backspace, .control("h"): self = .deleteBackward
        case .delete, .control("d"): self = .deleteForward
        case .left, .control("b"): self = .left
        case .right, .control("f"): self = .right
        case .home, .control("a"): self = .home
        case .end, .control("e"): self = .end
        case .control("u"): self = .deleteToStart
        case .control("k"): self = .deleteToEnd
        case .control("w"), .meta("\u{7F}"): self = .deleteWordBackward
        case .meta("b"), .meta("B"): self = .wordBackward
        case .meta("f"), .meta("F"): self = .wordForward
        default: return nil
        }
    }

    /// Whether the edit can change the text (rather than only move the cursor).
    public var changesText: Bool {
        switch self {
        case .insert, .deleteBackward, .deleteForward, .deleteToStart, .deleteToEnd, .deleteWordBackward: true
        case .left, .right, .home, .end, .wordBackward, .wordForward: false
        }
    }

    /// Applies the edit to `text` with the cursor at `cursor` (in characters, clamped).
    public func apply(to text: inout String, cursor: inout Int) {
        var characters = Array(text)
        var at = min(max(cursor, 0), characters.count)
        switch self {
        case let .insert(character):
            characters.insert(character, at: at)
            at += 1
        case .deleteBackward:
            guard at > 0 else { break }
            characters.remove(at: at - 1)
            at -= 1
        case .deleteForward:
            if at < characters.count { characters.remove(at: at) }
        case .left: at = max(0, at - 1)
        case .right: at = min(characters.count, at + 1)
        case .home: at = 0
        case .end: at = characters.count
        case .deleteToStart:
            characters.removeSubrange(0..<at)
            at = 0
        case .deleteToEnd:
            characters.removeSubrange(at..<characters.count)
        case .deleteWordBackward:
            let start = Self.wordStart(before: at, in: characters)
            characters.removeSubrange(start..<at)
            at = start
        case .wordBackward: at = Self.wordStart(before: at, in: characters)
        case .wordForward: at = Self.wordEnd(after: at, in: characters)
        }
        if changesText { text = String(characters) }
        cursor = at
    }

    private static func isWord(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// The start of the word before `index`, skipping separators first (readline's `M-b`).
    private static func wordStart(before index: Int, in characters: [Character]) -> Int {
        var i = index
        while i > 0, !isWord(characters[i - 1]) { i -= 1 }
        while i > 0, isWord(characters[i - 1]) { i -= 1 }
        return i
    }

    /// The end of the word after `index`, skipping separators first (readline's `M-f`).
    private static func wordEnd(after index: Int, in characters: [Character]) -> Int {
        var i = index
        while i < characters.count, !isWord(characters[i]) { i += 1 }
        while i < characters.count, isWord(characters[i]) { i += 1 }
        return i
    }
}
