import ClewDomain
import ClewServices
@testable import ClewStore
import Testing

/// The process file's pick lists (`[fields.source]`, `[fields.industry]`) and tag dimensions (`[[tag.dimension]]`).
@Suite struct ProcessChoicesTOMLTests {
    @Test func theDefaultFileShowsThemWithCommentsAndTheyRoundTrip() throws {
        let text = ProcessDefinitionTOML.encode(.standard)
        for line in ["[fields.source]", "[fields.industry]", "free_text = true", "[[tag.dimension]]", "name = \"客户类型\"",
                     "values = [\"高潜力\", \"长期合作\", \"投诉\"]", "# Pick lists (下拉选项)", "# Tag dimensions (标签维度)"] {
            #expect(text.contains(line), "\(line)")
        }
        #expect(try ProcessDefinitionTOML.decode(text, file: "p.toml").get() == .standard)
        var definition = ProcessDefinition.standard
        definition.industryList = PickList(values: ["制造业"], freeText: false)
        definition.sourceList = nil
        definition.tagDimensions.append(TagDimension(name: "需求标签", values: ["价格敏感", "功能优先"]))
        let decoded = try ProcessDefinitionTOML.decode(ProcessDefinitionTOML.encode(definition), file: "p.toml").get()
        #expect(decoded == definition)
    }

    @Test func aFileWithoutThemTakesAnyTextAndHasNoDimensions() throws {
        let bare = ProcessDefinitionTOML.encode(.withoutAutomation).components(separatedBy: "\n").filter {
            !$0.hasPrefix("[fields.") && !$0.hasPrefix("[[tag.dimension]]") && !$0.hasPrefix("free_text") && !$0.hasPrefix("values = [")
                && !$0.hasPrefix("name = \"客户类型\"")
        }.joined(separator: "\n")
        let decoded = try ProcessDefinitionTOML.decode(bare, file: "p.toml").get()
        #expect(decoded.sourceList == nil && decoded.industryList == nil && decoded.tagDimensions.isEmpty)
    }

    @Test func badEntriesSayLineAndWhy() throws {
        let base = ProcessDefinitionTOML.encode(.standard)
        let bad = base.replacingOccurrences(of: "[fields.industry]", with: "[fields.industry]\nfreetext = true")
            .replacingOccurrences(of: "values = [\"高潜力\", \"长期合作\", \"投诉\"]", with: "values = [\"高潜力\", \"高潜力\"]")
        guard case let .failure(failure) = ProcessDefinitionTOML.decode(bad, file: "p.toml") else { Issue.record("accepted"); return }
        let text = failure.description
        #expect(text.contains("unknown field 'freetext'") && text.contains("free_text"), "\(text)")
        #expect(text.contains("duplicate value '高潜力'"), "\(text)")
        let line = bad.components(separatedBy: "\n").firstIndex { $0.contains("[\"高潜力\", \"高潜力\"]") }.map { $0 + 1 }
        #expect(text.contains("p.toml:\(line ?? 0):"), "\(text)")
    }
}
