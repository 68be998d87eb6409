import ClewDomain
import ClewServices
import ClewStore
@testable import ClewTUI
import ClewViewModel
import Foundation
import Testing

/// The dashboard as drawn: charts in each tier, CJK labels in columns that do not move, and the
/// screen's snapshots at 80×24 and 160×48 in both languages.
@Suite("Dashboard screen")
struct DashboardScreenTests {
    // MARK: - Charts

    @Test func barsUseEighthBlocksAndAlwaysShowAValueAboveZero() {
        let blocks = ChartTier.blocks
        #expect(blocks.bar(10, of: 10, width: 8) == "████████")
        #expect(blocks.bar(5, of: 10, width: 8) == "████")
        #expect(blocks.bar(1, of: 16, width: 8) == "▌")          // half a cell
        #expect(blocks.bar(3, of: 16, width: 8) == "█▌")
        #expect(blocks.bar(1, of: 1_000, width: 8) == "▏")       // tiny but not nothing
        #expect(blocks.bar(0, of: 10, width: 8) == "")
        #expect(blocks.bar(20, of: 10, width: 8) == "████████")  // never past the width
        #expect(ChartTier.ascii.bar(5, of: 10, width: 8) == "####")
        #expect(ChartTier.ascii.bar(3, of: 16, width: 8) == "#=")
        #expect(ChartTier.ascii.bar(1, of: 1_000, width: 8) == "=")
        #expect(ChartTier.ascii.bar(10, of: 10, width: 8).allSatisfy { $0.isASCII })
    }

    @Test func sparklinesFitTheWidthInEachTier() {
        let values: [Double] = [0, 1, 2, 3, 4, 5, 6, 7]
        #expect(ChartTier.blocks.sparkline(values, width: 8) == "▁▂▃▄▅▆▇█")
        #expect(ChartTier.ascii.sparkline(values, width: 8) == "_.:-=+*#")
        // Braille: two values a cell, so eight values take four cells.
        let braille = ChartTier.braille.sparkline(values, width: 8)
        #expect(braille.count == 4)
        #expect(braille.unicodeScalars.allSatisfy { (0x2800...0x28FF).contains($0.value) })
        // Zero: the baseline dot (7); one: the right baseline (8) and a dot above it (6).
        let first = braille.unicodeScalars.first.map { Int($0.value) } ?? 0
        #expect(first == 0x2800 + 0x40 + 0x80 + 0x20)
        // More values than cells: neighbours are added up, the peak stays the peak.
        let long = (0..<30).map { Double($0 == 29 ? 10 : 1) }
        let fitted = ChartTier.blocks.sparkline(long, width: 10)
        #expect(fitted.count == 10 && fitted.last == "█")
        #expect(ChartTier.blocks.sparkline([0, 0], width: 4) == "▁▁")
    }

    @Test func theTierIsChosenFromTheTerminalAndTheWish() {
        #expect(ChartTier.choose(.auto, utf8: true, noColor: false) == .blocks)
        #expect(ChartTier.choose(.auto, utf8: true, noColor: true) == .ascii)
        #expect(ChartTier.choose(.braille, utf8: true, noColor: false) == .braille)
        #expect(ChartTier.choose(.braille, utf8: false, noColor: false) == .ascii)
        #expect(ChartTier.choose(.blocks, utf8: false, noColor: false) == .ascii)
        #expect(ChartTier.preference(option: nil, environment: ["CLEW_CHARTS": "braille"]) == .braille)
        #expect(ChartTier.preference(option: "ASCII", environment: [:]) == .ascii)
        #expect(ChartTier.preference(option: nil, environment: [:]) == .auto)
        #expect(ChartTier.preference(option: "fancy", environment: [:]) == nil)
    }

    // MARK: - The screen

    /// The dashboard of `login` drawn at `size` with `charts`, after `steps`.
    static func frame(_ fixture: SnapshotFixture, _ login: String, size: ScreenSize, language: Language = .en,
                      _ steps: (Driver) -> Void = { _ in }) throws -> Driver {
        let driver = Driver(try fixture.app(login, language: language), size: size)
        driver.press("show-dashboard")
        steps(driver)
        return driver
    }

    @Test func snapshotsInBothLanguages() throws {
        let fixture = try SnapshotFixture()
        for size in [SnapshotTests.small, SnapshotTests.wide] {
            for language in [Language.en, .zh] {
                let driver = try Self.frame(fixture, "bob", size: size, language: language)
                #expect(driver.app.screen == .dashboard)
                SnapshotTests.check(driver, "dashboard-supervisor\(language == .zh ? "-zh" : "")")
            }
        }
        let drill = try Self.frame(fixture, "bob", size: SnapshotTests.small) { driver in
            driver.press("move-down")
            driver.press("move-down")
            driver.press("open")
        }
        #expect(drill.app.dashboard.drill != nil)
        SnapshotTests.check(drill, "dashboard-drill")
    }

    /// Every funnel row ends its count at the same column, in both languages: labels are padded
    /// by display width (a CJK character takes two cells), and the bar comes after the numbers.
    @Test func numbersLineUpUnderChineseLabels() throws {
        let fixture = try SnapshotFixture()
        for language in [Language.en, .zh] {
            let driver = try Self.frame(fixture, "bob", size: SnapshotTests.wide, language: language)
            let grid = driver.render().grid
            let steps = try #require(driver.app.dashboard.figures?.funnel.steps)
            let heading = Localizer(language)("dash.panel.funnel")
            let top = try #require((0..<grid.size.rows).first { grid.line($0).hasPrefix("  " + heading) }, "\(grid.text())")
            let digits = DashboardView.gutter + DashboardView.labelWidth + 7
            for (offset, step) in steps.enumerated() {
                let row = top + 1 + offset
                let name = language == .zh ? step.chineseName : step.englishName
                #expect(grid.line(row).dropFirst(2).hasPrefix(name), "row \(row): \(grid.line(row))")
                #expect(grid.cell(row: row, column: digits)?.character == String(step.reached).last, "\(language) \(step.key): \(grid.line(row))")
                #expect(grid.cell(row: row, column: digits + 1)?.character == " ")
            }
        }
    }

    @Test func asciiChartsAreAllASCII() throws {
        let fixture = try SnapshotFixture()
        let driver = Driver(try fixture.app("bob"), size: SnapshotTests.wide, charts: .ascii)
        driver.press("show-dashboard")
        let text = driver.render().text()
        let body = text.components(separatedBy: "\n").dropFirst().dropLast(2)
        for line in body where line.contains("Registered") || line.contains("New leads") {
            #expect(line.allSatisfy { $0.isASCII }, "\(line)")
            #expect(line.contains("#"), "\(line)")
        }
    }
}
