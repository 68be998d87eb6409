import Testing
@testable import ClewViewModel

@Suite("Line editing (readline keys)")
struct LineEditTests {
    private func run(_ keys: [Key], on start: String, cursor: Int? = nil) -> (String, Int) {
        var text = start
        var at = cursor ?? start.count
        for key in keys {
            guard let edit = LineEdit(key) else { continue }
            edit.apply(to: &text, cursor: &at)
        }
        return (text, at)
    }

    @Test func homeEndAndTheControlKeysMoveTheCursor() {
        #expect(run([.home, .character("X")], on: "客户说") == ("X客户说", 1))
        #expect(run([.control("a"), .control("e"), .character("!")], on: "ab") == ("ab!", 3))
        #expect(run([.end], on: "abc", cursor: 0) == ("abc", 3))
    }

    @Test func killingToTheStartTheEndAndTheWordBefore() {
        #expect(run([.control("u")], on: "call back tomorrow", cursor: 5) == ("back tomorrow", 0))
        #expect(run([.control("k")], on: "call back tomorrow", cursor: 4) == ("call", 4))
        #expect(run([.control("w")], on: "call back tomorrow") == ("call back ", 10))
        #expect(run([.control("w"), .control("w")], on: "call back  ") == ("", 0))
        // Full-width punctuation separates Chinese words.
        #expect(run([.control("w")], on: "客户说，预算已批") == ("客户说，", 4))
    }

    @Test func altBAndAltFMoveByWords() {
        #expect(run([.meta("b")], on: "call back tomorrow").1 == 10)
        #expect(run([.meta("b"), .meta("b")], on: "call back tomorrow").1 == 5)
        #expect(run([.meta("f")], on: "call back tomorrow", cursor: 0).1 == 4)
        #expect(run([.meta("f"), .meta("f")], on: "call back tomorrow", cursor: 0).1 == 9)
    }

    @Test func keysThatAreNotEditsAreNotTaken() {
        #expect(LineEdit(.enter) == nil)
        #expect(LineEdit(.tab) == nil)
        #expect(LineEdit(.escape) == nil)
        #expect(LineEdit(.control("s")) == nil)
    }
}
