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

    /// The text for `key`, or `nil` when the catalogue has no such entry (for names that come
    /// from data, such as a notification kind, shown as they are when unknown).
    public func optional(_ key: String) -> String? {
        guard let pair = Self.table[key] else { return nil }
        return language == .zh ? pair.1 : pair.0
    }

    /// A lead status in the interface language (`active` / `跟进中`).
    public func status(_ status: LeadStatus) -> String { language == .zh ? status.chineseName : status.rawValue }

    /// A follow-up method in the interface language (`phone` / `电话`).
    public func method(_ method: FollowUpMethod) -> String { language == .zh ? method.chineseName : method.rawValue }

    /// A role in the interface language (`finance` / `财务`).
    public func role(_ role: Role) -> String { language == .zh ? role.chineseName : role.rawValue }

    /// A stage's name in the interface language.
    public func stage(_ stage: StageDefinition) -> String { language == .zh ? stage.chineseName : stage.englishName }

    /// English and Chinese for every interface string.
    static let table: [String: (String, String)] = shared.merging(rulesPart2) { own, _ in own }

    private static let shared: [String: (String, String)] = [
        "tab.board": ("Board", "看板"), "tab.inbox": ("Inbox", "待办"), "tab.screening": ("Screening", "待筛选"),
        "tab.search": ("Search", "搜索"), "tab.dashboard": ("Dashboard", "仪表盘"),
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
        "detail.pool": ("pool {0}", "线索池 {0}"), "screening.number": ("NUMBER", "编号"), "screening.selected": ("{0} selected", "已选 {0} 条"), "screening.no-territory-match": ("no territory match", "辖区不匹配"), "hours": ("h", "小时"),
        "field.consent": ("Consent", "授权同意"), "consent.given": ("given", "已同意"), "consent.not-given": ("not given", "未同意"),
        "consent.privacy": ("privacy text {0}", "隐私条款 {0}"), "consent.via": ("via {0}", "经 {0}"),
        "stage-status.in-progress": ("in progress", "进行中"), "stage-status.done": ("done", "已完成"), "stage-status.late": ("late", "异常"),
        "flag.stalled": ("stalled", "停滞"), "flag.possible-duplicate": ("possible duplicate", "疑似重复"), "flag.fake-phone": ("fake phone", "疑似虚假电话"),
        "flag.invalid-email": ("invalid email", "邮箱无效"), "flag.invalid-phone": ("invalid phone", "电话无效"),
        "timeline.created": ("created", "创建"), "timeline.via": ("{0} via {1}", "{0}（经 {1}）"),
        "timeline.field.stage": ("stage", "阶段"), "timeline.field.status": ("status", "状态"), "timeline.field.amount": ("amount", "金额"), "timeline.field.owner": ("owner", "负责人"), "timeline.field.grade": ("grade", "等级"),
        "timeline.field.lost_reason": ("lost reason", "终止原因"),
        "notification.mention": ("mention", "提及"), "notification.assignment": ("assignment", "分配"), "notification.objection": ("objection", "异议"),
        "notification.approval": ("approval", "审批"), "notification.approval-decided": ("decision", "审批结果"), "notification.escalation": ("escalation", "升级"),
        "notification.reminder": ("reminder", "提醒"), "notification.overdue": ("overdue", "逾期"), "notification.stalled": ("stalled", "停滞"),
        "notification.recycled": ("taken back", "已收回"), "notification.task": ("task", "任务"), "notification.won": ("won", "成交"),
        "notification.risk": ("risk", "风险"), "notification.trigger": ("trigger", "规则"), "notification.handover": ("handover", "交接"),
        "notification.delivery-failed": ("delivery failed", "发送失败"),
        "notification-text.assignment": ("{0} assigned {1} {2} to you; confirm or object", "{0} 将 {1} {2} 分配给你，请确认或提出异议"),
        "notification-text.mention": ("{0} on {1}: {2}", "{0} 在 {1} 中提到你：{2}"),
        "notification-text.approval": ("{0} asks to move {1} from {2} to {3}: {4}", "{0} 申请将 {1} 从「{2}」推进到「{3}」：{4}"),
        "notification-text.approval-decided": ("{0} {1} moving {2} to {3}: {4}", "{0} {1}将 {2} 推进到「{3}」：{4}"),
        "notification-text.task": ("{0} gave you a task: {1}", "{0} 给你分配了任务：{1}"),
        "notification.grade": ("grade", "评级"), "notification.duplicate": ("duplicate", "重复登记"),
        "notification.repeat-purchase": ("repeat purchase", "再次购买"), "notification.returning-lead": ("returning lead", "线索回流"),
        "notification.nobody": ("no one", "无人"), "notification.unassigned": ("unassigned", "未分配"), "notification.aside": (" ({0})", "（{0}）"),
        "notification-text.delivery-failed": ("{0} #{1} to {2} could not be delivered: {3} (see 'clew outbox'; retry with 'clew outbox retry {1}')",
                                              "{0} #{1}（发往 {2}）发送失败：{3}（见 clew outbox；用 clew outbox retry {1} 重试）"),
        "notification-text.trigger": ("{0} {1} (rule {2})", "{0} {1}（规则 {2}）"),
        "notification-text.trigger.cc": ("cc: {0} has '{1}' on {2}, due {3} (rule {4})", "抄送：{0} 收到 {2} 的任务「{1}」，截止 {3}（规则 {4}）"),
        "notification-text.risk": ("Risk on {0}: {1} (rule {2})", "{0} 有风险：{1}（规则 {2}）"),
        "notification-text.risk.keyword": ("Risk on {0}: {1} ('{2}' in \"{3}\")", "{0} 有风险：{1}（「{3}」中出现「{2}」）"),
        "notification-text.escalation.unconfirmed": ("{0} assigned to {1} is not confirmed after {2}", "{0} 分配给 {1} 后 {2} 仍未确认"),
        "notification-text.escalation.first-follow-up": ("{0}: no follow-up by {1} within {2} of assignment", "{0}：{1} 在分配后 {2} 内没有跟进"),
        "notification-text.escalation.no-room": ("{0}: rule {1} routed it to your team, but no one has room", "{0}：规则 {1} 把它分到你的团队，但没有人有空余名额"),
        "notification-text.reminder.confirm": ("{0} was assigned to you {1} ago: confirm or object", "{0} 已分配给你 {1}，请确认或提出异议"),
        "notification-text.reminder.escalated": ("{0} is still waiting for you to confirm or object; escalated to {1}", "{0} 仍在等你确认或提出异议，已上报 {1}"),
        "notification-text.reminder.task": ("Task due {0}: {1}{2}", "任务 {0} 到期：{1}{2}"),
        "notification-text.overdue.now": ("Task is due now: {1}{2}", "任务现已到期：{1}{2}"),
        "notification-text.overdue.since": ("Task is overdue since {0}: {1}{2}", "任务自 {0} 起逾期：{1}{2}"),
        "notification-text.stalled": ("{0} is stalled in {1} (expected {2}), owner {3}", "{0} 在「{1}」阶段停滞（预计 {2}），负责人 {3}"),
        "notification-text.recycled": ("{0} was taken back: no follow-up for {1} days; returned to pool {2} automatically",
                                       "{0} 已被收回：{1} 天没有跟进，已自动退回线索池 {2}"),
        "notification-text.grade.suggested": ("{0}: {1} raised the score to {2}, suggesting grade {3}", "{0}：{1} 使评分升至 {2}，建议等级 {3}"),
        "notification-text.grade.suggested-kept": ("{0}: {1} raised the score to {2}, suggesting grade {3}; grade {4} kept as the supervisor set it",
                                                   "{0}：{1} 使评分升至 {2}，建议等级 {3}；保留主管设定的等级 {4}"),
        "notification-text.grade.raised": ("{0}: {1} raised the score to {2} and the grade from {3} to {4}", "{0}：{1} 使评分升至 {2}，等级由 {3} 升为 {4}"),
        "notification-text.duplicate": ("{0} tried to register a lead with the same {1} as {2} ({3}); it was refused", "{0} 试图登记与 {2}（{3}）{1}相同的线索，已被拒绝"),
        "notification-text.repeat-purchase": ("{0} is a repeat purchase of your won customer {1}", "{0} 是你已成交客户（{1}）的再次购买"),
        "notification-text.returning-lead": ("{0} is back: it follows your lost lead {1}", "{0} 回来了：接续你已终止的线索 {1}"),
        "notification-text.objection": ("{0} objected to {1}: {2}", "{0} 对 {1} 提出异议：{2}"),
        "notification-text.won": ("{0} won for {1}", "{0} 成交，金额 {1}"),
        "notification-text.handover": ("{0} leads and {1} tasks handed over from {2}", "{2} 的 {0} 条线索和 {1} 项任务已交接给你"),
        "duration.working-hours": ("{0} working hours", "{0} 个工作小时"), "duration.working-days": ("{0} working days", "{0} 个工作日"),
        "duration.hours": ("{0} hours", "{0} 小时"), "duration.days": ("{0} days", "{0} 天"),
        "event.stage-entered": ("entered stage {0}", "进入「{0}」阶段"), "event.stage-left": ("left stage {0}", "离开「{0}」阶段"),
        "event.grade-changed": ("grade changed", "等级变更"), "event.lead-won": ("won", "成交"), "event.lead-lost": ("lost", "终止"),
        "event.tag-added": ("tagged {0}", "被标记为「{0}」"), "event.contract-signed": ("contract signed", "合同已签订"),
        "decision.approved": ("approved", "批准了"), "decision.rejected": ("rejected", "驳回了"),
        "placeholder.region": ("inferred from the city", "按城市自动推断"), "placeholder.next-due": ("2026-11-26, tomorrow, +2d", "2026-11-26、明天(tomorrow)、+2d"),
        "placeholder.mention": ("@login to mention", "@登录名 可提醒同事"), "placeholder.due": ("2026-11-26 14:00, +2d", "2026-11-26 14:00、+2d"),
        "placeholder.until": ("+2h, tomorrow, 2026-11-26 09:00", "+2h、明天(tomorrow)、2026-11-26 09:00"),
        "placeholder.source": ("trade show, website, …", "展会、官网注册…"),
        "warning.vague": ("vague: say what was discussed, the feedback and what changed", "内容过于笼统：请写明沟通内容、客户反馈和变化"),
        "confirm.duplicate": ("Duplicate of {0} (owner {1}): y open it (your form is kept), r register anyway, m merge these details into it.", "与 {0} 重复（负责人 {1}）：y 打开它（表单保留），r 仍然登记，m 把这些信息合并进去。"),
        "confirm.duplicate-answers": ("[y/r/m/N]", "[y/r/m/N]"),
        "bar.open-it": ("open it", "打开"), "bar.answer.r": ("register anyway", "仍然登记"), "bar.answer.m": ("merge", "合并"),
        "bar.back-to-form": ("back to the form", "返回表单"),
        "msg.merged": ("details merged into {0}", "信息已合并到 {0}"),
        "msg.follow-up-warnings": (" — {1}", " — {0} 条提醒（见线索详情）"),
        "error.other": ("{0}", "操作失败：{0}"),
        "error.not-visible": ("no lead {0} that you can see", "没有你可以查看的线索 {0}"),
        "error.denied": ("a {0} cannot {1} {2} (owner {3})", "{0}不能对 {2}「{1}」（负责人 {3}）"),
        "error.impersonation": ("only an admin can act as another user", "只有管理员可以代他人操作"),
        "error.unknown-stage": ("unknown stage {0}", "未知阶段 {0}"),
        "error.already-in-stage": ("already in {0}", "已在「{0}」阶段"),
        "error.stage-not-done": ("log a follow-up in {0} before moving on", "请先在「{0}」阶段记录跟进再推进"),
        "error.move-not-active": ("only active leads move; this one is {0}", "只有跟进中的线索可以推进；该线索为「{0}」"),
        "error.illegal-transition": ("not possible for a lead that is {0}", "线索当前为「{0}」，不能这样操作"),
        "error.not-at-contract": ("a deal is won from the {0} stage; move it there first", "只能在「{0}」阶段成交，请先推进到该阶段"),
        "error.busy": ("the database is busy; try again", "数据库正忙，请重试"),
        "error.stale": ("changed meanwhile by {0}; reloaded, try again", "已被 {0} 修改；已刷新，请重试"),
        "error.not-found": ("not found: {0}", "未找到：{0}"),
        "error.date": ("cannot read the date {0} (try 2026-11-26, tomorrow, +2d)", "无法识别日期 {0}（例如 2026-11-26、tomorrow、+2d）"),
        "error.follow-up-content": ("a follow-up needs its content (what was discussed)", "跟进记录需要填写沟通内容"),
        "error.follow-up-due": ("a next due date needs a next action", "填写计划时间时需要填写下一步计划"),
        "error.follow-up-due-before": ("the next due date is before the contact", "计划时间早于本次沟通时间"),
        "error.follow-up-method": ("unknown method {0}", "未知沟通方式 {0}"),
        "error.duplicate": ("duplicate of {0} (owner {1})", "与 {0} 重复（负责人 {1}）"),
        "error.hidden-duplicate": ("this phone or email belongs to an open lead of another team; its supervisor has been told", "该电话或邮箱属于其他团队正在跟进的线索，已通知其主管"),
        "error.command-empty": ("type a command, e.g. :assign alice", "请输入命令，例如 :assign alice"),
        "error.command-unknown": ("unknown command :{0}", "未知命令 :{0}"),
        "error.did-you-mean": ("; did you mean :{0}?", "；是否要输入 :{0}？"),
        "error.usage": ("usage: {0}", "用法：{0}"),
        "error.amount": ("an amount like 380000 or 38万", "请填写金额，例如 380000 或 38万"),
        "error.grade": ("grade must be A, B or C", "等级须为 A、B 或 C"),
        "error.reason": ("a reason is required", "需要填写原因"),
        "error.required": ("required", "必填"),
        "error.no-lead": ("no lead selected", "未选中线索"),
        "action.read": ("read", "查看"), "action.edit": ("edit", "编辑"), "action.grade": ("grade", "评级"),
        "action.assign": ("assign", "分配"), "action.confirm": ("confirm", "确认"), "action.object": ("object to", "提出异议"),
        "action.claim": ("claim", "领取"), "action.returnToPool": ("return", "退回"), "action.sendToPool": ("send to a pool", "转入线索池"),
        "action.move": ("move", "推进"), "action.followUp": ("log a follow-up on", "记录跟进"), "action.win": ("win", "成交"),
        "action.lose": ("lose", "终止"), "action.reopen": ("reopen", "重新打开"), "action.merge": ("merge", "合并"),
        "action.note": ("add a note to", "添加备注"), "action.addTask": ("add a task to", "添加任务"), "action.approve": ("approve", "审批"),
        "disabled.role": ("not for your role ({0})", "你的角色（{0}）不能执行此操作"),
        "disabled.not-yours": ("{0} belongs to {1}: reps work only their own leads", "{0} 属于 {1}：销售只能处理自己的线索"),
        "disabled.not-assignee": ("only the assignee of {0} can answer its assignment", "只有 {0} 的被分配人可以确认或异议"),
        "disabled.not-pooled": ("{0} is not in a pool you can claim from", "{0} 不在你可领取的线索池中"),
        "msg.not-active": ("only active leads move between stages; {0} is {1}", "只有跟进中的线索可以推进阶段；{0} 当前为「{1}」"),
        "msg.last-stage": ("already in the last stage; win it with W", "已在最后阶段；按 W 标记成交"),
        "msg.first-stage": ("already in the first stage", "已在第一阶段"),
        "msg.empty-column": ("nothing to open: this column is empty", "没有可打开的线索：本列为空"),
        "too-small": ("Terminal too small: need at least 80×24", "终端窗口太小:至少需要 80×24"),
        "help.title": ("Keys", "快捷键"), "help.close": ("j/k scroll · / find · Esc close", "j/k 滚动 · / 查找 · Esc 关闭"),
        "help.more": ("↓ {0} more", "↓ 还有 {0} 行"), "help.top": ("↑ more above", "↑ 上方还有"),
        "help.nothing": ("no key matches \"{0}\"", "没有匹配“{0}”的快捷键"),
        "help.section.General": ("General", "通用"), "help.section.Board": ("Board", "看板"),
        "help.section.Lead detail": ("Lead detail", "线索详情"), "help.section.Inbox": ("Inbox", "待办"),
        "help.section.Screening queue": ("Screening queue", "待筛选队列"), "help.section.Search": ("Search", "搜索"),
        "help.section.Forms": ("Forms", "表单"), "help.section.Prompt": ("Prompt", "输入行"), "help.section.Help": ("Help", "帮助"),
        "help.section.Pools": ("Pools", "线索池"), "help.section.Dashboard": ("Dashboard", "仪表盘"),
        "help.section.Customers": ("Customers", "客户"), "help.section.Receivables": ("Receivables", "应收款"),
        "help.section.Tickets": ("Tickets", "服务工单"),
        "screen.pools": ("pools", "线索池"), "screen.dashboard": ("dashboard", "仪表盘"), "screen.customers": ("customers", "客户"),
        "screen.receivables": ("receivables", "应收款"), "screen.tickets": ("tickets", "服务工单"),
        "msg.screen-coming": ("the {0} screen is not built yet: it comes in a later release", "「{0}」页面尚未上线，将在后续版本提供"),
        "bar.yes": ("yes", "是"), "bar.no": ("no", "否"),
        "bar.scroll": ("scroll", "滚动"), "bar.find": ("find", "查找"), "bar.close": ("close", "关闭"),
        "sla.on-time": ("on time", "正常"), "sla.due-soon": ("due soon", "即将到期"), "sla.overdue": ("overdue", "已逾期"),
        "sla.stalled": ("stalled", "异常"),
        "days": ("d", "天"),
        "msg.reloaded": ("reloaded", "已刷新"), "msg.cancelled": ("cancelled", "已取消"),
        "msg.scope": ("showing {0} leads", "显示{0}线索"), "msg.filter-cleared": ("filter cleared", "已清除筛选"),
        "msg.config-problems": ("{0} problem(s) in your keymap or theme (all printed when Clew exits; `clew keys` checks the keymap): {1}",
                                "键位或主题文件有 {0} 处问题（退出后全部列出；clew keys 可检查键位）：{1}"),
        "filter.grade": ("grade", "等级"), "filter.owner": ("owner", "负责人"), "filter.source": ("source", "来源"),
        "filter.region": ("region", "地区"), "filter.tag": ("tag", "标签"),
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
        "msg.no-figure": ("nothing behind this row: move to a figure", "该行没有对应的线索：请移到数据行"),
        "msg.dashboard-scope": ("dashboard: {0} numbers", "仪表盘：{0}数据"),
        "msg.dashboard-own": ("a {0} sees their own numbers only", "{0}只能查看自己的数据"),
        "msg.dashboard-current": ("already at the current period", "已是当前周期"),
        "range.week": ("this week", "本周"), "range.month": ("this month", "本月"), "range.quarter": ("this quarter", "本季度"),
        "range.last30": ("last 30 days", "近 30 天"), "range.last90": ("last 90 days", "近 90 天"),
        "range.past.week": ("week", "周"), "range.past.month": ("month", "月"), "range.past.quarter": ("quarter", "季度"),
        "range.past.last30": ("30 days", "30 天"), "range.past.last90": ("90 days", "90 天"),
        "dash.scope": ("scope: {0}", "范围：{0}"),
        "dash.panel.funnel": ("Funnel", "销售漏斗"), "dash.panel.stages": ("Time per stage", "阶段耗时"),
        "dash.panel.reps": ("Reps", "销售排行"), "dash.panel.sources": ("Sources", "线索来源"),
        "dash.panel.campaigns": ("Campaigns", "营销活动"), "dash.panel.trend": ("Trend", "趋势"),
        "dash.col.reached": ("reached", "到达"), "dash.col.next": ("next", "转化"), "dash.col.cumulative": ("cum.", "累计"),
        "dash.col.lost": ("lost", "流失"), "dash.col.median": ("median", "中位"), "dash.col.plan": ("plan", "计划"),
        "dash.col.p90": ("p90", "90分位"), "dash.col.late": ("late", "超时"), "dash.col.visits": ("visits", "次数"),
        "dash.col.received": ("recv", "接收"), "dash.col.sla": ("in SLA", "及时"), "dash.col.won": ("won", "成交"),
        "dash.col.amount": ("amount", "金额"), "dash.col.win-rate": ("win", "赢率"), "dash.col.target": ("target", "达成"),
        "dash.col.leads": ("leads", "线索"), "dash.col.valid": ("valid", "有效"), "dash.col.cost": ("cost", "成本"),
        "dash.col.roi": ("ROI", "回报率"), "dash.col.total": ("total", "合计"), "dash.col.previous": ("before", "上期"),
        "dash.col.change": ("change", "变化"),
        "dash.trend.new-leads": ("New leads", "新增线索"), "dash.trend.won": ("Won", "成交数"), "dash.trend.won-amount": ("Won amount", "成交金额"),
        "dash.bottleneck.over-plan": ("Bottleneck: {0}, median {1}x its plan", "瓶颈：{0}，中位耗时为计划的 {1} 倍"),
        "dash.bottleneck.conversion": ("Bottleneck: {0}, only {1} move on", "瓶颈：{0}，转化率仅 {1}"),
        "dash.more": ("{0} more: clew report {1}", "另有 {0} 项：clew report {1}"),
        "dash.empty.reps": ("no reps in this scope", "此范围内没有销售"), "dash.empty.sources": ("no leads in this period", "本期没有线索"),
        "dash.none": ("(none)", "（无）"),
        "dash.drill.title": ("{0}: {1} leads", "{0}：{1} 条线索"),
        "dash.drill.readable": ("{0} of them are yours to open; the others are other teams'", "其中 {0} 条可查看，其余属于其他团队"),
        "dash.drill.empty": ("no leads behind this figure", "该数据没有对应的线索"),
        "dash.drill.hint": ("Enter opens a lead, Esc goes back to the charts", "Enter 打开线索，Esc 返回图表"),
        "dash.slice.funnel": ("reached {0}", "到达「{0}」"), "dash.slice.late": ("late in {0}", "「{0}」超时"),
        "dash.slice.received": ("received by {0}", "{0} 接收"), "dash.slice.source": ("from {0}", "来源：{0}"),
        "dash.slice.campaign": ("campaign {0}", "营销活动：{0}"), "dash.slice.registered": ("registered", "新增线索"),
        "dash.slice.won": ("won", "成交"),
        "msg.approved-moved": ("request #{0} approved: {1} is in {2}", "申请 #{0} 已批准:{1} 进入 {2}"),
    ]
}
