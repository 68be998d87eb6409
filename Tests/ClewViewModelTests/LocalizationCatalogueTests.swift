import ClewDomain
import ClewServices
import ClewStore
import Foundation
import Testing
@testable import ClewViewModel

/// The interface's message catalogue (`Localizer.table`) is complete in English and Chinese,
/// every key the code asks for is in it, and no literal text reaches a status line, a dialog or
/// a form message without going through it (issue 10).
@Suite("Localization catalogue")
struct LocalizationCatalogueTests {
    /// Entries that read the same in both languages on purpose.
    static let neutral: Set<String> = ["confirm.yes-no", "confirm.duplicate-answers"]

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// The Swift files of the view models and the TUI: (path, text).
    static func files() throws -> [(String, String)] {
        var result: [(String, String)] = []
        for module in ["ClewViewModel", "ClewTUI"] {
            let root = sources.appendingPathComponent(module)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where url.pathExtension == "swift" {
                result.append((url.path.replacingOccurrences(of: sources.path + "/", with: ""), try String(contentsOf: url, encoding: .utf8)))
            }
        }
        return result
    }

    @Test func everyEntryHasBothLanguages() {
        for (key, pair) in Localizer.table {
            #expect(!pair.0.isEmpty && !pair.1.isEmpty, "\(key) lacks a translation")
            let chinese = pair.1.unicodeScalars.contains { (0x3000...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
            #expect(chinese || Self.neutral.contains(key), "\(key): the Chinese text \"\(pair.1)\" has no Chinese in it")
        }
    }

    @Test func everyKeyTheCodeAsksForIsInTheCatalogue() throws {
        let call = try Regex(#"(?:localizer|\bt|Localizer\([a-z.]+\))(?:\.optional)?\("([a-z][a-z0-9._-]*)""#)
        var missing: [String] = []
        var count = 0
        for (path, text) in try Self.files() where !path.hasSuffix("Language.swift") {
            for match in text.matches(of: call) {
                guard let key = match.output[1].substring.map(String.init) else { continue }
                count += 1
                if Localizer.table[key] == nil { missing.append("\(path): \(key)") }
            }
        }
        #expect(count > 100, "the scan found only \(count) calls")
        #expect(missing.isEmpty, "not in the catalogue:\n\(missing.joined(separator: "\n"))")
        // Keys built from closed sets.
        for scope in BoardScope.allCases { #expect(Localizer.table["scope.\(scope.rawValue)"] != nil) }
        for context in KeyContext.allCases { #expect(Localizer.table["help.section.\(context.title)"] != nil, "\(context)") }
        for screen in KeyContext.upcomingScreens { #expect(Localizer.table["screen.\(screen.rawValue)"] != nil, "\(screen)") }
        for action in LeadAction.allCases { #expect(Localizer.table["action.\(action.rawValue)"] != nil, "\(action)") }
    }

    @Test func noLiteralTextReachesAStatusADialogOrAFormMessage() throws {
        let literal = try Regex(#"StatusMessage\("|[^A-Za-z]ask\("|\.formError = "|setError\("|\.warning = ""#)
        var offenders: [String] = []
        for (path, text) in try Self.files() {
            for (number, line) in text.components(separatedBy: "\n").enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("///") && line.contains(literal) {
                offenders.append("\(path):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(offenders.isEmpty, "use a catalogue entry (Localizer.table):\n\(offenders.joined(separator: "\n"))")
    }

    @Test func errorsReadInChinese() {
        let zh = Localizer(.zh)
        let denied = PermissionError.denied(action: .move, number: "XL-20261123-001", login: "li.fin", role: .finance, owner: "wang.fang")
        #expect(zh.error(denied) == "财务不能对 XL-20261123-001「推进」（负责人 wang.fang）")
        #expect(zh.error(UIError("error.amount")) == "请填写金额，例如 380000 或 38万")
        #expect(Localizer(.en).error(UIError("error.amount")) == "an amount like 380000 or 38万")
        #expect(zh.error(StageMoveError.notActive(.pooled)) == "只有跟进中的线索可以推进；该线索为「线索池」")
    }
}
