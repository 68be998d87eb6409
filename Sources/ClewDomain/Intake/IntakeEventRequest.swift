/// A behaviour event post (`POST /v1/events`): which lead — by number, or by phone or email for
/// a private token — which event of the process file's scoring model, and how many times.
///
/// ```swift
/// let request = try IntakeEventRequest(fields: [("lead", "XL-20261123-007"), ("event", "viewed_product"), ("count", "3")],
///                                      knownEvents: ["viewed_product"], token: web)
/// ```
public struct IntakeEventRequest: Hashable, Sendable {
    /// How the post names the lead.
    public enum LeadReference: Hashable, Sendable {
        case number(LeadNumber)
        case phone(PhoneNumber)
        case email(EmailAddress)
    }

    public var lead: LeadReference
    public var event: String
    public var count: Int

    /// The most occurrences one post may report.
    public static let maximumCount = 20

    /// Reads `fields` as posted.
    ///
    /// - Throws: ``IntakeFormError/invalid(_:)`` naming each bad field (an unknown event lists the
    ///   known ones); a public token naming a lead by phone or email is refused too — from a web
    ///   page it would tell who is a lead.
    public init(fields: [(name: String, value: String)], knownEvents: [String], token: IntakeToken) throws(IntakeFormError) {
        guard fields.count <= IntakeForm.maximumFieldCount else { throw .malformed("too many fields") }
        var values: [String: String] = [:]
        for (name, value) in fields { values[LeadFieldHeader.key(name)] = TextNormalization.trimmed(value) }
        var problems: [IntakeFieldProblem] = []
        var reference: LeadReference?
        if let text = values["lead"] ?? values["number"] ?? values["线索编号"], !text.isEmpty {
            if let number = LeadNumber(text.uppercased()) { reference = .number(number) } else {
                problems.append(IntakeFieldProblem(field: "lead", english: "lead must be a lead number such as XL-20261123-007",
                                                   chinese: "lead 应为线索编号,如 XL-20261123-007"))
            }
        } else if let text = values["phone"] ?? values["电话"] ?? values["手机"], !text.isEmpty {
            do { reference = .phone(try PhoneNumber(parsing: text)) } catch { problems.append(.invalidPhone(error)) }
        } else if let text = values["email"] ?? values["邮箱"], !text.isEmpty {
            do { reference = .email(try EmailAddress(parsing: text)) } catch { problems.append(.invalidEmail(error)) }
        } else {
            problems.append(IntakeFieldProblem(field: "lead", english: "name the lead: lead (its number), phone or email",
                                               chinese: "请指明线索:lead(线索编号)、phone 或 email"))
        }
        if token.isPublic, let found = reference, found.isContact {
            problems.append(IntakeFieldProblem(field: "lead", english: "a public token names leads by number only",
                                               chinese: "公开令牌只能用线索编号指明线索"))
        }
        let event = values["event"] ?? values["事件"] ?? ""
        if !knownEvents.contains(event) {
            let known = knownEvents.joined(separator: ", ")
            let hint = Suggestion.closest(to: event, in: knownEvents).map { "; did you mean '\($0)'?" } ?? ""
            problems.append(IntakeFieldProblem(field: "event", english: "unknown event '\(event)' (known: \(known))\(hint)",
                                               chinese: "未知事件“\(event)”(流程文件定义的事件:\(known))"))
        }
        var count = 1
        if let text = values["count"] ?? values["次数"], !text.isEmpty {
            if let parsed = Int(text), (1...Self.maximumCount).contains(parsed) { count = parsed } else {
                problems.append(IntakeFieldProblem(field: "count", english: "count must be a whole number from 1 to \(Self.maximumCount)",
                                                   chinese: "count 应为 1 到 \(Self.maximumCount) 的整数"))
            }
        }
        guard let reference, problems.isEmpty else { throw .invalid(problems) }
        self.lead = reference
        self.event = event
        self.count = count
    }
}

extension IntakeEventRequest.LeadReference {
    var isContact: Bool {
        if case .number = self { false } else { true }
    }
}
