@testable import ClewTUI
@testable import ClewViewModel
import Foundation
import Testing

@Suite("Drafts")
struct DraftStoreTests {
    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clew-drafts-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static let draft = FormDraft(kind: .newLead, title: "新线索", fields: [FormField(key: "customer", label: "客户名称", value: "恒通科技")])

    @Test func aDraftIsKeptInTheFallbackWhenItsDirectoryCannotBeMade() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // The "home" is a plain file: nothing can be created under it (not even by root).
        let home = root + "/home"
        #expect(FileManager.default.createFile(atPath: home, contents: Data()))
        let store = DraftStore(path: home + "/.local/share/clew/draft.json", fallbackDirectory: root + "/fallback", asUser: { $0() })
        store.update(Self.draft)
        let saved = store.persist()
        #expect(saved == root + "/fallback/draft.json")
        #expect(store.savedPath == saved)
        let mode = try FileManager.default.attributesOfItem(atPath: root + "/fallback")[.posixPermissions] as? Int
        #expect(mode == 0o700)
        // The next run finds it there, and takes it.
        let next = DraftStore(path: home + "/.local/share/clew/draft.json", fallbackDirectory: root + "/fallback", asUser: { $0() })
        #expect(next.take() == Self.draft)
        #expect(next.take() == nil)
    }

    @Test func aDraftIsNotWrittenThroughASymlink() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let target = root + "/target"
        #expect(FileManager.default.createFile(atPath: target, contents: Data("keep".utf8)))
        try FileManager.default.createSymbolicLink(atPath: root + "/draft.json", withDestinationPath: target)
        let store = DraftStore(path: root + "/draft.json", fallbackDirectory: root + "/fallback", asUser: { $0() })
        store.update(Self.draft)
        #expect(store.persist() == root + "/fallback/draft.json")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
    }
}
