import ClewDomain
import ClewServices
import Foundation
import TOMLKit

// The choices of issue 17: `[[tag.dimension]]` (tag dimensions with allowed values) and
// `[fields.source]` / `[fields.industry]` (pick lists).
extension ProcessDefinitionTOML {
    /// `[[tag.dimension]]`; none when the file has no `[tag]`.
    static func readTagDimensions(_ root: TOMLTable, _ r: inout TOMLReader) -> [TagDimension] {
        guard let tag = r.table(root, "tag", section: "") else { return [] }
        r.checkKeys(tag, "tag", nil, allowed: ["dimension"])
        return r.tables(tag, "dimension", section: "tag.dimension").map { t, i in
            r.checkKeys(t, "tag.dimension", i, allowed: ["name", "values"])
            return TagDimension(name: r.string(t, "name", "tag.dimension", i) ?? "", values: r.strings(t, "values", "tag.dimension", i) ?? [])
        }
    }

    /// `[fields.source]` and `[fields.industry]`; a field left out takes any text.
    static func readPickLists(_ root: TOMLTable, _ r: inout TOMLReader) -> (source: PickList?, industry: PickList?) {
        guard let fields = r.table(root, "fields", section: "") else { return (nil, nil) }
        r.checkKeys(fields, "fields", nil, allowed: ["source", "industry"])
        func list(_ key: String) -> PickList? {
            guard let t = r.table(fields, key, section: "fields") else { return nil }
            let s = "fields.\(key)"
            r.checkKeys(t, s, nil, allowed: ["values", "free_text"])
            return PickList(values: r.strings(t, "values", s, nil) ?? [], freeText: r.bool(t, "free_text", s, nil, default: false))
        }
        return (list("source"), list("industry"))
    }

    /// Writes the pick lists and the tag dimensions with what each setting does.
    static func writeChoices(_ definition: ProcessDefinition, _ w: inout TOMLWriter) {
        w.comment("Pick lists (下拉选项) for a lead's source and industry: add, edit, the TUI form, import and intake take")
        w.comment("one of `values` (any case; the listed spelling is kept). Other text is refused with \"did you mean\"")
        w.comment("unless free_text = true, which keeps it as typed. Leave a [fields.X] table out to take any text.")
        for (key, list) in [("source", definition.sourceList), ("industry", definition.industryList)] {
            guard let list else { continue }
            w.header("[fields.\(key)]")
            w.list("values", list.values)
            w.line("free_text = \(list.freeText)")
        }
        w.comment("Tag dimensions (标签维度): a lead carries at most one value of each, as the tag NAME=VALUE:")
        w.comment("clew lead tag N add 客户类型=高潜力 (replaces its other 客户类型 value); clew lead list --tag 客户类型=高潜力.")
        w.comment("A value outside `values` is refused with \"did you mean\". Import and export carry each dimension as a column.")
        for dimension in definition.tagDimensions {
            w.header("[[tag.dimension]]")
            w.pair("name", dimension.name)
            w.list("values", dimension.values)
        }
    }
}
