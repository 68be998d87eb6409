import ClewViewModel
import Testing
@testable import ClewTUI

@Suite("Theme parser")
struct ThemeParserTests {
    private func parse(_ text: String) -> (theme: Theme, diagnostics: [ThemeDiagnostic]) {
        ThemeParser.parse(text, file: "mine.theme")
    }

    @Test func colourForms() {
        #expect(ThemeColor.parse("default") == .default)
        #expect(ThemeColor.parse("red") == .palette(1))
        #expect(ThemeColor.parse("White") == .palette(7))
        #expect(ThemeColor.parse("brightred") == .palette(9))
        #expect(ThemeColor.parse("bright-blue") == .palette(12))
        #expect(ThemeColor.parse("color231") == .palette(231))
        #expect(ThemeColor.parse("0") == .palette(0))
        #expect(ThemeColor.parse("255") == .palette(255))
        #expect(ThemeColor.parse("#ff8000") == .rgb(255, 128, 0))
        #expect(ThemeColor.parse("#FF8000") == .rgb(255, 128, 0))
        #expect(ThemeColor.parse("256") == nil)
        #expect(ThemeColor.parse("#ff80") == nil)
        #expect(ThemeColor.parse("#+f8000") == nil)
        #expect(ThemeColor.parse("rde") == nil)
    }

    @Test func readsColorLinesWithAttributesAndComments() {
        let (theme, diagnostics) = parse("""
        # a comment
        color card-focus black yellow bold underline   # trailing comment

        color sla.overdue #ff5f5f default reverse dim italic
        color board.card 15 color236
        """)
        #expect(diagnostics.isEmpty)
        #expect(theme.attributes(named: "card-focus")
            == TextAttributes(foreground: .palette(0), background: .palette(3), bold: true, underline: true))
        #expect(theme.attributes(for: .slaOverdue)
            == TextAttributes(foreground: .rgb(255, 95, 95), reverse: true, dim: true, italic: true))
        #expect(theme.attributes(for: .card, scope: "board") == TextAttributes(foreground: .palette(15), background: .palette(236)))
    }

    @Test func elementsFallBackToLessSpecificNames() {
        #expect(ThemeElement.fallbacks(for: "board.card-focus") == ["board.card-focus", "card-focus", "board", "default"])
        #expect(ThemeElement.fallbacks(for: "sla.overdue") == ["sla.overdue", "overdue", "sla", "default"])
        #expect(ThemeElement.fallbacks(for: "default") == ["default"])
        let (theme, _) = parse("""
        color default white black
        color sla red default
        color card-focus black cyan
        color inbox default blue
        """)
        #expect(theme.attributes(for: .slaOverdue).foreground == .palette(1))
        #expect(theme.attributes(for: .cardFocus, scope: "board").background == .palette(6))
        #expect(theme.attributes(for: .card, scope: "inbox").background == .palette(4))
        #expect(theme.attributes(for: .card, scope: "board").foreground == .palette(7))
        #expect(Theme().attributes(for: .card) == .plain)
    }

    @Test func diagnosticsWithLineNumbersAndSuggestions() {
        let (theme, diagnostics) = parse("""
        color card-focsu black yellow
        color card rde default
        color card red default bolt
        color card color300 default
        color card #ff00 default
        colr card red default
        color card red
        color bord.card red default
        color badge red blue
        color badge green blue
        color tab blue default
        """)
        #expect(diagnostics.map(\.description) == [
            "mine.theme:1: unknown element 'card-focsu'; did you mean 'card-focus'?",
            "mine.theme:2: unknown colour 'rde'; did you mean 'red'?",
            "mine.theme:3: unknown attribute 'bolt'; did you mean 'bold'?",
            "mine.theme:4: colour number 300 is out of range 0–255",
            "mine.theme:5: bad colour '#ff00': write #rrggbb with six hex digits",
            "mine.theme:6: unknown command 'colr'; did you mean 'color'?",
            "mine.theme:7: missing arguments: expected 'color <element> <fg> <bg> [bold|underline|reverse|dim|italic]…'",
            "mine.theme:8: unknown element 'bord.card'; did you mean 'board.card'?",
            "mine.theme:10: duplicate colour for 'badge' (first set on line 9)",
        ])
        #expect(diagnostics.map(\.token) == ["card-focsu", "rde", "bolt", "color300", "#ff00", "colr", "color", "bord.card", "badge"])
        #expect(theme.rules.keys.sorted() == ["badge", "tab"])
        #expect(theme.attributes(for: .badge).foreground == .palette(1))
    }

    @Test func aUserFileLayersOverItsBase() {
        let base = BuiltinTheme.default.theme
        let (theme, diagnostics) = ThemeParser.parse("color card-focus black yellow\n", file: "theme", base: base)
        #expect(diagnostics.isEmpty)
        #expect(theme.attributes(for: .cardFocus).background == .palette(3))
        #expect(theme.attributes(for: .slaOverdue) == base.attributes(for: .slaOverdue))
    }

    @Test func withoutColorsKeepsAttributes() {
        let theme = BuiltinTheme.default.theme.withoutColors()
        #expect(theme.rules.values.allSatisfy { $0.foreground == .default && $0.background == .default })
        #expect(theme.attributes(for: .cardFocus).bold)
        #expect(theme.attributes(for: .cardFocus) != theme.attributes(for: .card))
        #expect(theme.attributes(for: .cardSelected) != theme.attributes(for: .card))
    }
}
