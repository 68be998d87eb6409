import ArgumentParser
import ClewServices
import ClewStore
import ClewViewModel
import Foundation

/// `clew keys --dump`: the effective keymap (defaults plus your keymap.conf).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Print the effective key bindings.",
        discussion: "Defaults come from the built-in keymap (the repository's keymap.conf); yours from $XDG_CONFIG_HOME/clew/keymap.conf.")

    @Flag(help: "Print every binding in keymap.conf grammar.") var dump = false

    func run() throws {
        let (keymap, problems) = Privilege.asUser { KeymapLoader.loadUserKeymap() }
        for problem in problems { Output.error("clew: \(problem)") }
        Output.line(KeymapDump.render(keymap), terminator: "")
    }
}
