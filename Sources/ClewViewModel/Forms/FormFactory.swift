import ClewDomain
import ClewServices

/// Builds each form with its fields, labels in the interface language, and sensible defaults.
struct FormFactory {
    let t: Localizer
    /// The process file's tag dimensions: the tag form offers each one's values as a choice.
    var dimensions: [TagDimension] = []

    /// The key of the tag form's choice for dimension `name`.
    static func dimensionKey(_ name: String) -> String { "dimension:" + name }

    func make(_ kind: FormKind, lead: Lead? = nil, suggestions: [String] = []) -> FormModel {
        let form = build(kind, lead: lead, suggestions: suggestions)
        form.language = t.language
        return form
    }

    /// The follow-up method: stored as `phone`, `wechat`, … and shown in the reader's language.
    private func methodField() -> FormField {
        var field = FormField(key: "method", label: t("field.method"), value: FollowUpMethod.phone.rawValue,
                              choices: FollowUpMethod.allCases.map(\.rawValue))
        field.choiceNames = Dictionary(uniqueKeysWithValues: FollowUpMethod.allCases.map { ($0.rawValue, t.method($0)) })
        return field
    }

    /// A yes/no choice, stored as `yes` or `no` and shown in the reader's language.
    private func yesNo(_ key: String, _ labelKey: String, yes: Bool) -> FormField {
        var field = FormField(key: key, label: t(labelKey), value: yes ? "yes" : "no", choices: ["yes", "no"])
        field.choiceNames = ["yes": t("choice.yes"), "no": t("choice.no")]
        return field
    }

    /// A company field of the lead forms: the company type a choice of ``CompanyType`` (or none),
    /// the others text with a hint.
    private func companyField(_ field: LeadField, value: String = "") -> FormField {
        let label = t("field.\(field.rawValue)")
        guard field == .companyType else {
            return FormField(key: field.rawValue, label: label, value: value, placeholder: t("placeholder.\(field.rawValue)"))
        }
        var choice = FormField(key: field.rawValue, label: label, value: value, choices: [""] + CompanyType.allCases.map(\.chineseName))
        choice.choiceNames = Dictionary(uniqueKeysWithValues: CompanyType.allCases.map { ($0.chineseName, $0.name(english: t.language == .en)) })
        choice.choiceNames?[""] = t("choice.none")
        return choice
    }

