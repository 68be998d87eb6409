import CNCursesW

extension NCursesScreen {
    /// Waits up to `timeoutMilliseconds` (negative: forever, 0: just poll) for the next input.
    ///
    /// Keys go through ``KeyDecoder``; an `Esc` followed within the escape delay by a printable
    /// character is `<M-x>`; `KEY_RESIZE` is ``InputEvent/resize``; a left click (when the screen
    /// was created with `mouse: true`) is ``InputEvent/mouse(row:column:)``. A timeout gives
    /// ``InputEvent/none``.
    ///
    /// ncurses reports a resize when a read is interrupted by SIGWINCH or times out. On the main
    /// thread that is immediate; a thread that blocks SIGWINCH (Swift concurrency's worker
    /// threads do) sees ``InputEvent/resize`` only at the next timeout, so use a finite timeout
    /// (e.g. 250 ms) there. Verified in tmux: keys, CJK input, `<M-x>`, `Esc`, F-keys, `<C-c>`
    /// (raw mode), resize.
    public func readEvent(timeoutMilliseconds: Int) -> InputEvent {
        guard isActive else { return .none }
        guard let raw = readRaw(timeoutMilliseconds: timeoutMilliseconds) else { return .none }
        switch raw {
        case .keyCode(KEY_MOUSE):
            return mouseEvent()
        case .character(KeyDecoder.escapeCode):
            // ncurses has already waited the escape delay for a sequence to follow (keypad mode),
            // so whatever belongs to this `Esc` is buffered by now: poll, do not wait again.
            let next = readRaw(timeoutMilliseconds: 0)
            if case let .character(code)? = next, code == 0x5B || code == 0x4F { // `[` or `O`
                return sequenceEvent(introducer: code)
            }
            let (event, pushBack) = KeyDecoder.decodeEscape(followedBy: next)
            switch pushBack {
            case let .character(code)?: _ = unget_wch(wchar_t(bitPattern: code))
            case let .keyCode(code)?: _ = ungetch(code)
            case nil: break
            }
            return event
        default:
            return KeyDecoder.decode(raw)
        }
    }

    /// Reads the rest of an escape sequence that ncurses handed over undecoded (`Esc [ 1 ~`)
    /// from what is already buffered; an unknown sequence is dropped rather than typed.
    private func sequenceEvent(introducer: UInt32) -> InputEvent {
        var codes = [introducer]
        while codes.count < 8, case let .character(code)? = readRaw(timeoutMilliseconds: 0) {
            codes.append(code)
            if KeyDecoder.isFinalByte(code), codes.count > 1 { break }
        }
        if codes.count == 1 { return .key(.meta(Character(Unicode.Scalar(UInt8(introducer))))) }
        return KeyDecoder.decodeSequence(codes).map(InputEvent.key) ?? .none
    }

    private func readRaw(timeoutMilliseconds: Int) -> KeyDecoder.RawInput? {
        wtimeout(inputWindow, Int32(clamping: max(-1, timeoutMilliseconds)))
        var value: wint_t = 0
        switch wget_wch(inputWindow, &value) {
        case OK: return .character(UInt32(value))
        case KEY_CODE_YES: return .keyCode(Int32(bitPattern: UInt32(value)))
        default: return nil
        }
    }

    private func mouseEvent() -> InputEvent {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return .none }
        let clicks = clew_button1_pressed() | clew_button1_clicked()
        guard event.bstate & clicks != 0 else { return .none }
        return .mouse(row: Int(event.y), column: Int(event.x))
    }
}
