import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// Keyword tags (关键词标签): a follow-up whose content or feedback mentions 太贵, 考虑竞品, …
/// tags the lead, alerts the supervisor when the tag says so, and fires `tag-added`.
enum KeywordTagging {
    static func apply(to lead: Lead, text: String, context: ClewContext, _ m: Mutation) throws -> Lead {
        let found = context.process.keywordTags.filter { $0.matches(text) && !lead.tags.contains($0.tag) }
        guard !found.isEmpty else { return lead }
        let m = m.automated
        var updated = lead
        for tag in found { updated.tags.insert(tag.tag) }
        var current = try m.update(lead, to: updated, action: .tag)
        let snippet = String(text.prefix(60))
        for tag in found {
            let keyword = tag.keywords.first { text.lowercased().contains($0.lowercased()) } ?? tag.tag
            var alerted: String?
            if tag.riskAlert, let supervisor = try Recipients.supervisor(of: current, m) {
                try m.notify(supervisor, kind: "risk", text: "keyword", leadID: lead.id,
                             body: "Risk on \(lead.number) \(lead.details.customer ?? ""): \(tag.tag) ('\(keyword)' in \"\(snippet)\")",
                             parameters: ["\(lead.number) \(lead.details.customer ?? "")", tag.tag, keyword, snippet])
                alerted = supervisor
            }
            try RuleFirings.record("keyword:\(tag.tag)", kind: .keyword, leadID: lead.id, subject: "lead:\(lead.id)",
                                   occurrence: "\(m.now.storage)", action: "tag \(tag.tag)",
                                   outcome: .keywordTagged(tag.tag, riskAlertTo: alerted), m)
            current = try Triggers.fire(.tagAdded(tag.tag), on: current, context: context, m)
        }
        return current
    }
}
