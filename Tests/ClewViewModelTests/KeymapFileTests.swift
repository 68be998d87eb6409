import Foundation
import Testing
@testable import ClewViewModel

@Suite("keymap.conf and dump")
struct KeymapFileTests {
    /// The repository root, found from this file's path (Tests/ClewViewModelTests/…).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func shippedKeymapConfEqualsTheDefaults() throws {
        let url = Self.repositoryRoot.appendingPathComponent("keymap.conf")
        let text = try String(contentsOf: url, encoding: .utf8)
        let file = KeymapParser.parse(text, file: "keymap.conf")
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics)")
        #expect(file.bindings == DefaultKeymap.bindings)
        #expect(file.directives.count == DefaultKeymap.bindings.count)
    }

    @Test func dumpParsesBackToTheSameKeymap() {
        let (keymap, _) = KeymapLoader.load(text: """
        bind board,detail <C-g> grade -- "A \\"quoted\\" help"
        unbind board q
        bind generic <Hash> help
        """, file: "keymap.conf")
        let dumped = KeymapDump.render(keymap)
        let reparsed = KeymapParser.parse(dumped, file: "dump")
        #expect(reparsed.diagnostics.isEmpty, "\(reparsed.diagnostics)")
        #expect(reparsed.bindings == keymap.allBindings)
        #expect(dumped.contains(#"bind board <C-g> grade          -- "A \"quoted\" help""#))
        #expect(dumped.contains("bind generic <Hash>"))
    }

    @Test func dumpLineForms() {
        let plain = KeyBinding(context: .board, keys: [.character("<")], action: "move-back")
        #expect(KeymapDump.line(plain) == "bind board <Lt> move-back")
        let helped = KeyBinding(context: .inbox, keys: [.character(" ")], action: "complete", help: "Done")
        #expect(KeymapDump.line(helped) == "bind inbox <Space> complete -- \"Done\"")
    }

    @Test func userFileLocation() {
        #expect(KeymapLocation.userFile(environment: ["XDG_CONFIG_HOME": "/x/cfg/", "HOME": "/home/a"])
            == "/x/cfg/clew/keymap.conf")
        #expect(KeymapLocation.userFile(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/a"])
            == "/home/a/.config/clew/keymap.conf")
        #expect(KeymapLocation.userFile(environment: ["HOME": "/home/a"]) == "/home/a/.config/clew/keymap.conf")
        #expect(KeymapLocation.userFile(environment: [:]) == nil)
    }

    @Test func loadsTheUserFileFromXDGConfigHome() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-keymap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("clew"), withIntermediateDirectories: true)
        try "bind board j grdae\nbind board J move-down\n".write(
            to: directory.appendingPathComponent("clew/keymap.conf"), atomically: true, encoding: .utf8)
        let (keymap, diagnostics) = KeymapLoader.loadUserKeymap(environment: ["XDG_CONFIG_HOME": directory.path])
        #expect(diagnostics.map(\.line) == [1])
        #expect(diagnostics.first?.message == "unknown action 'grdae'; did you mean 'grade'?")
        #expect(keymap.match([.character("J")], in: .board).actionName == "move-down")
        #expect(keymap.match([.character("j")], in: .board).actionName == "move-down")

        let (fallback, none) = KeymapLoader.loadUserKeymap(environment: ["XDG_CONFIG_HOME": directory.path + "/missing"])
        #expect(none.isEmpty)
        #expect(fallback.allBindings == Keymap().allBindings)
    }
}
