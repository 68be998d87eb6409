import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search customers, contacts, needs and follow-up notes (Chinese substrings too).")

    @OptionGroup var global: GlobalOptions
    @Argument(parsing: .remaining, help: "What to find: 华东, 恒通科技, saas, a phone or lead number.") var words: [String]
    @Option(help: "At most this many results.") var limit = 50
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        guard !words.joined().trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("give something to search for") }
        try OptionLimits.check(limit, in: 1...500, "--limit")
    }

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        let hits = try SearchService(context: environment.context, actor: environment.actor).search(words.joined(separator: " "), limit: limit)
        if json {
            try Output.json(hits.map(SearchHitJSON.init))
            return
        }
        if hits.isEmpty {
            Output.line("Nothing found.")
            return
        }
        LeadTable.print(hits.map(\.lead), now: environment.now,
                        extra: hits.map { "\($0.field ?? $0.matchedIn.rawValue): " + Output.safe($0.excerpt) })
    }
}

/// `search --json`: the lead plus where it matched.
struct SearchHitJSON: Encodable {
    var lead: LeadJSON
    var matchedIn: String
    var excerpt: String?
    /// The field that matched (`customer`, `need`, `follow-up`, …).
    var field: String?

    init(_ hit: SearchHit) {
        field = hit.field
        lead = LeadJSON(hit.lead)
        matchedIn = hit.matchedIn.rawValue
        excerpt = hit.excerpt
    }

    private enum CodingKeys: String, CodingKey { case matchedIn, excerpt }

    func encode(to encoder: any Encoder) throws {
        try lead.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(matchedIn, forKey: .matchedIn)
        try c.encode(excerpt, forKey: .excerpt)
    }
}