    private func build(_ kind: FormKind, lead: Lead?, suggestions: [String]) -> FormModel {
        func f(_ key: String, _ labelKey: String, value: String = "", required: Bool = false, choices: [String] = [],
               acceptsOtherText: Bool = false, placeholder: String = "") -> FormField {
            FormField(key: key, label: t(labelKey), value: value, required: required, choices: choices,
                      acceptsOtherText: acceptsOtherText, placeholder: placeholder)
        }
        let number = lead.map { " \($0.number)" } ?? ""
        switch kind {
        case .newLead:
            return FormModel(kind: kind, title: t("form.new-lead"), fields: [
                f("customer", "field.customer", required: true), f("contact", "field.contact"), f("phone", "field.phone", placeholder: "138 0013 8000"),
                f("email", "field.email"), f("source", "field.source", placeholder: t("placeholder.source")),
                f("industry", "field.industry"), f("need", "field.need"), f("title", "field.title"), f("city", "field.city"),
                f("region", "field.region", placeholder: t("placeholder.region")), f("budget", "field.budget", placeholder: "30-50万"),
                f("campaign", "field.campaign"),
            ] + LeadField.companyFields.map { companyField($0) })
        case .editLead:
            let d = lead?.details ?? LeadDraft()
            let form = FormModel(kind: kind, title: t("form.edit-lead") + number, fields: LeadField.allCases.map {
                LeadField.companyFields.contains($0) ? companyField($0, value: d[$0] ?? "")
                    : f($0.rawValue, "field.\($0.rawValue)", value: d[$0] ?? "", required: $0 == .customer)
            })
            form.recordBase()
            return form
        case .followUp:
            return FormModel(kind: kind, title: t("form.follow-up") + number, fields: [
                methodField(),
                f("with", "field.with", value: [lead?.details.contact, lead?.details.title].compactMap { $0 }.joined(separator: " ")),
                f("content", "field.content", required: true), f("feedback", "field.feedback"),
                f("next", "field.next"), f("next-due", "field.next-due", placeholder: t("placeholder.next-due")),
            ])
        case .grade:
            return FormModel(kind: kind, title: t("form.grade") + number, fields: [
                f("grade", "field.grade", value: (lead?.grade ?? lead?.suggestedGrade ?? .b).rawValue, required: true, choices: ["A", "B", "C"]),
                f("reason", "field.reason", required: true),
            ])
        case let .assign(numbers):
            let title = numbers.count > 1 ? "\(t("form.assign")) ×\(numbers.count)" : t("form.assign") + number
            return FormModel(kind: kind, title: title, fields: [
                f("assignee", "field.assignee", value: suggestions.first ?? "", required: true, choices: suggestions, acceptsOtherText: true),
            ])
        case .win:
            return FormModel(kind: kind, title: t("form.win") + number, fields: [
                f("amount", "field.amount", value: lead?.amount.map { String($0.fen / 100) } ?? "", required: true, placeholder: "380000, 38万"),
            ])
        case .convert:
            return FormModel(kind: kind, title: t("form.convert") + number, fields: [
                yesNo("make-contact", "field.make-contact", yes: lead?.details.contact != nil), yesNo("make-opportunity", "field.make-opportunity", yes: true),
            ])
        case .tags:
            // Free tags to add or remove, then one choice per tag dimension (its listed values, or none).
            let tags = lead?.tags ?? []
            let names = Set(dimensions.map(\.name))
            let plain = tags.filter { tag in TagDimension.split(tag).map { !names.contains($0.name) } ?? true }.sorted()
            let choices = dimensions.map { dimension in
                var field = FormField(key: Self.dimensionKey(dimension.name), label: dimension.name,
                                      value: TagDimension.value(of: dimension.name, in: tags) ?? "", choices: [""] + dimension.values)
                field.choiceNames = ["": t("choice.none")]
                field.base = field.value
                return field
            }
            return FormModel(kind: kind, title: t("form.tags") + number, fields: [
                f("add", "field.tags-add", placeholder: t("placeholder.tags")),
                f("remove", "field.tags-remove", placeholder: plain.joined(separator: " ")),
            ] + choices)
        case .lose:
            return FormModel(kind: kind, title: t("form.lose") + number, fields: [
                f("reason", "field.reason", required: true, choices: LostReason.standard.map(\.chineseName), acceptsOtherText: true),
            ])
        case .returnToPool:
            return FormModel(kind: kind, title: t("form.return") + number, fields: [f("reason", "field.reason", required: true)])
        case .addTask:
            return FormModel(kind: kind, title: t("form.task") + number, fields: [
                f("title", "field.task", required: true), f("due", "field.due", value: "tomorrow", placeholder: t("placeholder.due")),
                f("assignee", "field.task-assignee", placeholder: t("placeholder.task-assignee")),
            ])
        case .note:
            return FormModel(kind: kind, title: t("form.note") + number, fields: [f("body", "field.note", required: true, placeholder: t("placeholder.mention"))])
        case .object:
            return FormModel(kind: kind, title: t("form.object") + number, fields: [f("reason", "field.reason", required: true)])
        case .rejectApproval:
            return FormModel(kind: kind, title: t("form.reject"), fields: [f("comment", "field.comment", required: true)])
        case .approveApproval:
            return FormModel(kind: kind, title: t("form.approve"), fields: [f("comment", "field.comment")])
        case .recordPayment, .recordInvoice, .findCustomer:
            return receivablesForm(kind)
        case .snooze:
            return FormModel(kind: kind, title: t("form.snooze"), fields: [f("until", "field.until", value: "tomorrow", required: true, placeholder: t("placeholder.until"))])
        }
    }
}
