extension ProcessDefinition {
    /// The default process of DESIGN §4–§5: the four-stage pipeline, the seed scoring rules
    /// (``ScoringModel/standard``), regional pools, the A/B/C cadences, the SLAs and the keyword
    /// tags and triggers.
    public static let standard: ProcessDefinition = {
        var process = standardCore
        process.tagDimensions = TagDimension.standard
        process.sourceList = PickList(values: ["官网注册", "线下展会", "合作伙伴推荐", "线上推广", "电话咨询", "客户转介绍", "搜索引擎推荐", "官网", "展会", "Webinar", "LinkedIn"], freeText: true)
        process.industryList = PickList(values: ["制造业", "互联网", "金融", "医疗", "教育", "零售", "物流", "能源", "科技"], freeText: true)
        return process
    }()

    private static let standardCore = ProcessDefinition(
        version: 1,
        pipeline: .standard,
        scoring: .standard,
        assignment: [
            AssignmentRule(name: "web-east", conditions: [
                AssignmentCondition(field: .source, values: ["官网", "website"]),
                AssignmentCondition(field: .region, values: ["华东"]),
            ], target: .pool("east")),
            AssignmentRule(name: "web-south", conditions: [
                AssignmentCondition(field: .source, values: ["官网", "website"]),
                AssignmentCondition(field: .region, values: ["华南"]),
            ], target: .pool("south")),
        ],
        pools: [
            PoolDefinition(name: "east", scope: .region, values: ["华东"]),
            PoolDefinition(name: "south", scope: .region, values: ["华南"]),
        ],
        cadences: [
            CadenceDefinition(grade: .a, steps: [
                CadenceStep(key: "call", method: .phone, title: "首次电话 First call", within: .hours(24)),
                CadenceStep(key: "proposal", method: .email, title: "发送方案 Send the proposal", within: .workingDays(3)),
                CadenceStep(key: "sync", method: .phone, title: "每周同步 Weekly sync", within: .days(7), every: .days(7)),
            ]),
            CadenceDefinition(grade: .b, steps: [
                CadenceStep(key: "material", method: .email, title: "发送资料 Send material", within: .hours(48)),
                CadenceStep(key: "call", method: .phone, title: "电话跟进 Follow-up call", within: .workingDays(2)),
            ]),
            CadenceDefinition(grade: .c, steps: [
                CadenceStep(key: "touch", method: .wechat, title: "轻触达 Light touch", within: .days(7), every: .days(7)),
            ]),
        ],
        sla: SLAPolicy(confirmWithin: .workingHours(1), escalateUnconfirmedAfter: .workingHours(2),
                       firstFollowUpWithin: .hours(48), remindBefore: .workingDays(1), flagStalled: true),
        keywordTags: [
            KeywordTag(tag: "price-objection", keywords: ["价格高", "太贵", "price"]),
            KeywordTag(tag: "competitor", keywords: ["考虑竞品", "competitor"]),
            KeywordTag(tag: "feature-gap", keywords: ["功能不足", "missing feature"]),
        ],
        triggers: [
            // Seed 000: entering 方案呈现, the rep is reminded, the manager copied, feedback due in 2 working days.
            TriggerRule(name: "proposal-entered", event: .stageEntered("proposal"),
                        actions: [.task(for: "rep", title: "跟进方案反馈 Get feedback on the proposal")],
                        taskDue: .workingDays(2), cc: ["supervisor"]),
            // Seed 000: updating the deal to 合同签订 starts finance's invoicing and emails the customer.
            TriggerRule(name: "contract-signed", event: .contractSigned,
                        actions: [.task(for: "finance", title: "开具发票 Issue the invoice"),
                                  .emailCustomer(template: "contract-confirmation")], taskDue: .workingDays(1)),
            TriggerRule(name: "competitor-to-supervisor", event: .tagAdded("competitor"),
                        actions: [.task(for: "supervisor", title: "评估竞品风险 Review the competitive risk")]),
            TriggerRule(name: "lost-review", event: .leadLost, actions: [.notify("supervisor")]),
        ]
    )
}

extension ProcessDefinition {
    /// The standard pipeline, scoring and service levels with no routing, pools, cadences,
    /// keyword tags or triggers: every lead is screened and assigned by hand, and nothing is
    /// generated. What a team gets by applying a file with those sections emptied.
    public static var withoutAutomation: ProcessDefinition {
        var process = ProcessDefinition.standard
        process.assignment = []
        process.pools = []
        process.cadences = []
        process.keywordTags = []
        process.triggers = []
        return process
    }
}

extension ScoringModel {
    /// Seed 001's scoring: budget 40 (50万以上 40 points, compared as yuan), urgency 30, decision
    /// maker 30 (部门经理 and up); A ≥ 70, B ≥ 40.
    public static let standard = ScoringModel(
        dimensions: [
            ScoringDimension(key: "budget", weight: 40, rules: [
                ScoringRule(label: "budget ≥ 50万", field: "budget", match: .yuan(min: 500_000, max: nil), points: 40),
                ScoringRule(label: "budget 30–50万", field: "budget", match: .yuan(min: 300_000, max: 500_000), points: 30),
                ScoringRule(label: "budget 10–30万", field: "budget", match: .yuan(min: 100_000, max: 300_000), points: 20),
                ScoringRule(label: "budget stated", field: "budget", match: .presentExcept(BudgetRange.undeterminedWords), points: 10),
                // No budget stated yet: a large or state-owned company is still likely to afford it.
                ScoringRule(label: "500+ employees", field: LeadField.employees.rawValue, match: .number(min: 500, max: nil), points: 10),
                ScoringRule(label: "state-owned", field: LeadField.companyType.rawValue, match: .equals([CompanyType.stateOwned.chineseName]), points: 10),
            ]),
            ScoringDimension(key: "decision-maker", weight: 30, rules: [
                ScoringRule(label: "decision maker", field: "title", match: .contains([
                    "部门经理", "总经理", "总监", "董事", "老板", "ceo", "cto", "cfo", "cio", "director", "head", "vp", "owner", "founder",
                ]), points: 30),
                ScoringRule(label: "influencer", field: "title", match: .contains(["经理", "主管", "manager", "lead"]), points: 15),
                // Seed 004: a clear decision chain (决策链清晰) marks an A lead even when the contact is not the decider.
                ScoringRule(label: "decision chain known", field: LeadField.decisionChain.rawValue, match: .presentExcept([]), points: 15),
            ]),
            ScoringDimension(key: "urgency", weight: 30, rules: [
                ScoringRule(label: "urgent need", field: "need", match: .contains([
                    "尽快", "急", "本月", "1个月", "一个月", "立即", "urgent", "asap", "this month",
                ]), points: 30),
                ScoringRule(label: "need described", field: "need", match: .presentExcept([]), points: 10),
            ]),
        ],
        events: [ScoringEvent(event: "inbound_contact", points: 10), ScoringEvent(event: "repeated_interest", points: 10)],
        gradeA: 70, gradeB: 40
    )
}
