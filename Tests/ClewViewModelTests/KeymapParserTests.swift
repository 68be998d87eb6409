import Testing
@testable import ClewViewModel

@Suite("Keymap parser")
struct KeymapParserTests {
    private func parse(_ text: String) -> KeymapFile {
        KeymapParser.parse(text, file: "keymap.conf")
    }

    @Test func readsBindUnbindCommentsAndHelp() {
        let file = parse("""
        # a comment

        bind board,detail r grade -- "Grade it # now"   # trailing comment
        bind generic <Hash> help
        unbind inbox q
        bind board 中 add-note -- plain words too
        """)
        #expect(file.diagnostics.isEmpty)
        #expect(file.directives == [
            .bind(KeyBinding(context: .board, keys: [.character("r")], action: "grade", help: "Grade it # now")),
            .bind(KeyBinding(context: .detail, keys: [.character("r")], action: "grade", help: "Grade it # now")),
            .bind(KeyBinding(context: .generic, keys: [.character("#")], action: "help")),
            .unbind(context: .inbox, keys: [.character("q")]),
            .bind(KeyBinding(context: .board, keys: [.character("中")], action: "add-note", help: "plain words too")),
        ])
    }

    @Test func unknownActionSuggestsAndTheRestStillLoads() {
        let file = parse("""
        bind board j move-down
        bind board x grdae
        bind board y confirm
        """)
        #expect(file.diagnostics.map(\.description) == ["keymap.conf:2: unknown action 'grdae'; did you mean 'grade'?"])
        #expect(file.diagnostics.first?.token == "grdae")
        #expect(file.diagnostics.first?.line == 2)
        #expect(file.bindings.map(\.action) == ["move-down", "confirm"])
    }

    @Test func diagnosticsForEachKindOfMistake() {
        let file = parse("""
        bind bord j move-down
        bind board <C-ä> grade
        bind board <Foo> grade
        bind board
        bind generic # help
        bnid board j move-down
        unbind board
        bind board j move-down extra
        bind board x approve
        bind generic x grade
        bind board k move-up -- "unterminated
        bind board k move-up --
        unbind board j extra
        """)
        #expect(file.diagnostics.map(\.description) == [
            "keymap.conf:1: unknown context 'bord'; did you mean 'board'?",
            "keymap.conf:2: bad key notation '<C-ä>': <C-…> takes a letter a–z",
            "keymap.conf:3: bad key notation '<Foo>': unknown key name",
            "keymap.conf:4: missing arguments: expected 'bind <context>[,<context>…] <key> <action> [-- \"help text\"]'",
            "keymap.conf:5: missing arguments: expected 'bind <context>[,<context>…] <key> <action> [-- \"help text\"]'; write <Hash> for the '#' key",
            "keymap.conf:6: unknown command 'bnid'; did you mean 'bind'?",
            "keymap.conf:7: missing arguments: expected 'unbind <context> <key>'",
            "keymap.conf:8: unexpected 'extra' after the action; put help text after '--' in quotes",
            "keymap.conf:9: action 'approve' does not apply in board; it belongs to inbox",
            "keymap.conf:10: action 'grade' does not apply in generic; it belongs to board, detail, screening",
            "keymap.conf:11: unterminated quoted string \"unterminated",
            "keymap.conf:12: missing help text after '--'",
            "keymap.conf:13: unexpected 'extra' after the key",
        ])
        #expect(file.diagnostics.map(\.token) == [
            "bord", "<C-ä>", "<Foo>", "bind", "bind", "bnid", "unbind", "extra", "approve", "grade",
            "\"unterminated", "--", "extra",
        ])
        #expect(file.directives.isEmpty)
    }

    @Test func duplicateInOneContextIsAnErrorButOtherContextsLoad() {
        let file = parse("""
        bind board j move-down
        bind board,detail j move-up
        """)
        #expect(file.diagnostics.map(\.description) == [
            "keymap.conf:2: duplicate binding of 'j' in board (line 1 binds it to 'move-down')",
        ])
        #expect(file.bindings == [
            KeyBinding(context: .board, keys: [.character("j")], action: "move-down"),
            KeyBinding(context: .detail, keys: [.character("j")], action: "move-up"),
        ])
    }

    @Test func unbindThenBindAgainIsNotADuplicate() {
        let file = parse("""
        bind board j move-down
        unbind board j
        bind board j move-up
        """)
        #expect(file.diagnostics.isEmpty)
        #expect(file.directives.count == 3)
    }

    @Test func prefixConflictsAreReported() {
        let file = parse("""
        bind board gg first
        bind board g grade
        bind board gab last
        bind board gx last
        """)
        #expect(file.diagnostics.map(\.description) == [
            "keymap.conf:2: key 'g' conflicts with 'gg' (line 1) in board: keys that share a first key must have the same length",
            "keymap.conf:3: key 'gab' conflicts with 'gg' (line 1) in board: keys that share a first key must have the same length",
        ])
        #expect(file.bindings.map { KeyNotation.format($0.keys) } == ["gg", "gx"])
    }

    @Test func diagnosticIsAUserFacingError() {
        let diagnostic = KeymapDiagnostic(file: "keymap.conf", line: 12, token: "grdae",
                                          message: "unknown action 'grdae'; did you mean 'grade'?")
        #expect(String(describing: diagnostic) == "keymap.conf:12: unknown action 'grdae'; did you mean 'grade'?")
    }
}
