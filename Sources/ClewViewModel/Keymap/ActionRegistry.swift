/// Every action a key can be bound to, with its descriptions and where it applies.
///
/// The registry is the vocabulary of `keymap.conf`; the default keys live in `DefaultKeymap`.
public enum ActionRegistry {
    /// All actions, in the order the help screen and the bottom bar list them.
    public static let all: [KeyAction] = navigation + tabs + board + lead + inbox + screening + dashboard + form + prompt + session

    /// Actions with no default key because they are meant for the `:` command line. Empty today;
    /// the test that every action is reachable by a key skips these.
    public static let commandLineOnly: Set<String> = []

    /// The action called `name`, if there is one.
    public static func action(named name: String) -> KeyAction? {
        byName[name]
    }

    // MARK: - Private

    private static let byName: [String: KeyAction] = Dictionary(all.map { ($0.name, $0) }) { first, _ in first }

    private static func action(_ name: String, _ english: String, _ chinese: String,
                               _ contexts: Set<KeyContext>, bar: Bool = false, short: (String, String)? = nil) -> KeyAction {
        KeyAction(name: name, description: english, chineseDescription: chinese, contexts: contexts, shownInBar: bar,
                  barLabel: short.map { (english: $0.0, chinese: $0.1) })
    }

    private static let navigation: [KeyAction] = [
        action("move-up", "Move up", "上移", [.generic]),
        action("move-down", "Move down", "下移", [.generic]),
        action("move-left", "Move left (previous column)", "左移（上一列）", [.generic]),
        action("move-right", "Move right (next column)", "右移（下一列）", [.generic]),
        action("page-up", "Scroll up a page", "向上翻页", [.generic]),
        action("page-down", "Scroll down a page", "向下翻页", [.generic]),
        action("first", "Go to the first item", "跳到第一项", [.generic]),
        action("last", "Go to the last item", "跳到最后一项", [.generic]),
        action("open", "Open the selected item", "打开所选项", [.generic], bar: true, short: ("open", "打开")),
        action("back", "Close or go back (never quits)", "关闭或返回（不会退出）", [.generic], bar: true, short: ("back", "返回")),
        action("quit", "Quit Clew at once", "立即退出 Clew", [.generic]),
        action("next-pane", "Switch to the next pane", "切换到下一个窗格", [.generic]),
        action("prev-pane", "Switch to the previous pane", "切换到上一个窗格", [.generic]),
        action("help", "Show the keys for this screen", "显示本屏快捷键", [.generic], bar: true, short: ("help", "帮助")),
        action("search", "Search leads", "搜索线索", [.generic], bar: true, short: ("search", "搜索")),
        action("filter", "Filter this list", "筛选当前列表", [.generic]),
        action("command", "Open the command line", "打开命令行", [.generic]),
        action("refresh", "Reload from the database", "从数据库刷新", [.generic]),
    ]

    private static let tabs: [KeyAction] = [
        action("show-board", "Show the pipeline board", "显示销售看板", [.generic]),
        action("show-inbox", "Show the inbox", "显示收件箱", [.generic]),
        action("show-screening", "Show the screening queue", "显示筛选队列", [.generic]),
        action("show-pools", "Show the lead pools", "显示线索池", [.generic]),
        action("show-dashboard", "Show the sales dashboard", "显示销售仪表盘", [.generic]),
        action("show-customers", "Show the customers (screen to come)", "显示客户（即将推出）", [.generic]),
        action("show-receivables", "Show the receivables (screen to come)", "显示应收款（即将推出）", [.generic]),
        action("show-tickets", "Show the service tickets (screen to come)", "显示服务工单（即将推出）", [.generic]),
    ]

    private static let board: [KeyAction] = [
        action("move-forward", "Move the lead to the next stage", "将线索推进到下一阶段", [.board, .detail], bar: true, short: ("next stage", "推进")),
        action("move-back", "Move the lead back a stage", "将线索退回上一阶段", [.board, .detail]),
        action("skip-stage", "Skip the next stage (asks; a rep's skip needs approval)", "跳过下一阶段（先确认；销售跳过需审批）", [.board, .detail]),
        action("toggle-scope", "Switch whose leads count: mine, the team's, all", "切换范围：我的、团队、全部", [.board, .dashboard]),
        action("new-lead", "Create a new lead", "新建线索", [.board, .screening], bar: true, short: ("new", "新建")),
    ]

