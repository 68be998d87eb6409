/// A lead post (`POST /v1/leads`) read into what `clew lead add` takes: its fields named as in
/// the import headers (Chinese or English), the source and campaign from the token, the region
/// from the city, plus what only a web form has — consent, the privacy text's version, the
/// spam honeypot and the thank-you page.
///
/// ```swift
/// let form = try IntakeForm(fields: [("公司", "杭州恒通"), ("手机", "138 0013 8000"), ("consent", "1")], token: web)
/// form.draft.source    // "官网" — the token's
/// form.consent         // true
/// ```
///
/// Every problem with the lead fields is reported at once (``IntakeFormError/invalid(_:)``),
/// each as ``IntakeFieldProblem``; the store validates again when it registers the lead.
public struct IntakeForm: Hashable, Sendable {
    /// The lead fields, as `clew lead add --customer … --phone …` would pass them.
    public var draft: LeadDraft
    /// `consent=1` (or true/yes/on/同意): the person agreed to the privacy text.
    public var consent: Bool
    /// The version of the privacy text the form showed (`privacy_version`).
    public var privacyVersion: String?
    /// The spam honeypot (``honeypotField``) was filled: a bot; answer as usual, keep nothing.
    public var isSpam: Bool
    /// Where to send the browser after the post (`redirect=`): answered with 303.
    public var redirect: String?
    /// Fields Clew has no lead field for (备注, 产品, …): kept on the lead as custom fields, as an
    /// import keeps such columns.
    public var custom: [CustomField]
    /// Fields the token overrides (source; campaign when the token has one).
    public var ignored: [String]

    /// A field kept as a custom field of the lead.
    public struct CustomField: Hashable, Sendable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The longest custom field name.
    public static let maximumNameLength = 100

    /// The hidden field a person never fills in and a spam bot does.
    public static let honeypotField = "_gotcha"
    /// The longest value a field may have (the need may be longer).
    public static let maximumFieldLength = 500
    /// The longest need (需求描述).
    public static let maximumNeedLength = 4_000
    /// The most fields one post may carry.
    public static let maximumFieldCount = 64
    /// The longest redirect address.
    public static let maximumRedirectLength = 2_000

    /// Names that are not lead fields but mean something to the intake.
    enum Reserved: String, CaseIterable {
        case token, redirect, consent, privacyVersion = "privacy_version", honeypot = "_gotcha"

        static func named(_ name: String) -> Reserved? {
            switch LeadFieldHeader.key(name) {
            case "token", "_token": .token
            case "redirect", "redirectto", "thankyou", "next": .redirect
            case "consent", "同意", "同意隐私政策", "隐私同意": .consent
            case "privacyversion", "隐私政策版本", "隐私版本": .privacyVersion
            case "gotcha": .honeypot
            default: nil
            }
        }
    }

    /// Reads `fields` (name, value) as posted, for `token`.
    ///
    /// - Throws: ``IntakeFormError/malformed(_:)`` for a post that is no form at all (too many
    ///   fields, a field given twice, a bad redirect); ``IntakeFormError/invalid(_:)`` with every
    ///   field problem.
    public init(fields: [(name: String, value: String)], token: IntakeToken) throws(IntakeFormError) {
        guard fields.count <= Self.maximumFieldCount else {
            throw .malformed("a post carries at most \(Self.maximumFieldCount) fields; this one has \(fields.count)")
        }
        var draft = LeadDraft()
        var consent = false, spam = false
        var privacyVersion: String?, redirect: String?
        var ignored: [String] = []
        var custom: [CustomField] = []
        var problems: [IntakeFieldProblem] = []
        var seen: Set<LeadField> = []
        for (name, value) in fields {
            if let reserved = Reserved.named(name) {
                switch reserved {
                case .token: break
                case .redirect: redirect = TextNormalization.trimmed(value)
                case .consent: consent = ["1", "true", "yes", "on", "y", "同意", "是"].contains(TextNormalization.trimmed(value).lowercased())
                case .privacyVersion: privacyVersion = TextNormalization.trimmed(value)
                case .honeypot: spam = !TextNormalization.trimmed(value).isEmpty
                }
                continue
            }
            guard let field = LeadFieldHeader.field(named: name) else {
                let (label, text) = (TextNormalization.trimmed(name), TextNormalization.trimmed(value))
                guard !label.isEmpty, !text.isEmpty else { continue }
                if label.count > Self.maximumNameLength { problems.append(.tooLong(String(label.prefix(20)) + "…", limit: Self.maximumNameLength)) }
                if text.count > Self.maximumFieldLength { problems.append(.tooLong(label, limit: Self.maximumFieldLength)) }
                custom.append(CustomField(name: label, value: text))
                continue
            }
            guard seen.insert(field).inserted else { throw .malformed("the field \(field.rawValue) (\(field.chineseName)) is given twice") }
            let limit = field == .need ? Self.maximumNeedLength : Self.maximumFieldLength
            if value.count > limit { problems.append(.tooLong(field.rawValue, limit: limit)) }
            switch field {
            // The token says where its leads come from; a form may name a campaign only for a token without one.
            case .source: ignored.append(name)
            case .campaign where token.campaign != nil: ignored.append(name)
            default: draft[field] = value
            }
        }
        draft.source = token.source
        if let campaign = token.campaign { draft.campaign = campaign }
        if draft.region == nil, let city = draft.city { draft.region = SalesRegion.region(ofCity: TextNormalization.trimmed(city)) }
        if let version = privacyVersion, version.count > Self.maximumFieldLength {
            problems.append(.tooLong(Reserved.privacyVersion.rawValue, limit: Self.maximumFieldLength))
        }
        if let target = redirect, !target.isEmpty {
            guard Self.isAcceptableRedirect(target) else {
                throw .malformed("redirect must be an http:// or https:// address of at most \(Self.maximumRedirectLength) characters")
            }
        } else {
            redirect = nil
        }
        problems += Self.problems(in: draft)
        // A bot that filled the honeypot is not told what else was wrong either.
        if !problems.isEmpty && !spam { throw .invalid(problems) }
        self.draft = draft
        self.consent = consent
        self.privacyVersion = privacyVersion.flatMap { $0.isEmpty ? nil : $0 }
        self.isSpam = spam
        self.redirect = redirect
        self.ignored = ignored
        self.custom = custom
    }

    /// Every reason `clew lead add` would refuse `draft`, rather than only the first.
    static func problems(in draft: LeadDraft) -> [IntakeFieldProblem] {
        let cleaned = draft.cleaned
        var problems: [IntakeFieldProblem] = []
        if cleaned.customer == nil { problems.append(.missing(.customer)) }
        if let phone = cleaned.phone {
            do { _ = try PhoneNumber(parsing: phone) } catch { problems.append(.invalidPhone(error)) }
        }
        if let email = cleaned.email {
            do { _ = try EmailAddress(parsing: email) } catch { problems.append(.invalidEmail(error)) }
        }
        if cleaned.phone == nil && cleaned.email == nil { problems.append(.noContactMethod) }
        return problems
    }

    /// An absolute http(s) address without white space or control characters.
    static func isAcceptableRedirect(_ target: String) -> Bool {
        let lower = target.lowercased()
        guard target.utf8.count <= maximumRedirectLength, lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return false }
        let host = lower.drop { $0 != "/" }.dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !host.isEmpty && !target.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }
}

/// Why an intake post was refused.
public enum IntakeFormError: Error, Hashable, Sendable {
    /// Not a form at all (answered 400).
    case malformed(String)
    /// Field problems (answered 422, each in the asker's language).
    case invalid([IntakeFieldProblem])
}
