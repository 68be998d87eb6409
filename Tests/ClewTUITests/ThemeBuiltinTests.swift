import Foundation
import Testing
@testable import ClewTUI

@Suite("Shipped themes")
struct ThemeBuiltinTests {
    /// The repository root, found from this file's path (Tests/ClewTUITests/…).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("each shipped theme parses cleanly and equals its embedded copy", arguments: BuiltinTheme.allCases)
    func shippedTheme(_ builtin: BuiltinTheme) throws {
        let url = Self.repositoryRoot.appendingPathComponent("themes").appendingPathComponent(builtin.fileName)
        let fileText = try String(contentsOf: url, encoding: .utf8)
        #expect(fileText == builtin.text)
        let (theme, diagnostics) = ThemeParser.parse(fileText, file: builtin.fileName)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(theme == builtin.theme)
    }

    @Test("each shipped theme sets every element", arguments: BuiltinTheme.allCases)
    func coversTheVocabulary(_ builtin: BuiltinTheme) {
        let rules = builtin.theme.rules
        let missing = ThemeElement.allCases.filter { rules[$0.rawValue] == nil && !["grade", "sla"].contains($0.rawValue) }
        #expect(missing.isEmpty, "\(builtin.rawValue) lacks \(missing.map(\.rawValue))")
    }

    @Test func monoUsesOnlyAttributesAndKeepsStatesApart() {
        let theme = BuiltinTheme.mono.theme
        #expect(theme.rules.values.allSatisfy { $0.foreground == .default && $0.background == .default })
        let groups: [[ThemeElement]] = [
            [.card, .cardFocus, .cardSelected],
            [.slaOnTime, .slaDueSoon, .slaOverdue, .slaStalled],
            [.formField, .formFieldFocus],
            [.tab, .tabActive],
            [.columnHeader, .columnHeaderFocus],
        ]
        for group in groups {
            let looks = group.map { theme.attributes(for: $0) }
            #expect(Set(looks).count == group.count, "\(group) look alike")
        }
        #expect(theme.attributes(for: .cardFocus).reverse)
    }

    @Test func focusAndSelectionDifferInEveryTheme() {
        for builtin in BuiltinTheme.allCases {
            let theme = builtin.theme
            let looks: Set = [theme.attributes(for: .card), theme.attributes(for: .cardFocus), theme.attributes(for: .cardSelected)]
            #expect(looks.count == 3, "\(builtin.rawValue)")
        }
    }

    @Test func themeSourceFollowsOptionThenUserFileThenDefault() throws {
        let environment = ["XDG_CONFIG_HOME": "/cfg"]
        #expect(try ThemeLocation.source(option: "mono", environment: environment) { _ in true } == .builtin(.mono))
        #expect(try ThemeLocation.source(option: "high-contrast", environment: [:]) { _ in false } == .builtin(.highContrast))
        #expect(try ThemeLocation.source(option: "./mine.theme", environment: [:]) { _ in false } == .file("./mine.theme"))
        #expect(try ThemeLocation.source(option: nil, environment: environment) { $0 == "/cfg/clew/theme" } == .file("/cfg/clew/theme"))
        #expect(try ThemeLocation.source(option: nil, environment: environment) { _ in false } == .builtin(.default))
        #expect(throws: ThemeLocationError.unknownTheme("mnoo", suggestion: "mono")) {
            try ThemeLocation.source(option: "mnoo", environment: [:]) { _ in false }
        }
        #expect(ThemeLocationError.unknownTheme("lihgt", suggestion: "light").description
            == "unknown theme 'lihgt'; did you mean 'light'? (shipped themes: default, light, high-contrast, mono; or give a path to a .theme file)")
        #expect(ThemeLocation.noColorRequested(environment: ["NO_COLOR": "1"]))
        #expect(!ThemeLocation.noColorRequested(environment: ["NO_COLOR": ""]))
    }

    @Test func loaderReadsFilesOverTheDefaultAndReportsUnreadableOnes() {
        let (theme, diagnostics) = ThemeLoader.load(.file("/t/mine.theme")) { _ in "color card red default\ncolor crad red default\n" }
        #expect(diagnostics.map(\.description) == ["/t/mine.theme:2: unknown element 'crad'; did you mean 'card'?"])
        #expect(theme.attributes(for: .card).foreground == .palette(1))
        #expect(theme.attributes(for: .cardFocus) == BuiltinTheme.default.theme.attributes(for: .cardFocus))
        let (fallback, problems) = ThemeLoader.load(.file("/nope")) { _ in nil }
        #expect(problems.map(\.description) == ["/nope:0: cannot read the theme file"])
        #expect(fallback == BuiltinTheme.default.theme)
        #expect(ThemeLoader.load(.builtin(.light)).theme == BuiltinTheme.light.theme)
    }
}
