// The interface strings of issue 17 (conversion before the win, colleagues, approvals, tags),
// kept beside the shared catalogue so that parallel work does not edit the same lines.
extension Localizer {
    static let rulesPart2: [String: (String, String)] = [
        "action.convert": ("convert", "转换"),
        "form.convert": ("Convert lead", "转换线索"),
        "field.make-contact": ("Contact too", "同时转为联系人"), "field.make-opportunity": ("Opportunity too", "同时转为商机"),
        "choice.yes": ("yes", "是"), "choice.no": ("no", "否"),
        "msg.converted": ("{0} converted into customer {1}", "{0} 已转换为客户 {1}"),
        "msg.converted-opportunity": ("{0} converted into customer {1}, opportunity #{2} open", "{0} 已转换为客户 {1}，商机 #{2} 进行中"),
        "field.task-assignee": ("For", "负责人"), "placeholder.task-assignee": ("you, or a colleague's login", "默认自己，或同事的登录名"),
        "msg.contract-requested": ("Entering the contract stage needs approval: request #{0} sent to {1}", "进入合同签订需审批：申请 #{0} 已发送给 {1}"),
        "action.tag": ("tag", "标签"), "form.tags": ("Tags", "标签"),
        "field.tags-add": ("Add", "添加"), "field.tags-remove": ("Remove", "移除"),
        "placeholder.tags": ("高潜力 长期合作 (spaces between)", "高潜力 长期合作（空格分隔）"),
        "msg.tagged": ("{0}: {1}", "{0}：{1}"), "error.tags": ("Name a tag to add or remove", "请填写要添加或移除的标签"),
        "msg.objection-requested": ("{0} was assigned more than {1} ago: the objection is request #{2} for {3}", "{0} 分配已超过 {1}：异议已作为申请 #{2} 提交给 {3}"),
        "detail.converted": ("Converted", "已转换"),
        "notification-text.grade.regraded": ("{0} regraded {1} from {2} to {3}: {4}", "{0} 将 {1} 由 {2} 级调整为 {3} 级：{4}"),
        "notification-text.stage-owner": ("{0} moved {1} into {2}, a stage you own", "{0} 已将 {1} 推进到您负责的阶段「{2}」"),
        "notification-text.reminder.screening": ("{0} leads waiting since before {1} are still unscreened", "{0} 条 {1} 前录入的线索仍待筛选"),
        "notification-text.escalation.screening": ("{0} leads are still unscreened at {1}; the {2} deadline passed", "截至 {1} 仍有 {0} 条线索未筛选，已超过 {2} 的筛选时限"),
        "notification-text.objection.late": ("{0} objects to {1} after {2}: {3} — reassign or keep it", "{0} 在 {2} 后对 {1} 提出异议：{3}，请重新分配或维持"),
        "notification.converted": ("converted", "已转换"), "notification.stage-owner": ("your stage", "您负责的阶段"),
        "notification-text.converted": ("{0} converted {1} into customer {2}", "{0} 已将 {1} 转换为客户 {2}"),
    ]
}
