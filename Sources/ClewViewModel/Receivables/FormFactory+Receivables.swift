import ClewDomain

// MARK: - The finance screen's forms

extension FormFactory {
    /// An amount as typed back into a field: `120000` or `1234.50`.
    static func plain(_ money: Money) -> String {
        let cents = money.fen % 100
        return cents == 0 ? "\(money.fen / 100)" : "\(money.fen / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// The payment, invoice and customer-filter forms.
    func receivablesForm(_ kind: FormKind) -> FormModel {
        func f(_ key: String, _ labelKey: String, value: String = "", required: Bool = false, choices: [String] = [], placeholder: String = "") -> FormField {
            FormField(key: key, label: t(labelKey), value: value, required: required, choices: choices, placeholder: placeholder)
        }
        switch kind {
        case let .recordPayment(contract, balance):
            var credit = FormField(key: "credit", label: t("field.credit"), value: "no", choices: ["no", "yes"])
            credit.choiceNames = ["yes": t("choice.yes"), "no": t("choice.no")]
            return FormModel(kind: kind, title: t("form.payment") + (contract.map { " \($0)" } ?? ""), fields: [
                f("contract", "field.contract", value: contract ?? "", required: true, placeholder: "HT-20261123-0001"),
                f("amount", "field.amount", value: balance.map(Self.plain) ?? "", required: true, placeholder: "120000, 12万"),
                f("on", "field.received-on", placeholder: t("placeholder.today")),
                f("reference", "field.reference", placeholder: t("placeholder.reference")),
                credit,
            ])
        case let .recordInvoice(contract, amount):
            var type = FormField(key: "kind", label: t("field.invoice-kind"), value: InvoiceKind.special.chineseName,
                                 choices: InvoiceKind.allCases.map(\.chineseName))
            type.choiceNames = [InvoiceKind.special.chineseName: t("invoice.special"), InvoiceKind.normal.chineseName: t("invoice.normal")]
            return FormModel(kind: kind, title: t("form.invoice") + (contract.map { " \($0)" } ?? ""), fields: [
                f("contract", "field.contract", value: contract ?? "", required: true, placeholder: "HT-20261123-0001"),
                f("amount", "field.amount", value: amount.flatMap { $0.fen > 0 ? Self.plain($0) : nil } ?? "", required: true),
                type,
                f("tax-rate", "field.tax-rate", value: "13%", required: true),
                f("number", "field.invoice-number", required: true),
                f("on", "field.issued-on", placeholder: t("placeholder.today")),
            ])
        case let .findCustomer(current):
            return FormModel(kind: kind, title: t("form.find-customer"), fields: [
                f("name", "field.customer-name", value: current, placeholder: t("placeholder.customer-name")),
            ])
        default:
            return FormModel(kind: kind, title: "", fields: [])
        }
    }
}
