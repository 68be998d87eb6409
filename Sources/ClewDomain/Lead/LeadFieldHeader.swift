/// The names a lead field goes by in a file header or a form: Chinese or English, in any letter
/// case, half- or full-width (客户名称/公司/Company, 手机/电话/联系方式/Phone/Mobile, …).
///
/// One table for import headers (`ImportColumnMapping`) and web-form fields (``IntakeForm``):
///
/// ```swift
/// LeadFieldHeader.field(named: "手机号码")          // .phone
/// LeadFieldHeader.field(named: "客户名称(customer)") // .customer
/// LeadFieldHeader.field(named: "备注")              // nil
/// ```
public enum LeadFieldHeader {
    /// The names recognised for each field (compared after ``key(_:)``), as documented in the
    /// README and printed by `clew import --template`.
    public static let aliases: [(LeadField, [String])] = [
        (.customer, ["客户名称", "客户", "客户全称", "公司", "公司名称", "企业", "企业名称", "单位", "单位名称", "客户单位",
                     "customer", "customer name", "company", "company name", "account", "account name", "organization", "organisation"]),
        (.contact, ["联系人", "联系人姓名", "姓名", "客户联系人", "contact", "contact name", "contact person", "name", "full name"]),
        (.title, ["职位", "职务", "头衔", "岗位", "title", "job title", "position", "role"]),
        (.phone, ["电话", "手机", "手机号", "手机号码", "电话号码", "联系电话", "联系方式", "座机", "固话", "移动电话",
                  "phone", "mobile", "mobile phone", "cell", "cellphone", "tel", "telephone", "phone number"]),
        (.email, ["邮箱", "电子邮箱", "邮件", "电子邮件", "邮箱地址", "email", "e-mail", "mail", "email address"]),
        (.industry, ["所属行业", "行业", "行业类型", "行业分类", "industry", "sector", "vertical"]),
        (.need, ["需求描述", "需求", "客户需求", "需求说明", "need", "needs", "requirement", "requirements", "description"]),
        (.source, ["线索来源", "来源", "渠道", "来源渠道", "获客渠道", "source", "lead source", "channel"]),
        (.campaign, ["营销活动", "活动", "市场活动", "活动名称", "campaign", "campaign name"]),
        (.region, ["地区", "区域", "大区", "所属区域", "所属地区", "region", "area", "territory"]),
        (.city, ["城市", "所在城市", "所在地", "city", "town"]),
        (.budget, ["预算范围", "预算", "预算金额", "budget", "budget range"]),
        (.employees, ["员工人数", "员工数", "员工数量", "人数", "规模", "企业规模", "公司规模", "人员规模",
                      "employees", "employee count", "headcount", "staff", "company size", "size"]),
        (.revenue, ["年营收", "营收", "年营业额", "营业额", "年收入", "年销售额", "营业收入",
                    "revenue", "annual revenue", "turnover", "annual turnover"]),
        (.companyType, ["企业性质", "公司类型", "企业类型", "公司性质", "单位性质", "所有制",
                        "company type", "company-type", "ownership", "type of company", "entity type"]),
        (.founded, ["成立年份", "成立时间", "成立日期", "成立于", "创立时间", "注册时间", "成立",
                    "founded", "year founded", "founded year", "established", "founding year"]),
        (.decisionChain, ["决策链", "决策链情况", "决策流程", "决策人", "审批链",
                          "decision chain", "decision-chain", "decision makers", "decision process"]),
    ]

    private static let fieldByKey: [String: LeadField] = {
        var map: [String: LeadField] = [:]
        for (field, names) in aliases {
            map[key(field.rawValue)] = field
            for name in names { map[key(name)] = field }
        }
        return map
    }()

    /// The field a header or form field names, trying `客户名称(customer)` as a whole and by its parts.
    public static func field(named header: String) -> LeadField? {
        if let field = fieldByKey[key(header)] { return field }
        for part in header.split(whereSeparator: { "()（）/|".contains($0) }) {
            if let field = fieldByKey[key(String(part))] { return field }
        }
        return nil
    }

    /// A name folded for matching: half-width, lower-cased, without spaces, `_`, `-`, `*`,
    /// `:`/`：`, and without a trailing `(必填)`/`(选填)`.
    public static func key(_ header: String) -> String {
        var text = TextNormalization.halfWidth(TextNormalization.trimmed(header)).lowercased()
        for marker in ["(必填)", "(选填)", "(required)", "(optional)", "(可选)"] where text.hasSuffix(marker) {
            text.removeLast(marker.count)
        }
        return String(text.filter { !($0.isWhitespace || "_-*:：.".contains($0)) })
    }
}
