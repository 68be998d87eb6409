/// A message to a customer that a trigger's `email-customer:NAME` action sends through the
/// outbox, defined in the process file with a subject and body in Chinese and English; the
/// contact's language (or the file's `default_language`) picks the text. `{customer}`,
/// `{contact}`, `{number}`, `{owner}` and `{amount}` are filled in.
public struct MessageTemplate: Hashable, Codable, Sendable {
    /// One language's text.
    public struct Text: Hashable, Codable, Sendable {
        public var subject: String
        public var body: String

        public init(subject: String, body: String) {
            self.subject = subject
            self.body = body
        }
    }

    public var name: String
    public var zh: Text
    public var en: Text

    public init(name: String, zh: Text, en: Text) {
        self.name = name
        self.zh = zh
        self.en = en
    }

    /// The placeholders a template may use.
    public static let placeholders = ["customer", "contact", "number", "owner", "amount"]

    /// The text for `language`.
    public func text(_ language: ContactLanguage) -> Text { language == .en ? en : zh }

    /// The subject and body in `language` with the placeholders filled in (missing values become `—`).
    public func render(_ values: [String: String?], language: ContactLanguage) -> (subject: String, body: String) {
        func fill(_ text: String) -> String {
            values.reduce(text) { text, pair in text.replacingOccurrences(of: "{\(pair.key)}", with: pair.value ?? "—") }
        }
        let text = text(language)
        return (fill(text.subject), fill(text.body))
    }

    /// `{names}` in the texts that are not ``placeholders``, in order of appearance.
    public var unknownPlaceholders: [String] {
        var found: [String] = []
        for text in [zh.subject, zh.body, en.subject, en.body] {
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                let name = String(rest[rest.index(after: open)..<close])
                if !Self.placeholders.contains(name) && !found.contains(name) { found.append(name) }
                rest = rest[rest.index(after: close)...]
            }
        }
        return found
    }

    /// The templates of the default process.
    public static let standard: [MessageTemplate] = [
        MessageTemplate(
            name: "contract-confirmation",
            zh: Text(subject: "签约确认 · {customer}", body: """
                {contact} 您好:

                感谢贵司({customer})的信任,合同已签订(编号 {number})。
                我们的财务同事将尽快为您开具发票,您的客户经理 {owner} 会继续为您服务。
                """),
            en: Text(subject: "Contract confirmation · {customer}", body: """
                Dear {contact},

                Thank you for choosing us: the contract with {customer} is signed (ref. {number}).
                Our finance team will send the invoice shortly; {owner} remains your account manager.
                """)),
        MessageTemplate(
            name: "payment-due",
            zh: Text(subject: "付款提醒 · 合同 {number}", body: """
                {contact} 您好:

                贵司({customer})合同 {number} 本期应付 {amount} 今日到期,烦请安排付款。如已支付请忽略本邮件。
                """),
            en: Text(subject: "Payment reminder · contract {number}", body: """
                Dear {contact},

                The instalment of {amount} on contract {number} ({customer}) is due today. Please ignore this if it is paid.
                """)),
        MessageTemplate(
            name: "welcome",
            zh: Text(subject: "欢迎 · {customer}", body: "{contact} 您好,感谢您对我们产品的关注,您的专属顾问 {owner} 将很快与您联系。"),
            en: Text(subject: "Welcome · {customer}", body: "Dear {contact}, thank you for your interest; {owner} will be in touch shortly.")),
    ]
}
