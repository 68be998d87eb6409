import ClewServices
/// The words synthetic data is made of: realistic Chinese and English customers, people,
/// needs and follow-up notes.
enum SeedVocabulary {
    struct Region {
        let name: String
        let cities: [(String, String)] // (city, landline area code)
    }

    static let regions: [Region] = [
        Region(name: "华东", cities: [("上海", "021"), ("杭州", "0571"), ("南京", "025"), ("苏州", "0512"), ("宁波", "0574")]),
        Region(name: "华南", cities: [("广州", "020"), ("深圳", "0755"), ("厦门", "0592"), ("佛山", "0757")]),
        Region(name: "华北", cities: [("北京", "010"), ("天津", "022"), ("石家庄", "0311"), ("济南", "0531")]),
        Region(name: "西南", cities: [("成都", "028"), ("重庆", "023"), ("昆明", "0871")]),
        Region(name: "华中", cities: [("武汉", "027"), ("长沙", "0731"), ("郑州", "0371")]),
    ]

    static let industries = ["制造业", "互联网", "金融", "医疗", "教育", "零售", "物流", "能源"]
    static let sources = ["展会", "官网注册", "合作伙伴推荐", "线上推广", "电话咨询", "客户转介绍", "Webinar", "LinkedIn"]
    static let campaigns = ["2026春季展会", "双11线上推广", "制造业数字化峰会", "Q3 Webinar Series", "老客户转介绍计划"]
    /// What a won deal's contract sells (合同明细).
    static let contractProducts = ["CRM 企业版年度许可", "数据中台软件许可", "智能仓储管理系统", "MES 生产执行系统", "财务共享平台订阅",
                                   "Analytics Suite license", "工业物联网网关", "年度运维服务包"]
    static let budgets = ["10万以下", "10-30万", "30-50万", "50万以上", "100万以上", "待定"]
    static let titles = ["采购经理", "IT总监", "总经理", "财务总监", "运营主管", "CTO", "Purchasing Manager", "Head of IT", "项目经理"]
    static let companyCores = ["恒通", "华信", "鼎盛", "瑞丰", "锦程", "天宇", "博远", "宏达", "嘉禾", "新联", "中科", "云帆", "海纳", "金桥", "东方", "卓越", "星辰", "汇通", "安泰", "正元"]
    static let companyKinds = ["科技", "智能制造", "信息技术", "医疗器械", "教育科技", "物流", "贸易", "能源", "电子", "软件"]
    static let companySuffixes = ["有限公司", "股份有限公司", "集团有限公司"]
    static let englishCompanies = ["Northwind", "Contoso", "Fabrikam", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Acme", "Tailspin", "Litware", "Proseware"]
    static let englishKinds = ["Trading", "Logistics", "Software", "Medical", "Energy", "Robotics", "Foods"]
    static let englishSuffixes = ["Ltd", "Co., Ltd", "Inc.", "GmbH"]
    static let surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林"]
    static let givenNames = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明", "超", "秀英", "建华", "晓东", "海燕", "志强"]
    static let englishFirst = ["Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas", "Mia", "Ethan"]
    static let englishLast = ["Smith", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Clark", "Lewis", "Walker", "Hall"]
    static let needs = [
        "需采购企业级SaaS系统", "希望升级现有ERP,打通财务与仓储", "计划建设数字化工厂MES系统", "需要CRM替换现有Excel管理",
        "评估数据中台方案", "采购500套办公软件授权", "需要私有化部署的协同办公平台", "希望引入智能客服降低人力成本",
        "Looking for a cloud CRM for 200 sales reps", "Needs warehouse management with RFID", "Evaluating BI dashboards for finance",
    ]
    static let followUpNotes = [
        "电话沟通了采购预算和时间表,客户计划下月立项", "拜访客户现场,演示了核心功能,客户反馈良好", "发送产品方案和报价单,等待客户内部评审",
        "客户表示价格高,希望给出阶梯折扣", "客户正在考虑竞品,需要突出我们的实施优势", "客户认为功能不足,缺少移动端审批",
        "与IT总监确认了部署环境和集成需求", "微信沟通合同条款,法务在审核", "客户要求安排技术交流会",
        "Called the buyer: budget approved for Q1, wants a pilot", "Sent the proposal deck; they asked about SSO and audit logs",
        "Demo went well; competitor is also pitching, price is a concern", "已沟通",
    ]
    static let feedback = ["对方案整体满意", "预算需要再申请", "希望缩短交付周期", "关注数据安全合规", "需要更多客户案例", "Wants references in the same industry"]
    static let nextActions = ["发送方案", "安排演示", "跟进报价反馈", "确认合同条款", "预约现场拜访", "Send revised quote", "Schedule technical workshop"]
    static let taskTitles = ["回访客户确认需求", "整理会议纪要", "准备报价单", "提交合同审批", "Prepare demo environment"]
}
