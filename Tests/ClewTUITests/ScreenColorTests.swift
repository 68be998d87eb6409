import Testing
@testable import ClewTUI

@Suite("ColorDegradation")
struct ScreenColorTests {
    @Test func policyFollowsCapabilities() {
        #expect(TerminalCapabilities(colors: 256, pairs: 65536, noColor: false).degradation == .palette256)
        #expect(TerminalCapabilities(colors: 8, pairs: 64, noColor: false).degradation == .basic8)
        #expect(TerminalCapabilities(colors: 16, pairs: 256, noColor: false).degradation == .basic8)
        #expect(TerminalCapabilities(colors: 256, pairs: 65536, noColor: true).degradation == .attributesOnly)
        #expect(TerminalCapabilities(colors: 0, pairs: 0, noColor: false).degradation == .attributesOnly)
    }

    @Test func noColorNeedsANonEmptyValue() {
        #expect(TerminalCapabilities.noColorRequested(in: ["NO_COLOR": "1"]))
        #expect(!TerminalCapabilities.noColorRequested(in: ["NO_COLOR": ""]))
        #expect(!TerminalCapabilities.noColorRequested(in: [:]))
    }

    @Test(arguments: [
        ((UInt8(0), UInt8(0), UInt8(0)), 16), ((255, 255, 255), 231), ((255, 0, 0), 196),
        ((0, 0, 255), 21), ((0x87, 0xAF, 0xD7), 110), ((128, 128, 128), 244), ((0x12, 0x12, 0x12), 233),
        ((250, 100, 10), 202),
    ])
    func rgbMapsToTheNearestOf256(rgb: (UInt8, UInt8, UInt8), index: Int) {
        #expect(ColorDegradation.nearestPaletteIndex(red: rgb.0, green: rgb.1, blue: rgb.2) == index)
        #expect(ColorDegradation.palette256.colorNumber(for: .rgb(rgb.0, rgb.1, rgb.2)) == index)
    }

    @Test(arguments: [
        (0, 0), (1, 1), (7, 7), (9, 1), (15, 7), (196, 1), (46, 2), (21, 4), (226, 3), (201, 5), (51, 6),
        (52, 1), (17, 4), (231, 7), (16, 0), (232, 0), (236, 0), (250, 7), (255, 7), (208, 3),
    ])
    func paletteMapsToTheNearestBasicColor(index: Int, basic: Int) {
        #expect(ColorDegradation.basic8.colorNumber(for: .palette(index)) == basic)
    }

    @Test func basic8NeverReachesColors() {
        for index in 0...255 {
            let number = ColorDegradation.basic8.colorNumber(for: .palette(index))
            #expect(number.map { (0..<8).contains($0) } == true)
        }
        #expect(ColorDegradation.basic8.colorNumber(for: .rgb(255, 135, 0)) == 3)
        #expect(ColorDegradation.basic8.colorNumber(for: .rgb(0x30, 0x30, 0x30)) == 0)
        #expect(ColorDegradation.basic8.colorNumber(for: .default) == nil)
        #expect(ColorDegradation.palette256.colorNumber(for: .palette(300)) == nil)
    }

    @Test func basic8KeepsTextReadableWhenColoursCollapse() {
        let darkGreyOnBlack = TextAttributes(foreground: .palette(238), background: .palette(0))
        let style = ColorDegradation.basic8.resolve(darkGreyOnBlack)
        #expect(style.background == 0)
        #expect(style.foreground == 7)
        let same = ColorDegradation.basic8.resolve(TextAttributes(foreground: .palette(3), background: .palette(3)))
        #expect(same.foreground == 3)
    }

    /// The column rule (color240 on the default background) stays visible under TERM=screen.
    @Test func basic8KeepsDarkGreyOnTheDefaultBackgroundVisible() {
        let rule = ColorDegradation.basic8.resolve(TextAttributes(foreground: .palette(240)))
        #expect(rule.foreground == 7 && rule.dim)
        let black = ColorDegradation.basic8.resolve(TextAttributes(foreground: .palette(0), background: .palette(7)))
        #expect(black.foreground == 0 && !black.dim)
    }

    @Test func attributesOnlyKeepsAttributesAndMarksBackgrounds() {
        let focus = TextAttributes(foreground: .palette(15), background: .palette(24), bold: true, underline: true)
        let style = ColorDegradation.attributesOnly.resolve(focus)
        #expect(style == TerminalStyle(bold: true, underline: true, reverse: true))
        let dim = ColorDegradation.attributesOnly.resolve(TextAttributes(foreground: .palette(8), dim: true, italic: true))
        #expect(dim == TerminalStyle(dim: true, italic: true))
    }

    @Test func palette256KeepsPaletteEntries() {
        let style = ColorDegradation.palette256.resolve(TextAttributes(foreground: .palette(231), background: .rgb(0, 0, 0),
                                                                         reverse: true))
        #expect(style == TerminalStyle(foreground: 231, background: 16, reverse: true))
    }

    @Test func pairsAreCachedAndBounded() {
        var cache = ColorPairCache(limit: 3)
        let defaults = cache.pair(for: .init(foreground: -1, background: -1))
        #expect(defaults?.number == 0 && defaults?.isNew == false)
        let first = cache.pair(for: .init(foreground: 1, background: -1))
        #expect(first?.number == 1 && first?.isNew == true)
        let again = cache.pair(for: .init(foreground: 1, background: -1))
        #expect(again?.number == 1 && again?.isNew == false)
        let second = cache.pair(for: .init(foreground: 2, background: 0))
        #expect(second?.number == 2 && second?.isNew == true)
        #expect(cache.pair(for: .init(foreground: 3, background: 0)) == nil)
        #expect(cache.allocated == 2)
    }

    @Test func localeCodesetNames() {
        #expect(TerminalLocale.isUTF8("UTF-8"))
        #expect(TerminalLocale.isUTF8("utf8"))
        #expect(!TerminalLocale.isUTF8("ANSI_X3.4-1968"))
    }
}
