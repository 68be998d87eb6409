import CNCursesW
import ClewViewModel

/// Maps what `wget_wch` returns to ``InputEvent``s: pure functions, testable without a terminal.
///
/// `wget_wch` returns either `OK` with a character (``RawInput/character(_:)``) or `KEY_CODE_YES`
/// with a curses key code (``RawInput/keyCode(_:)``).
public enum KeyDecoder {
    /// One raw result of `wget_wch`.
    public enum RawInput: Equatable, Sendable {
        /// `OK`: a character code (Unicode scalar value, or a control code).
        case character(UInt32)
        /// `KEY_CODE_YES`: a curses key code such as `KEY_UP`.
        case keyCode(Int32)
    }

    /// The code of `Esc`.
    public static let escapeCode: UInt32 = 27

    /// The event for one raw input. `Esc` decodes to a plain escape; pairing it with a following
    /// key is ``decodeEscape(followedBy:)``'s job. `KEY_MOUSE` and unknown codes give `.none`.
    public static func decode(_ raw: RawInput) -> InputEvent {
        switch raw {
        case let .character(code): return decode(character: code)
        case let .keyCode(code): return decode(keyCode: code)
        }
    }

    /// The event for a character code: `\n`/`\r` → enter, `\t` → tab, 27 → escape, 127 and 8
    /// → backspace, 1…26 → `<C-a>`…`<C-z>`, 28…31 → `<C-\>` `<C-]>` `<C-^>` `<C-_>`, other
    /// control codes → `.none`, anything printable (CJK included) → a character.
    public static func decode(character code: UInt32) -> InputEvent {
        switch code {
        case 10, 13: return .key(.enter)
        case 9: return .key(.tab)
        case escapeCode: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26:
            guard let scalar = Unicode.Scalar(code + 96) else { return .none }
            return .key(.control(Character(scalar)))
        case 28...31:
            guard let scalar = Unicode.Scalar(code + 64) else { return .none }
            return .key(.control(Character(scalar)))
        case 0...31, 0x80...0x9F: return .none
        default:
            guard let scalar = Unicode.Scalar(code) else { return .none }
            return .key(.character(Character(scalar)))
        }
    }

    /// The event for a curses key code (`KEY_UP`, `KEY_F0 + n`, `KEY_RESIZE`, …).
    public static func decode(keyCode code: Int32) -> InputEvent {
        if let key = namedKeys[code] { return .key(key) }
        if code == KEY_RESIZE { return .resize }
        if code > KEY_F0, code <= KEY_F0 + 63 { return .key(.function(Int(code - KEY_F0))) }
        return .none
    }

    /// What an `Esc` followed by `next` means. A printable character makes `<M-x>`; anything else
    /// (including nothing within the escape delay, `nil`) is a plain escape, and `next` is handed
    /// back to be read again.
    public static func decodeEscape(followedBy next: RawInput?) -> (event: InputEvent, pushBack: RawInput?) {
        guard let next else { return (.key(.escape), nil) }
        if case .character = next, case let .key(.character(character)) = decode(next) {
            return (.key(.meta(character)), nil)
        }
        return (.key(.escape), next)
    }

    /// The key for an escape sequence that ncurses' terminfo did not know, given what followed
    /// the `Esc` (`[1~`, `[H`, `OF`, …): terminals and tmux send `Home`/`End` in several ways,
    /// and a key left undecoded would type `1~` into a field. `nil` when it is not one of these.
    public static func decodeSequence(_ codes: [UInt32]) -> Key? {
        let text = String(String.UnicodeScalarView(codes.compactMap(Unicode.Scalar.init)))
        return sequences[text]
    }

    /// Whether `code` ends a CSI or SS3 sequence (a "final byte", `@` to `~`).
    public static func isFinalByte(_ code: UInt32) -> Bool { (0x40...0x7E).contains(code) }

    private static let sequences: [String: Key] = [
        "[1~": .home, "[7~": .home, "[H": .home, "OH": .home,
        "[4~": .end, "[8~": .end, "[F": .end, "OF": .end,
        "[2~": .insert, "[3~": .delete, "[5~": .pageUp, "[6~": .pageDown,
        "[A": .up, "[B": .down, "[C": .right, "[D": .left,
        "OA": .up, "OB": .down, "OC": .right, "OD": .left, "[Z": .backTab,
    ]

    private static let namedKeys: [Int32: Key] = [
        KEY_UP: .up, KEY_DOWN: .down, KEY_LEFT: .left, KEY_RIGHT: .right,
        KEY_PPAGE: .pageUp, KEY_NPAGE: .pageDown, KEY_HOME: .home, KEY_END: .end,
        KEY_A1: .home, KEY_C1: .end, KEY_A3: .pageUp, KEY_C3: .pageDown,
        KEY_BACKSPACE: .backspace, KEY_DC: .delete, KEY_IC: .insert, KEY_BTAB: .backTab, KEY_ENTER: .enter,
    ]
}