    private static let lead: [KeyAction] = [
        action("log-follow-up", "Log a follow-up", "记录跟进", [.board, .detail], bar: true, short: ("follow-up", "跟进")),
        action("add-task", "Add a task", "添加任务", [.board, .detail]),
        action("grade", "Grade the lead A, B or C", "给线索评级（A、B、C）", [.board, .detail, .screening], bar: true, short: ("grade", "评级")),
        action("assign", "Assign the lead to a rep", "将线索分配给销售", [.board, .detail, .screening], bar: true, short: ("assign", "分配")),
        action("tag", "Add or remove the lead's tags", "添加或移除线索标签", [.board, .detail]),
        action("convert", "Convert the lead into customer, contact and opportunity", "转换线索为客户、联系人和商机", [.board, .detail]),
        action("win", "Mark the lead won", "标记为赢单", [.board, .detail]),
        action("lose", "Mark the lead lost, with a reason", "标记为输单并填写原因", [.board, .detail]),
        action("return-to-pool", "Return the lead to the pool", "将线索退回公海", [.board, .detail, .pools]),
        action("claim", "Claim the lead from the pool", "从公海领取线索", [.board, .detail, .pools], bar: true, short: ("claim", "领取")),
        action("add-note", "Add a note", "添加备注", [.board, .detail]),
        action("confirm", "Confirm an assignment to you", "确认分配给你的线索", [.board, .detail, .inbox], bar: true, short: ("confirm", "确认")),
        action("object", "Object to an assignment to you", "对分配给你的线索提出异议", [.board, .detail, .inbox]),
        action("edit-lead", "Edit the lead's fields", "编辑线索字段", [.detail], bar: true, short: ("edit", "编辑")),
    ]

    private static let inbox: [KeyAction] = [
        action("complete", "Mark the task done", "将任务标记为完成", [.inbox], bar: true, short: ("done", "完成")),
        action("snooze", "Snooze the item", "稍后提醒", [.inbox], bar: true, short: ("snooze", "推迟")),
        action("jump-to-lead", "Open the lead behind the item", "打开相关线索", [.inbox]),
        action("approve", "Approve the request", "批准申请", [.inbox], bar: true, short: ("approve", "批准")),
        action("reject", "Reject the request", "驳回申请", [.inbox], bar: true, short: ("reject", "驳回")),
        action("mark-group-read", "Mark every message, or every alert, read (the group of the selected one)",
               "将这一组（消息或提醒）全部标为已读", [.inbox], bar: true, short: ("all read", "全部已读")),
    ]

    private static let screening: [KeyAction] = [
        action("toggle-select", "Select or deselect the lead", "选中或取消选中线索", [.screening, .pools], bar: true, short: ("select", "选中")),
        action("select-all", "Select every lead in the queue", "选中队列中全部线索", [.screening]),
        action("assign-suggested", "Assign to the suggested rep", "分配给建议的销售", [.screening], bar: true, short: ("suggested", "按建议分配")),
        action("bulk-assign", "Assign the selected leads", "批量分配所选线索", [.screening], bar: true, short: ("assign selected", "批量分配")),
    ]

    private static let dashboard: [KeyAction] = [
        action("next-range", "Switch the range: this week, month, quarter, last 30 or 90 days", "切换时间范围：本周、本月、本季度、近 30 天、近 90 天",
               [.dashboard], bar: true, short: ("range", "时间")),
        action("previous-period", "Go back one period", "上一个周期", [.dashboard], bar: true, short: ("earlier", "往前")),
        action("next-period", "Go forward one period (up to the current one)", "下一个周期（最多到当前周期）", [.dashboard], bar: true, short: ("later", "往后")),
        action("toggle-campaigns", "Show campaigns instead of sources, or sources again", "在线索来源与营销活动之间切换", [.dashboard],
               bar: true, short: ("campaigns", "活动")),
    ]

    private static let form: [KeyAction] = [
        action("next-field", "Go to the next field", "下一个字段", [.form], bar: true, short: ("next field", "下一项")),
        action("prev-field", "Go to the previous field", "上一个字段", [.form]),
        action("submit", "Save the form", "提交表单", [.form], bar: true, short: ("save", "提交")),
        action("cancel", "Close the form without saving", "取消并关闭表单", [.form], bar: true, short: ("cancel", "取消")),
    ]

    /// Leaving and suspending; after the screens' own actions in the bar.
    private static let session: [KeyAction] = [
        action("ask-quit", "Quit Clew (asks first)", "退出 Clew（先确认）", [.board, .inbox, .screening, .pools, .dashboard, .customers, .receivables, .tickets], bar: true, short: ("quit", "退出")),
        action("suspend", "Suspend Clew to the shell (fg resumes)", "挂起到终端（fg 恢复）", [.generic]),
    ]

    private static let prompt: [KeyAction] = [
        action("accept", "Run what was typed", "执行输入内容", [.prompt], bar: true, short: ("run", "执行")),
        action("cancel-prompt", "Close the prompt", "关闭输入行", [.prompt], bar: true, short: ("close", "关闭")),
        action("history-prev", "Recall the previous entry", "上一条历史记录", [.prompt]),
        action("history-next", "Recall the next entry", "下一条历史记录", [.prompt]),
    ]
}
