import CNCursesW
import ClewViewModel
import Testing
@testable import ClewTUI

@Suite("KeyDecoder")
struct ScreenKeyDecoderTests {
    @Test(arguments: [
        (KEY_UP, Key.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
        (KEY_NPAGE, .pageDown), (KEY_PPAGE, .pageUp), (KEY_HOME, .home), (KEY_END, .end),
        (KEY_BACKSPACE, .backspace), (KEY_DC, .delete), (KEY_IC, .insert), (KEY_BTAB, .backTab),
        (KEY_ENTER, .enter), (KEY_F0 + 1, .function(1)), (KEY_F0 + 12, .function(12)),
    ])
    func keyCodes(code: Int32, key: Key) {
        #expect(KeyDecoder.decode(.keyCode(code)) == .key(key))
    }

    @Test func resizeAndUnknownKeyCodes() {
        #expect(KeyDecoder.decode(.keyCode(KEY_RESIZE)) == .resize)
        #expect(KeyDecoder.decode(.keyCode(KEY_MOUSE)) == InputEvent.none)
        #expect(KeyDecoder.decode(.keyCode(KEY_F0)) == InputEvent.none)
        #expect(KeyDecoder.decode(.keyCode(0o7777)) == InputEvent.none)
    }

    @Test(arguments: [
        (UInt32(10), Key.enter), (13, .enter), (9, .tab), (27, .escape), (127, .backspace), (8, .backspace),
        (1, .control("a")), (3, .control("c")), (26, .control("z")), (28, .control("\\")),
        (UInt32(("j" as Unicode.Scalar).value), .character("j")), (UInt32(("J" as Unicode.Scalar).value), .character("J")),
        (0x676D, .character("杭")), (0xFF1A, .character("：")), (0x1F600, .character("😀")), (32, .character(" ")),
    ])
    func characterCodes(code: UInt32, key: Key) {
        #expect(KeyDecoder.decode(.character(code)) == .key(key))
    }

    @Test func unprintableCharacterCodesAreIgnored() {
        for code: UInt32 in [0, 0x80, 0x9B, 0xD800, 0x110000] {
            #expect(KeyDecoder.decode(.character(code)) == InputEvent.none)
        }
    }

    @Test func escapeFollowedByACharacterIsMeta() {
        let alt = KeyDecoder.decodeEscape(followedBy: .character(UInt32(("x" as Unicode.Scalar).value)))
        #expect(alt.event == .key(.meta("x")))
        #expect(alt.pushBack == nil)
        let cjk = KeyDecoder.decodeEscape(followedBy: .character(0x676D))
        #expect(cjk.event == .key(.meta("杭")))
    }

    @Test func escapeAloneOrBeforeAnotherKeyIsEscape() {
        let alone = KeyDecoder.decodeEscape(followedBy: nil)
        #expect(alone.event == .key(.escape))
        #expect(alone.pushBack == nil)
        let beforeArrow = KeyDecoder.decodeEscape(followedBy: .keyCode(KEY_UP))
        #expect(beforeArrow.event == .key(.escape))
        #expect(beforeArrow.pushBack == .keyCode(KEY_UP))
        let twice = KeyDecoder.decodeEscape(followedBy: .character(27))
        #expect(twice.event == .key(.escape))
        #expect(twice.pushBack == .character(27))
        let beforeEnter = KeyDecoder.decodeEscape(followedBy: .character(13))
        #expect(beforeEnter.pushBack == .character(13))
    }

    @Test func homeAndEndSequencesThatTerminfoMissesAreKeys() {
        func codes(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }
        // tmux sends Home as `Esc [ 1 ~` whatever TERM says; xterm-256color's terminfo has `Esc O H`.
        #expect(KeyDecoder.decodeSequence(codes("[1~")) == .home)
        #expect(KeyDecoder.decodeSequence(codes("[4~")) == .end)
        #expect(KeyDecoder.decodeSequence(codes("OH")) == .home)
        #expect(KeyDecoder.decodeSequence(codes("[F")) == .end)
        #expect(KeyDecoder.decodeSequence(codes("[3~")) == .delete)
        #expect(KeyDecoder.decodeSequence(codes("[9~")) == nil)
        #expect(KeyDecoder.isFinalByte(UInt32(("~" as Unicode.Scalar).value)))
        #expect(!KeyDecoder.isFinalByte(UInt32(("1" as Unicode.Scalar).value)))
    }
}
