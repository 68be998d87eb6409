/// A message to a customer that a trigger's `email-customer:NAME` action sends through the
/// outbox. `{customer}`, `{contact}`, `{number}`, `{owner}` and `{amount}` are filled in.
public struct MessageTemplate: Hashable, Sendable {
    public var name: String
    public var subject: String
    public var body: String

    public init(name: String, subject: String, body: String) {
        self.name = name
        self.subject = subject
        self.body = body
    }

    /// The templates Clew ships with.
    public static let builtIn: [String: MessageTemplate] = [
        "contract-confirmation": MessageTemplate(
            name: "contract-confirmation",
            subject: "合同确认 Contract confirmation · {customer}",
            body: """
                {contact} 您好:

                感谢贵司({customer})的信任,合同已签订(编号 {number},金额 {amount})。
                我们的财务同事将尽快为您开具发票,您的客户经理 {owner} 会继续为您服务。

                Dear {contact},

                Thank you for choosing us: the contract with {customer} is signed (ref. {number}, amount {amount}).
                Our finance team will send the invoice shortly; {owner} remains your account manager.
                """),
        "welcome": MessageTemplate(
            name: "welcome",
            subject: "欢迎 Welcome · {customer}",
            body: """
                {contact} 您好,感谢您对我们产品的关注,您的专属顾问 {owner} 将很快与您联系。

                Dear {contact}, thank you for your interest; {owner} will be in touch shortly.
                """),
    ]

    /// The subject and body with the placeholders filled in (missing values become `—`).
    public func render(_ values: [String: String?]) -> (subject: String, body: String) {
        func fill(_ text: String) -> String {
            values.reduce(text) { text, pair in text.replacingOccurrences(of: "{\(pair.key)}", with: pair.value ?? "—") }
        }
        return (fill(subject), fill(body))
    }
}
