import ClewDomain
import ClewServices
import ClewStore
@testable import ClewTUI
import ClewViewModel
import Foundation
import Testing

/// `ambiguous_width = 2` (issue 10): on a terminal that draws East Asian Ambiguous characters
/// (`─ │ ▌ … ↓ ▶ ·`) two cells wide, the cell grid gives them two cells and every layout stays
/// aligned — the board's columns, the detail pane's box, dialogs, help and the dashboard.
@Suite("Ambiguous width")
struct AmbiguousWidthLayoutTests {
    /// Draws `steps` at `size` with ambiguous characters `cells` wide.
    static func frame(_ fixture: SnapshotFixture, _ login: String, size: ScreenSize, language: Language = .en, cells: Int,
                      _ steps: (Driver) throws -> Void = { _ in }) throws -> CellGrid {
        try AmbiguousWidth.$cells.withValue(cells) {
            let driver = Driver(try fixture.app(login, language: language), size: size)
            try steps(driver)
            return driver.render().grid
        }
    }

    static let sizes = [SnapshotTests.small, SnapshotTests.wide]

    /// Every ambiguous character on the grid takes two cells, and no row is wider than the screen.
    static func expectWide(_ grid: CellGrid, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var ambiguous = 0
        for row in 0..<grid.size.rows {
            for column in 0..<grid.size.columns {
                guard let cell = grid.cell(row: row, column: column), !cell.isContinuation,
                      let scalar = cell.character.unicodeScalars.first, AmbiguousWidth.contains(scalar) else { continue }
                ambiguous += 1
                #expect(grid.cell(row: row, column: column + 1)?.isContinuation == true,
                        "\(name): \(cell.character) at \(row),\(column) takes one cell", sourceLocation: sourceLocation)
            }
        }
        #expect(ambiguous > 0, "\(name): no ambiguous character drawn", sourceLocation: sourceLocation)
    }

    /// The columns of `row` holding `character` (left cells).
    static func columns(of character: Character, row: Int, in grid: CellGrid) -> [Int] {
        (0..<grid.size.columns).filter { column in
            guard let cell = grid.cell(row: row, column: column) else { return false }
            return !cell.isContinuation && cell.character == character
        }
    }

    /// The box whose top-left corner is the first `┌` found at or after row `from`: (top, left,
    /// bottom, right edge exclusive), checked at width 2 to have both sides whole on every row.
    static func expectBox(_ grid: CellGrid, from: Int = 0, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let top = (from..<grid.size.rows).first(where: { !columns(of: "┌", row: $0, in: grid).isEmpty }),
              let left = columns(of: "┌", row: top, in: grid).first,
              let corner = columns(of: "┐", row: top, in: grid).first(where: { $0 > left }),
              let bottom = (top + 1..<grid.size.rows).first(where: { columns(of: "└", row: $0, in: grid).contains(left) }) else {
            Issue.record("\(name): no whole box on the screen:\n\(grid.text())", sourceLocation: sourceLocation)
            return
        }
        #expect(columns(of: "┘", row: bottom, in: grid).contains(corner), "\(name): bottom-right corner moved", sourceLocation: sourceLocation)
        for row in (top + 1)..<bottom {
            let sides = columns(of: "│", row: row, in: grid)
            #expect(sides.contains(left) && sides.contains(corner),
                    "\(name): row \(row) of the box lost a side: \(grid.line(row))", sourceLocation: sourceLocation)
        }
        for row in [top, bottom] {
            for column in stride(from: left + 2, to: corner, by: 2) {
                let character = grid.cell(row: row, column: column)?.character
                #expect(character == "─" || character == " " || row == top,
                        "\(name): the border of row \(row) is broken at \(column)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func theCellGridGivesAmbiguousCharactersTwoCellsWhenSet() {
        AmbiguousWidth.$cells.withValue(2) {
            var grid = CellGrid(size: ScreenSize(rows: 1, columns: 8))
            grid.draw("▌a·b", row: 0, column: 0, attributes: TextAttributes())
            #expect(grid.cell(row: 0, column: 1)?.isContinuation == true)
            #expect(grid.cell(row: 0, column: 2)?.character == "a")
            #expect(grid.cell(row: 0, column: 5)?.character == "b")
            #expect(DisplayWidth.of("─ · …") == 8)
            // A cut ends in the wide ellipsis, or in a space when only one cell is left.
            #expect(DisplayWidth.truncate("abcdef", to: 4) == "ab…")
            #expect(DisplayWidth.truncate("abcdef", to: 3) == "a…")
            #expect(DisplayWidth.truncate("abcdef", to: 1) == " ")
        }
        var grid = CellGrid(size: ScreenSize(rows: 1, columns: 8))
        grid.draw("▌a·b", row: 0, column: 0, attributes: TextAttributes())
        #expect(grid.line(0) == "▌a·b")
        #expect(DisplayWidth.of("─ · …") == 5)
        #expect(DisplayWidth.of("公司") == 4)
    }

    @Test func theSettingAndTheTerminalsAnswer() {
        #expect(AmbiguousWidthSetting.preference(option: nil, environment: [:]) == .auto)
        #expect(AmbiguousWidthSetting.preference(option: nil, environment: ["CLEW_AMBIGUOUS_WIDTH": "2"]) == .two)
        #expect(AmbiguousWidthSetting.preference(option: "1", environment: ["CLEW_AMBIGUOUS_WIDTH": "2"]) == .one)
        #expect(AmbiguousWidthSetting.preference(option: "3", environment: [:]) == nil)
        #expect(AmbiguousWidthSetting.two.cells { Issue.record("asked the terminal"); return 1 } == 2)
        #expect(AmbiguousWidthSetting.auto.cells { 2 } == 2)
        #expect(AmbiguousWidthSetting.auto.cells { nil } == 1)
        // `▌` then the query at column 1: the cursor ends at column 2 (one cell) or 3 (two).
        #expect(AmbiguousWidthProbe.parse("\u{1B}[12;2R") == 1)
        #expect(AmbiguousWidthProbe.parse("\u{1B}[1;3R") == 2)
        #expect(AmbiguousWidthProbe.parse("x\u{1B}[1;9R") == nil)
        #expect(AmbiguousWidthProbe.parse("garbage") == nil)
    }

    /// The board's columns start where they do at width 1; each card's `▌` takes two cells there;
    /// the rule under the headers is whole.
    @Test func theBoardKeepsItsColumns() throws {
        let fixture = try SnapshotFixture()
        for size in Self.sizes {
            for language in [Language.en, .zh] {
                let name = "board \(language) \(size.columns)×\(size.rows)"
                let narrow = try Self.frame(fixture, "alice", size: size, language: language, cells: 1)
                let wide = try Self.frame(fixture, "alice", size: size, language: language, cells: 2)
                Self.expectWide(wide, name)
                var cardRows = 0
                for row in 0..<size.rows - 2 {
                    let bars = Self.columns(of: "▌", row: row, in: narrow)
                    guard !bars.isEmpty else { continue }
                    cardRows += 1
                    #expect(Self.columns(of: "▌", row: row, in: wide) == bars, "\(name) row \(row): \(wide.line(row))")
                }
                #expect(cardRows > 3, "\(name): \(cardRows) card rows")
                // The rule under each column's header: whole two-cell glyphs where width 1 has it.
                let rule = try #require((0..<size.rows).first { Self.columns(of: "─", row: $0, in: narrow).count > 10 })
                let ruled = Set(Self.columns(of: "─", row: rule, in: narrow))
                let glyphs = Self.columns(of: "─", row: rule, in: wide)
                #expect(glyphs.allSatisfy { ruled.contains($0) && ruled.contains($0 + 1) }, "\(name): \(glyphs)")
                #expect(glyphs.count * 2 >= ruled.count - size.columns / 20, "\(name): \(glyphs.count) glyphs for \(ruled.count) cells")
                // The column headers (stage names and counts) are where they are at width 1; the
                // ▶ of more columns ends at the right edge either way.
                func header(_ grid: CellGrid) -> String { grid.line(rule - 1).replacingOccurrences(of: #"\s*▶$"#, with: "", options: .regularExpression) }
                #expect(header(wide) == header(narrow), "\(name)")
                #expect(Self.columns(of: "▶", row: rule - 1, in: wide) == Self.columns(of: "▶", row: rule - 1, in: narrow).map { $0 - 1 }, "\(name)")
            }
        }
    }

    /// The detail pane, forms, the confirm dialog and help keep both sides of their boxes, at
    /// both sizes and in both languages.
    @Test func boxesKeepBothSides() throws {
        let fixture = try SnapshotFixture()
        let number = fixture.number("hengtong")
        let scenes: [(String, (Driver) throws -> Void)] = [
            ("detail", { driver in try SnapshotTests.focus(number, driver); driver.press("open") }),
            ("note form", { driver in driver.press("add-note"); driver.type("报价已发，等待回复") }),
            ("follow-up form", { driver in try SnapshotTests.focus(number, driver); driver.press("log-follow-up") }),
            ("move question", { driver in try SnapshotTests.focus(number, driver); driver.press("move-forward") }),
            ("help", { driver in driver.press("help") }),
        ]
        for size in Self.sizes {
            for language in [Language.en, .zh] {
                for (scene, steps) in scenes {
                    let name = "\(scene) \(language) \(size.columns)×\(size.rows)"
                    let grid = try Self.frame(fixture, "alice", size: size, language: language, cells: 2, steps)
                    Self.expectWide(grid, name)
                    Self.expectBox(grid, name)
                }
            }
        }
    }

    /// The dashboard's numbers stay in their columns: every digit at width 1 that no ambiguous
    /// character precedes on its row is at the same place at width 2.
    @Test func theDashboardKeepsItsNumbersInTheirColumns() throws {
        let fixture = try SnapshotFixture()
        for size in Self.sizes {
            for language in [Language.en, .zh] {
                let name = "dashboard \(language) \(size.columns)×\(size.rows)"
                let show: (Driver) -> Void = { $0.press("show-dashboard") }
                let narrow = try Self.frame(fixture, "bob", size: size, language: language, cells: 1, show)
                let wide = try Self.frame(fixture, "bob", size: size, language: language, cells: 2, show)
                Self.expectWide(wide, name)
                var digits = 0
                for row in 0..<size.rows {
                    for column in 0..<size.columns {
                        guard let cell = narrow.cell(row: row, column: column), cell.character.isNumber, cell.character.isASCII else { continue }
                        let before = (0..<column).compactMap { narrow.cell(row: row, column: $0)?.character.unicodeScalars.first }
                        guard !before.contains(where: AmbiguousWidth.contains) else { continue }
                        digits += 1
                        #expect(wide.cell(row: row, column: column)?.character == cell.character,
                                "\(name) row \(row) column \(column):\n\(narrow.line(row))\n\(wide.line(row))")
                    }
                }
                #expect(digits > 20, "\(name): \(digits) digits compared")
            }
        }
    }
}
