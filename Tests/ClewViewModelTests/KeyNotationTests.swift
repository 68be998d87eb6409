import Testing
@testable import ClewViewModel

@Suite("Key notation")
struct KeyNotationTests {
    @Test("canonical notation round-trips", arguments: [
        "j", "J", "gg", "<Enter>", "<Esc>", "<Tab>", "<BackTab>", "<Up>", "<Down>", "<Left>", "<Right>",
        "<PgUp>", "<PgDn>", "<Home>", "<End>", "<Backspace>", "<Del>", "<Ins>", "<Space>", "<F1>", "<F12>",
        "<C-x>", "<M-x>", "<Hash>", "<Lt>", ">", "中", "跟进", "g<Hash>", "<M-Hash>", "<M-Gt>", "<M-Space>", "<C-d>",
    ])
    func roundTrip(text: String) throws {
        let keys = try KeyNotation.parse(text)
        #expect(KeyNotation.format(keys) == text)
        #expect(try KeyNotation.parse(KeyNotation.format(keys)) == keys)
    }

    @Test func parsesToKeys() throws {
        #expect(try KeyNotation.parse("gg") == [.character("g"), .character("g")])
        #expect(try KeyNotation.parse("<Hash>") == [.character("#")])
        #expect(try KeyNotation.parse("<Lt>") == [.character("<")])
        #expect(try KeyNotation.parse("<Space>") == [.character(" ")])
        #expect(try KeyNotation.parse("<C-d>") == [.control("d")])
        #expect(try KeyNotation.parse("<M-x>") == [.meta("x")])
        #expect(try KeyNotation.parse("<F5>") == [.function(5)])
        #expect(try KeyNotation.parse("中文") == [.character("中"), .character("文")])
        #expect(try KeyNotation.parse("<PgDn>") == [.pageDown])
    }

    @Test func namesIgnoreCaseAndAcceptAliases() throws {
        #expect(try KeyNotation.parse("<enter>") == [.enter])
        #expect(try KeyNotation.parse("<ESCAPE>") == [.escape])
        #expect(try KeyNotation.parse("<C-X>") == [.control("x")])
        #expect(try KeyNotation.parse("<PageDown>") == [.pageDown])
        #expect(KeyNotation.format([.control("x")]) == "<C-x>")
    }

    @Test func everyKeyFormatsToSomethingThatParsesBack() throws {
        var keys: [Key] = [.enter, .escape, .tab, .backTab, .backspace, .delete, .insert, .up, .down, .left, .right,
                           .pageUp, .pageDown, .home, .end, .character("#"), .character("<"), .character(" "),
                           .character("あ"), .meta("<"), .meta(">"), .meta("#"), .meta("é")]
        keys += (1...12).map(Key.function)
        keys += "abcxyz".map(Key.control)
        for key in keys {
            #expect(try KeyNotation.parse(KeyNotation.format(key)) == [key], "\(key)")
        }
    }

    @Test func errorsNameTheBadPart() {
        #expect(throws: KeyNotationError.badControl("<C-ä>")) { try KeyNotation.parse("<C-ä>") }
        #expect(throws: KeyNotationError.unknownName("<Foo>", suggestion: nil)) { try KeyNotation.parse("<Foo>") }
        #expect(throws: KeyNotationError.unknownName("<Entr>", suggestion: "<Enter>")) { try KeyNotation.parse("<Entr>") }
        #expect(throws: KeyNotationError.unknownName("<F13>", suggestion: "<F1>")) { try KeyNotation.parse("<F13>") }
        #expect(throws: KeyNotationError.unclosed("<Enter")) { try KeyNotation.parse("<Enter") }
        #expect(throws: KeyNotationError.badMeta("<M-xy>")) { try KeyNotation.parse("<M-xy>") }
        #expect(throws: KeyNotationError.empty) { try KeyNotation.parse("") }
        #expect(KeyNotationError.badControl("<C-ä>").description == "bad key notation '<C-ä>': <C-…> takes a letter a–z")
        #expect(KeyNotationError.unknownName("<Entr>", suggestion: "<Enter>").description
            == "bad key notation '<Entr>': unknown key name; did you mean '<Enter>'?")
    }

    @Test func labelsAreShort() {
        #expect(KeyNotation.label([.control("d")]) == "^D")
        #expect(KeyNotation.label([.enter]) == "Enter")
        #expect(KeyNotation.label([.down]) == "↓")
        #expect(KeyNotation.label([.character(" ")]) == "Space")
        #expect(KeyNotation.label([.character("g"), .character("g")]) == "gg")
        #expect(KeyNotation.label([.pageDown]) == "PgDn")
    }
}
