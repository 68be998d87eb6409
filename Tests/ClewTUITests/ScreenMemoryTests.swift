import Testing
@testable import ClewTUI

@Suite("MemoryScreen")
struct ScreenMemoryTests {
    private let red = TextAttributes(foreground: .palette(1), bold: true)

    @Test func cjkThenAsciiLandsAtTheRightColumns() {
        let screen = MemoryScreen(size: ScreenSize(rows: 3, columns: 30))
        screen.draw("杭州恒通科技", row: 0, column: 0, attributes: .plain)
        screen.draw("|A", row: 0, column: 12, attributes: red)
        screen.draw("012345678901|B", row: 1, column: 0, attributes: .plain)
        #expect(screen.text() == "杭州恒通科技|A\n012345678901|B\n")
        #expect(screen.grid.cell(row: 0, column: 1)?.isContinuation == true)
        #expect(screen.grid.cell(row: 0, column: 12)?.character == "|")
        #expect(screen.attributes(row: 0, column: 13) == red)
        #expect(screen.attributes(row: 0, column: 11) == .plain)
    }

    @Test func rightEdgeNeverSplitsAWideCharacter() {
        let screen = MemoryScreen(size: ScreenSize(rows: 1, columns: 7))
        screen.draw("ab杭州恒", row: 0, column: 0, attributes: .plain)
        // a b 杭(2) 州(2) = 6 cells; 恒 would need cells 6–7, so cell 6 becomes a space.
        #expect(screen.text() == "ab杭州")
        #expect(screen.grid.cell(row: 0, column: 6) == Cell(character: " ", attributes: .plain))
        screen.draw("XYZ杭", row: 0, column: 4, attributes: red)
        #expect(screen.text() == "ab杭XYZ")
    }

    @Test func textOutsideTheScreenIsClipped() {
        let screen = MemoryScreen(size: ScreenSize(rows: 2, columns: 5))
        screen.draw("nope", row: -1, column: 0, attributes: .plain)
        screen.draw("nope", row: 2, column: 0, attributes: .plain)
        screen.draw("nope", row: 0, column: 5, attributes: .plain)
        screen.draw("杭州ab", row: 0, column: -1, attributes: .plain)
        screen.draw("abcdefgh", row: 1, column: 2, attributes: .plain)
        #expect(screen.text() == " 州ab\n  abc")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        let screen = MemoryScreen(size: ScreenSize(rows: 2, columns: 10))
        screen.draw("杭州恒", row: 0, column: 0, attributes: .plain)
        screen.draw("x", row: 0, column: 1, attributes: .plain)   // right half of 杭
        screen.draw("y", row: 0, column: 2, attributes: .plain)   // left half of 州
        #expect(screen.text() == " xy 恒\n")
        screen.draw("通科", row: 1, column: 0, attributes: .plain)
        screen.draw("技", row: 1, column: 1, attributes: .plain)  // straddles both
        #expect(screen.grid.line(1) == " 技")
        #expect(screen.grid.cell(row: 1, column: 3) == Cell(character: " ", attributes: .plain))
    }

    @Test func escapeSequencesAndControlsAreStripped() {
        let screen = MemoryScreen(size: ScreenSize(rows: 1, columns: 30))
        screen.draw("ok\u{1B}[31mred\u{1B}[0m\u{1B}]0;pwned\u{07}\tend\r", row: 0, column: 0, attributes: .plain)
        #expect(screen.text() == "okred end")
    }

    @Test func zeroWidthCharactersTakeNoCell() {
        let screen = MemoryScreen(size: ScreenSize(rows: 1, columns: 10))
        screen.draw("a\u{200B}b", row: 0, column: 0, attributes: .plain)
        #expect(screen.text() == "ab")
    }

    @Test func fillPaintsAClippedRectangle() {
        let screen = MemoryScreen(size: ScreenSize(rows: 4, columns: 6))
        screen.draw("abcdef", row: 1, column: 0, attributes: .plain)
        screen.draw("杭州恒", row: 2, column: 0, attributes: .plain)
        let bar = TextAttributes(background: .palette(4))
        screen.fill(row: 1, column: 3, width: 10, height: 5, attributes: bar)
        #expect(screen.text() == "\nabc\n杭\n")
        #expect(screen.attributes(row: 3, column: 5) == bar)
        #expect(screen.attributes(row: 0, column: 3) == .plain)
        #expect(screen.attributes(row: 2, column: 2) == .plain) // the blanked half of 州 keeps its style
        screen.fill(row: -2, column: -2, width: 3, height: 3, attributes: bar)
        #expect(screen.attributes(row: 0, column: 0) == bar)
        #expect(screen.attributes(row: 0, column: 1) == .plain)
    }

