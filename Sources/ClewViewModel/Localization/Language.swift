import ClewDomain

/// The language of the interface: English or Simplified Chinese.
public enum Language: String, Sendable, CaseIterable {
    case en, zh

    /// `--lang` when given, else the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set: `zh…` →
    /// Chinese, anything else → English.
    public static func detect(flag: String?, environment: [String: String]) -> Language {
        if let flag, let language = Language(rawValue: flag.lowercased().prefix(2).description) { return language }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("zh") ? .zh : .en
        }
        return .en
    }
}

/// The interface's words in both languages.
public struct Localizer: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    /// The text for `key`; the key itself when unknown (so a missing string is visible, not blank).
    /// `{0}`, `{1}` … in the text are replaced by `arguments`.
    public func callAsFunction(_ key: String, _ arguments: any CustomStringConvertible...) -> String {
        guard let pair = Self.table[key] else { return key }
        var text = language == .zh ? pair.1 : pair.0
        for (index, argument) in arguments.enumerated() {
            text = text.replacingOccurrences(of: "{\(index)}", with: argument.description)
        }
        return text
    }

    /// A lead status in the interface language (`active` / `跟进中`).
    public func status(_ status: LeadStatus) -> String { language == .zh ? status.chineseName : status.rawValue }

    /// A role in the interface language (`finance` / `财务`).
    public func role(_ role: Role) -> String { language == .zh ? role.chineseName : role.rawValue }

    /// A stage's name in the interface language.
    public func stage(_ stage: StageDefinition) -> String { language == .zh ? stage.chineseName : stage.englishName }

    /// English and Chinese for every interface string.
    static let table: [String: (String, String)] = [
        "tab.board": ("Board", "看板"), "tab.inbox": ("Inbox", "待办"), "tab.screening": ("Screening", "待筛选"),
        "tab.search": ("Search", "搜索"),
        "scope.mine": ("mine", "我的"), "scope.team": ("team", "团队"), "scope.all": ("all", "全部"),
        "board.empty": ("no leads", "暂无线索"), "board.filter": ("filter", "筛选"),
        "inbox.assignments": ("Assigned to you — confirm or object", "待确认的分配"),
        "inbox.approvals": ("Approvals", "待审批"), "inbox.overdue": ("Overdue", "已逾期"), "inbox.today": ("Today", "今天"),
        "inbox.notifications": ("Mentions and alerts", "提及与提醒"), "inbox.upcoming": ("Upcoming", "即将到期"),
        "inbox.empty": ("Nothing waiting.", "没有待办事项。"),
        "screening.empty": ("No leads waiting for screening.", "没有待筛选的线索。"),
        "screening.waiting": ("waiting", "等待"), "screening.score": ("score", "评分"), "screening.suggested": ("suggested", "建议"),
        "search.empty": ("Nothing found.", "未找到。"), "search.prompt": ("Search", "搜索"),
        "detail.overview": ("Overview", "概况"), "detail.contact": ("Contact", "联系人"), "detail.stages": ("Stages", "阶段跟踪"),
        "detail.timeline": ("Timeline", "时间线"), "detail.tasks": ("Tasks", "任务"), "detail.score": ("Score", "评分明细"),
        "field.customer": ("Customer", "客户名称"), "field.contact": ("Contact", "联系人"), "field.title": ("Title", "职位"),
        "field.phone": ("Phone", "电话"), "field.email": ("Email", "邮箱"), "field.industry": ("Industry", "所属行业"),
        "field.need": ("Need", "需求描述"), "field.source": ("Source", "线索来源"), "field.campaign": ("Campaign", "营销活动"),
        "field.region": ("Region", "地区"), "field.city": ("City", "城市"), "field.budget": ("Budget", "预算范围"),
        "field.owner": ("Owner", "负责人"), "field.grade": ("Grade", "意向等级"), "field.status": ("Status", "状态"),
        "field.stage": ("Stage", "阶段"), "field.amount": ("Amount", "金额"), "field.reason": ("Reason", "原因"),
        "field.method": ("Method", "方式"), "field.with": ("Spoke with", "沟通对象"), "field.content": ("Content", "沟通内容"),
        "field.feedback": ("Feedback", "客户反馈"), "field.next": ("Next action", "下一步计划"), "field.next-due": ("Next due", "计划时间"),
        "field.assignee": ("Assign to", "分配给"), "field.task": ("Task", "任务"), "field.due": ("Due", "截止时间"),
        "field.note": ("Note", "备注"), "field.comment": ("Comment", "意见"), "field.until": ("Until", "推迟到"),
        "form.new-lead": ("New lead", "新建线索"), "form.edit-lead": ("Edit lead", "编辑线索"), "form.follow-up": ("Log follow-up", "填写跟进记录"),
        "form.grade": ("Grade lead", "线索评级"), "form.assign": ("Assign", "分配线索"), "form.win": ("Win deal", "成交"),
        "form.lose": ("Lose lead", "终止线索"), "form.return": ("Return to pool", "退回线索池"), "form.task": ("Add task", "新建任务"),
        "form.note": ("Add note", "添加备注"), "form.object": ("Object to assignment", "对分配提出异议"),
        "form.reject": ("Reject request", "驳回申请"), "form.approve": ("Approve request", "批准申请"), "form.snooze": ("Snooze task", "推迟任务"),
        "form.hint": ("Tab next field · Enter submit · Esc cancel", "Tab 下一项 · Enter 提交 · Esc 取消"),
        "confirm.yes-no": ("[y/N]", "[y/N]"),
        "confirm.quit": ("Quit Clew?", "退出 Clew？"),
        "confirm.move": ("Move {0} to {1}?", "将 {0} 推进到「{1}」？"),
        "confirm.skip": ("Skip {1} and move {0} to {2}? (may need approval)", "跳过「{1}」，将 {0} 直接推进到「{2}」？（可能需要审批）"),
        "confirm.confirm-assignment": ("Confirm the assignment of {0} to you?", "确认接受分配给你的 {0}？"),
        "list.separator": (", ", "、"),
        "disabled.role": ("not for your role ({0})", "你的角色（{0}）不能执行此操作"),
        "disabled.not-yours": ("{0} belongs to {1}: reps work only their own leads", "{0} 属于 {1}：销售只能处理自己的线索"),
        "disabled.not-assignee": ("only the assignee of {0} can answer its assignment", "只有 {0} 的被分配人可以确认或异议"),
        "disabled.not-pooled": ("{0} is not in a pool you can claim from", "{0} 不在你可领取的线索池中"),
        "msg.not-active": ("only active leads move between stages; {0} is {1}", "只有跟进中的线索可以推进阶段；{0} 当前为「{1}」"),
        "msg.last-stage": ("already in the last stage; win it with W", "已在最后阶段；按 W 标记成交"),
        "msg.first-stage": ("already in the first stage", "已在第一阶段"),
        "too-small": ("Terminal too small: need at least 80×24", "终端窗口太小:至少需要 80×24"),
        "help.title": ("Keys", "快捷键"), "help.close": ("j/k scroll · / find · Esc close", "j/k 滚动 · / 查找 · Esc 关闭"),
        "help.more": ("↓ {0} more", "↓ 还有 {0} 行"), "help.top": ("↑ more above", "↑ 上方还有"),
        "help.nothing": ("no key matches \"{0}\"", "没有匹配“{0}”的快捷键"),
        "help.section.General": ("General", "通用"), "help.section.Board": ("Board", "看板"),
        "help.section.Lead detail": ("Lead detail", "线索详情"), "help.section.Inbox": ("Inbox", "待办"),
        "help.section.Screening queue": ("Screening queue", "待筛选队列"), "help.section.Search": ("Search", "搜索"),
        "help.section.Forms": ("Forms", "表单"), "help.section.Prompt": ("Prompt", "输入行"), "help.section.Help": ("Help", "帮助"),
        "bar.yes": ("yes", "是"), "bar.no": ("no", "否"),
        "bar.scroll": ("scroll", "滚动"), "bar.find": ("find", "查找"), "bar.close": ("close", "关闭"),
        "sla.on-time": ("on time", "正常"), "sla.due-soon": ("due soon", "即将到期"), "sla.overdue": ("overdue", "已逾期"),
        "sla.stalled": ("stalled", "异常"),
        "days": ("d", "天"),
        "msg.reloaded": ("reloaded", "已刷新"), "msg.cancelled": ("cancelled", "已取消"),
        "msg.scope": ("showing {0} leads", "显示{0}线索"), "msg.filter-cleared": ("filter cleared", "已清除筛选"),
        "msg.snoozed": ("task #{0} snoozed", "任务 #{0} 已推迟"), "msg.task-done": ("task #{0} done", "任务 #{0} 已完成"),
        "msg.task-added": ("task #{0} added", "已添加任务 #{0}"),
        "msg.approved": ("request #{0} approved", "申请 #{0} 已批准"), "msg.rejected": ("request #{0} rejected", "申请 #{0} 已驳回"),
        "msg.assigned-many": ("assigned {0} leads to {1}", "已将 {0} 条线索分配给 {1}"),
        "msg.assigned-suggested": ("assigned {0} lead(s) to their suggested reps", "已将 {0} 条线索分配给建议的销售"),
        "msg.assigned": ("{0} assigned to {1}", "{0} 已分配给 {1}"), "msg.graded": ("{0} graded {1}", "{0} 评级为 {1}"),
        "msg.won": ("{0} won for {1} 🎉", "{0} 已成交,金额 {1} 🎉"), "msg.lost": ("{0} lost: {1}", "{0} 已终止:{1}"),
        "msg.note-added": ("note added", "已添加备注"), "msg.notified": ("; notified {0}", ";已通知 {0}"),
        "msg.confirmed": ("{0} confirmed", "已确认 {0}"), "msg.objected": ("{0} returned to screening", "{0} 已退回待筛选"),
        "msg.claimed": ("{0} is yours", "{0} 已领取"), "msg.returned": ("{0} returned to pool {1}", "{0} 已退回线索池 {1}"),
        "msg.follow-up": ("follow-up logged", "跟进记录已保存"), "msg.registered": ("registered {0} ({1})", "已登记 {0}({1})"),
        "msg.saved": ("{0} saved (version {1})", "{0} 已保存(版本 {1})"), "msg.moved": ("{0} moved to {1}", "{0} 已推进到 {1}"),
        "msg.no-lead": ("no lead selected", "未选中线索"), "msg.dismissed": ("dismissed", "已忽略"),
        "msg.results": ("{0} results for {1}", "找到 {0} 条结果:{1}"), "msg.result": ("1 result for {0}", "找到 1 条结果:{0}"), "msg.restored": ("restored your unfinished form", "已恢复未完成的表单"),
        "msg.screening-only": ("the screening queue is for supervisors", "筛选队列仅供主管使用"),
        "msg.select-task": ("select a task", "请选择一个任务"), "msg.select-approval": ("select an approval request", "请选择一个审批申请"),
        "msg.form-kept": ("your form is kept: press the new-lead key to go back to it", "表单已保留:按新建线索键返回"),
        "msg.skip-requested": ("skipping {0} needs approval: request #{1} sent to {2}", "跳过 {0} 需要审批:申请 #{1} 已发送给 {2}"),
        "msg.approved-moved": ("request #{0} approved: {1} is in {2}", "申请 #{0} 已批准:{1} 进入 {2}"),
    ]
}
