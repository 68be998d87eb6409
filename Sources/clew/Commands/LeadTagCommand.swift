import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew lead tag NUMBER [add|remove TAG…]`: manual tags, each audited with who put it on.
struct LeadTagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag", abstract: "List, add or remove a lead's tags (标签).",
        discussion: """
            clew lead tag XL-20261123-001                 the lead's tags, with who put each on
            clew lead tag XL-20261123-001 add 价格异议 vip
            clew lead tag XL-20261123-001 remove vip
            Tags found by the process file's keyword rules are listed as "keyword"; they can be removed too.
            """)

    /// What to do with the tags.
    enum Verb: String, ExpressibleByArgument, CaseIterable {
        case list, add, remove
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String
    @Argument(help: "list (default), add or remove.") var verb: Verb = .list
    @Argument(help: "The tags (at most 32 characters each, no commas).") var tags: [String] = []
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if verb == .list, !tags.isEmpty { throw ValidationError("'list' takes no tags; use 'add' or 'remove'") }
        if verb != .list, tags.isEmpty { throw ValidationError("name at least one tag to \(verb.rawValue)") }
    }

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        let service = TagService(context: environment.context, actor: environment.actor)
        let after: [LeadTag] = switch verb {
        case .list: try service.tags(of: number)
        case .add: try service.add(tags, to: number)
        case .remove: try service.remove(tags, from: number)
        }
        if json { return try Output.json(after) }
        if verb != .list { Output.line("\(number): \(after.isEmpty ? "no tags" : after.map(\.name).joined(separator: ", ")).") }
        guard verb == .list else { return }
        guard !after.isEmpty else { return Output.line("\(number) has no tags.") }
        Output.table(["TAG", "ADDED BY", "AT"], after.map { tag in
            [tag.name, tag.addedBy ?? "keyword", Output.time(tag.addedAt)]
        })
    }
}
