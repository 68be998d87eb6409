import Foundation
import Testing

/// The layering DESIGN §6 asks for, checked on the sources: GRDB and SQL only in the store,
/// nothing but Foundation in the domain, the screens over the services' protocols only.
@Suite("Layering")
struct LayeringTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Every Swift file under `Sources/target`, with its text.
    static func files(in target: String) throws -> [(path: String, text: String)] {
        let root = sources.appendingPathComponent(target)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return try walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
            .map { ($0.path.replacingOccurrences(of: sources.path + "/", with: ""), try String(contentsOf: $0, encoding: .utf8)) }
    }

    /// The file's import statements (with any attribute: `@testable import X`, `@_spi(S) import X`).
    static func imports(of text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { line in
            line.range(of: #"^(@\w+(\([^)]*\))? )*import \w+"#, options: .regularExpression) != nil
        }
    }

    /// Every target but ClewStore and ClewBenchBaselines (the raw-SQL yardsticks the bench compares with).
    static let outsideTheStore = ["ClewDomain", "ClewServices", "ClewMemoryStore", "ClewAutomation", "ClewViewModel", "ClewTUI", "clew", "clew-bench", "ClewServe", "clew-serve"]

    @Test(arguments: outsideTheStore)
    func noGRDBAndNoSQLOutsideTheStore(_ target: String) throws {
        let sql = try NSRegularExpression(pattern: #"\b(SELECT .* FROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE (TABLE|INDEX))\b"#)
        for file in try Self.files(in: target) {
            #expect(!file.text.contains("import GRDB"), "\(file.path) imports GRDB")
            let range = NSRange(file.text.startIndex..., in: file.text)
            #expect(sql.firstMatch(in: file.text, range: range) == nil, "\(file.path) holds SQL")
            #expect(!file.text.contains("m.db") && !file.text.contains("db.execute"), "\(file.path) reaches into a database connection")
        }
    }

    /// The flow is one way: the store publishes events and never names the automation layer;
    /// the automation reaches the database only through the store's ports.
    @Test func theStoreNeverCallsIntoTheAutomation() throws {
        let automation = try Self.files(in: "ClewAutomation")
        #expect(!automation.isEmpty)
        let call = try NSRegularExpression(pattern: #"\b(AutomationEngine|Triggers|Cadences|Routing|KeywordTagging|TickService|AutomationTicker)\b[.(]"#)
        for file in try Self.files(in: "ClewStore") {
            #expect(!file.text.contains("import ClewAutomation"), "\(file.path) imports the automation layer")
            let range = NSRange(file.text.startIndex..., in: file.text)
            #expect(call.firstMatch(in: file.text, range: range) == nil, "\(file.path) calls into the automation layer")
        }
        for file in automation {
            #expect(!file.text.contains(".db") && !file.text.contains("Database"), "\(file.path) holds a database connection")
        }
    }

    /// The screens see the services' protocols only (issue 9 §8): the view models and the TUI
    /// never import a store, so a second store (PostgreSQL) plugs in under them unchanged.
    @Test(arguments: ["ClewViewModel", "ClewTUI"])
    func theScreensNeverImportAStore(_ target: String) throws {
        let files = try Self.files(in: target)
        #expect(!files.isEmpty)
        for file in files {
            let imports = Self.imports(of: file.text)
            #expect(!imports.contains { $0.contains("ClewStore") || $0.contains("GRDB") || $0.contains("ClewAutomation") },
                    "\(file.path) imports \(imports.filter { $0.contains("ClewStore") || $0.contains("GRDB") || $0.contains("ClewAutomation") })")
        }
    }

    /// The services' interface is the domain plus Foundation: no store, no engine.
    @Test func theServicesInterfaceImportsTheDomainOnly() throws {
        let files = try Self.files(in: "ClewServices")
        #expect(!files.isEmpty)
        for file in files {
            let imports = Self.imports(of: file.text)
            #expect(imports.allSatisfy { $0 == "import Foundation" || $0 == "import ClewDomain" }, "\(file.path): \(imports)")
        }
    }

    @Test func theDomainImportsFoundationOnly() throws {
        let files = try Self.files(in: "ClewDomain")
        #expect(!files.isEmpty)
        for file in files {
            let imports = file.text.split(separator: "\n").filter { $0.hasPrefix("import ") }
            #expect(imports.allSatisfy { $0 == "import Foundation" }, "\(file.path): \(imports)")
        }
    }
}