    @Test func clearBlanksEverything() {
        let screen = MemoryScreen(size: ScreenSize(rows: 2, columns: 4))
        screen.draw("abcd", row: 0, column: 0, attributes: red)
        screen.clear()
        #expect(screen.text() == "\n")
        #expect(screen.attributes(row: 0, column: 0) == .plain)
    }

    @Test func resizeKeepsTopLeftAndCutsWideCharactersCleanly() {
        let screen = MemoryScreen(size: ScreenSize(rows: 3, columns: 6))
        screen.draw("ab杭州", row: 0, column: 0, attributes: .plain)
        screen.draw("row 2", row: 2, column: 0, attributes: .plain)
        screen.resize(to: ScreenSize(rows: 2, columns: 5))
        #expect(screen.size == ScreenSize(rows: 2, columns: 5))
        #expect(screen.text() == "ab杭\n")
        screen.resize(to: ScreenSize(rows: 3, columns: 8))
        #expect(screen.text() == "ab杭\n\n")
        screen.draw("12345678", row: 2, column: 0, attributes: .plain)
        #expect(screen.grid.line(2) == "12345678")
        #expect(screen.attributes(row: 3, column: 0) == nil)
    }

    @Test func cursorAndPresentAreRecorded() {
        let screen = MemoryScreen()
        #expect(screen.size == ScreenSize(rows: 24, columns: 80))
        screen.setCursor(row: 3, column: 7, visible: true)
        screen.present()
        #expect(screen.cursor == MemoryScreen.Cursor(row: 3, column: 7, visible: true))
        #expect(screen.presentCount == 1)
    }

    @Test func layoutPlacesWideCharactersByCells() {
        let placements = CellLayout.place("a杭b", column: 1, columns: 10)
        #expect(placements == [
            .init(column: 1, character: "a", width: 1),
            .init(column: 2, character: "杭", width: 2),
            .init(column: 4, character: "b", width: 1),
        ])
        #expect(CellLayout.place("abc", column: 0, columns: 0).isEmpty)
        #expect(CellLayout.clippedSpan(start: -3, width: 5, columns: 4) == 0..<2)
        #expect(CellLayout.clippedSpan(start: 5, width: 5, columns: 4).isEmpty)
    }

    @Test func changedSpansCoverWholeWideCharactersOnBothSides() {
        var before = CellGrid(size: ScreenSize(rows: 3, columns: 10))
        before.draw("杭州恒通", row: 0, column: 0, attributes: .plain)
        before.draw("abcdef", row: 1, column: 0, attributes: .plain)
        var after = before
        #expect(after.changedSpan(row: 0, from: before).isEmpty)
        // An overlay border over the right half of 州 (column 3): both halves are rewritten.
        after.draw("│", row: 0, column: 3, attributes: .plain)
        #expect(after.line(0) == "杭 │恒通")
        #expect(after.changedSpan(row: 0, from: before) == 2..<4)
        // Closing it: the frame holds 州 again, and the span is the whole of it.
        #expect(before.changedSpan(row: 0, from: after) == 2..<4)
        // A wide character where narrow ones were, one cell off: every touched cell is included.
        after.draw("技", row: 1, column: 3, attributes: .plain)
        #expect(after.changedSpan(row: 1, from: before) == 3..<5)
        #expect(after.changedSpan(row: 2, from: before).isEmpty)
    }

    @Test func drawingAndFillingAGridMatchesTheMemoryScreen() {
        let screen = MemoryScreen(size: ScreenSize(rows: 2, columns: 12))
        var grid = CellGrid(size: ScreenSize(rows: 2, columns: 12))
        for target in [0, 1] {
            if target == 0 {
                screen.draw("南京星辰", row: 0, column: 1, attributes: red)
                screen.fill(row: 0, column: 2, width: 3, height: 2, attributes: .plain)
            } else {
                grid.draw("南京星辰", row: 0, column: 1, attributes: red)
                grid.fill(row: 0, column: 2, width: 3, height: 2, attributes: .plain)
            }
        }
        #expect(screen.grid == grid)
        #expect(grid.line(0) == "     星辰")
    }
}
