/// What is wrong with one field of an intake post, in English and Chinese (the answer picks one
/// by `Accept-Language`).
///
/// ```swift
/// let problem = IntakeFieldProblem.missing(.customer)
/// problem.message(in: .zh)   // "请填写客户名称"
/// ```
public struct IntakeFieldProblem: Hashable, Sendable {
    /// The field as the post named it (`phone`, `电话`, `count`, …) or a lead field's key.
    public var field: String
    public var english: String
    public var chinese: String

    public init(field: String, english: String, chinese: String) {
        self.field = field
        self.english = english
        self.chinese = chinese
    }

    /// The message in `language`.
    public func message(in language: ContactLanguage) -> String { language == .zh ? chinese : english }

    /// A required lead field is blank.
    public static func missing(_ field: LeadField) -> IntakeFieldProblem {
        IntakeFieldProblem(field: field.rawValue, english: "\(field.rawValue) is required", chinese: "请填写\(field.chineseName)")
    }

    /// Neither a phone nor an email.
    public static let noContactMethod = IntakeFieldProblem(
        field: LeadField.phone.rawValue, english: "give a phone or an email", chinese: "请填写电话或邮箱")

    /// A value longer than the form allows.
    public static func tooLong(_ field: String, limit: Int) -> IntakeFieldProblem {
        IntakeFieldProblem(field: field, english: "\(field) is longer than \(limit) characters",
                           chinese: "\(field)超过 \(limit) 个字符")
    }

    /// The phone could not be read (the English text is the one `clew lead add` prints).
    public static func invalidPhone(_ error: PhoneNumberError) -> IntakeFieldProblem {
        let chinese: String = switch error {
        case .empty: "请填写电话号码"
        case .invalidCharacters: "电话号码含有无效字符;只能使用数字、空格、\"-\"、括号、开头的 \"+\" 和分机号前的 转"
        case let .wrongLength(_, digits, .mobile): "电话号码有 \(digits) 位数字;手机号应为 11 位(如 13800138000)"
        case let .wrongLength(_, digits, .landline): "电话号码有 \(digits) 位数字;座机连区号应为 10 到 12 位(如 0571-8888 6666)"
        case let .wrongLength(_, digits, .international): "电话号码有 \(digits) 位数字;国际号码连国家代码应为 8 到 15 位"
        case .missingAreaCode: "座机号码缺少区号,请在前面加上区号(如 0571-8888 6666)"
        case .invalidExtension: "分机号应为 1 到 6 位数字(如 0571-8888 6666 转 123)"
        case .unexpectedExtension: "手机号没有分机号,请去掉 转/ext 之后的部分"
        case .unknownFormat: "无法识别的电话号码;请填写手机号(13800138000)或带区号的座机(0571-8888 6666)"
        }
        return IntakeFieldProblem(field: LeadField.phone.rawValue, english: error.description, chinese: chinese)
    }

    /// The email could not be read.
    public static func invalidEmail(_ error: EmailAddressError) -> IntakeFieldProblem {
        IntakeFieldProblem(field: LeadField.email.rawValue, english: error.description,
                           chinese: "无法识别的邮箱地址;请按 wang.wei@example.com 的格式填写")
    }

    /// The problems `clew lead add` would refuse `error` for.
    public static func problems(for error: LeadValidationError) -> [IntakeFieldProblem] {
        switch error {
        case let .missing(fields): fields.map(missing)
        case .noContactMethod: [noContactMethod]
        case let .invalidPhone(error): [invalidPhone(error)]
        case let .invalidEmail(error): [invalidEmail(error)]
        case let .invalidCompanyField(error): [IntakeFieldProblem(field: error.field.rawValue, english: error.english, chinese: error.chinese)]
        }
    }
}
