import ClewDomain
import ClewAutomation
import ClewServices
import ClewStore
@testable import ClewTUI
import ClewViewModel
import Foundation
import Testing

/// A small, fully deterministic database for screen snapshots: a supervisor (bob) over two reps
/// (alice, carol), nine leads with Chinese and English customers in every status, follow-ups,
/// tasks (overdue, today, upcoming) and one pending stage-skip approval.
///
/// History is written from Monday 2026-11-09 on; the clock then stays at Monday 2026-11-23 10:00
/// in Asia/Shanghai, so ages, SLA colours and due dates never change between runs.
final class SnapshotFixture {
    let directory: URL
    let database: ClewDatabase
    let clock: FixedWallClock
    let context: ClewContext

    static let zone = TimeZone(identifier: "Asia/Shanghai") ?? .current
    /// Monday 2026-11-23 10:00, Shanghai: "now" for every snapshot.
    static let monday = at(2026, 11, 23, hour: 10)

    /// Lead numbers by a short name, for tests that open a particular lead.
    private(set) var numbers: [String: String] = [:]

    static func at(_ year: Int, _ month: Int, _ day: Int, hour: Int, minute: Int = 0) -> Date {
        CalendarDay(year: year, month: month, day: day).date(in: zone)
            .addingTimeInterval(TimeInterval(hour * 3_600 + minute * 60))
    }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-tui-snap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        clock = FixedWallClock(Self.at(2026, 11, 9, hour: 9))
        database = try Maintenance.initialize(path: directory.appendingPathComponent("clew.db").path,
                                              admin: "root", name: "Root", clock: clock)
        context = ClewContext(database: database, automation: AutomationEngine(), clock: clock, calendar: .standard(timeZone: Self.zone))
        try populate()
        clock.set(Self.monday)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    // MARK: - Access

    func actor(_ login: String) throws -> ActingUser {
        try UserDirectory(context: context).actingUser(osLogin: "root", actAs: login == "root" ? nil : login)
    }

    func services(_ login: String) throws -> LiveServices { LiveServices(context: context, actor: try actor(login)) }

    /// A started app model for `login`, as the TUI makes one.
    func app(_ login: String, language: Language = .en) throws -> AppModel {
        let app = AppModel(services: try services(login), language: language)
        try app.start()
        return app
    }

    func number(_ name: String) -> String { numbers[name] ?? "?" }

    // MARK: - Building

    private func leads(_ login: String) throws -> LeadService { LeadService(context: context, actor: try actor(login)) }

    private func add(_ name: String, customer: String, contact: String, title: String, phone: String, city: String,
                     industry: String, need: String, source: String = "展会", budget: String = "30-50万") throws -> String {
        let draft = LeadDraft(customer: customer, contact: contact, title: title, phone: phone, industry: industry,
                              need: need, source: source, region: SalesRegion.region(ofCity: city), city: city, budget: budget)
        let number = try leads("root").add(draft).lead.number.description
        numbers[name] = number
        return number
    }

    private func step(hours: Double) { clock.advance(by: hours * 3_600) }

    private func populate() throws {
        let users = UserDirectory(context: context)
        let root = try users.actingUser(osLogin: "root")
        try users.add(UserProfile(login: "bob", name: "周敏", role: .supervisor, regions: ["华东", "华南"]), by: root)
        try users.add(UserProfile(login: "alice", name: "王芳", role: .rep, supervisor: "bob", regions: ["华东"],
                                  industries: ["制造业"], capacity: 10), by: root)
        try users.add(UserProfile(login: "carol", name: "Carol Chen", role: .rep, supervisor: "bob", regions: ["华南"],
                                  industries: ["互联网"], capacity: 10), by: root)
        let bob = try leads("bob")
        let alice = try leads("alice")

        // Monday 11-09: the first wave, worked through the week.
        let hengtong = try add("hengtong", customer: "杭州恒通科技有限公司", contact: "王伟", title: "采购经理", phone: "13800138001",
                               city: "杭州", industry: "制造业", need: "需采购企业级SaaS系统")
        let acme = try add("acme", customer: "Acme Robotics Ltd", contact: "John Smith", title: "CTO", phone: "13800138002",
                           city: "上海", industry: "制造业", need: "Evaluating a CRM for 50 sales reps", source: "官网注册")
        let stark = try add("stark", customer: "Stark Trading Inc.", contact: "Pepper Potts", title: "COO", phone: "13800138003",
                            city: "南京", industry: "制造业", need: "Warehouse management with RFID")
        let jiahe = try add("jiahe", customer: "苏州嘉禾贸易有限公司", contact: "李娜", title: "总经理", phone: "13800138004",
                            city: "苏州", industry: "制造业", need: "希望引入智能客服降低人力成本", budget: "待定")
        let ningbo = try add("ningbo", customer: "宁波恒通物流集团有限公司", contact: "陈强", title: "信息部主任", phone: "13800138005",
                             city: "宁波", industry: "制造业", need: "计划建设数字化工厂MES系统", budget: "100万以上")
        let huaxin = try add("huaxin", customer: "深圳华信电子有限公司", contact: "刘洋", title: "IT经理", phone: "13800138006",
                             city: "深圳", industry: "互联网", need: "需要私有化部署的协同办公平台")
        for (number, grade) in [(hengtong, Grade.a), (acme, .b), (stark, .a), (jiahe, .c), (ningbo, .a)] {
            _ = try bob.grade(number, grade, reason: "预算明确，决策链清楚")
            _ = try bob.assign(number, to: "alice")
            _ = try alice.confirm(number)
        }
        _ = try bob.grade(huaxin, .b, reason: "需求明确")
        _ = try bob.assign(huaxin, to: "carol")
        _ = try leads("carol").confirm(huaxin)
        step(hours: 4)

        // Follow-ups in discovery; Acme and Stark move on.
        func followUp(_ number: String, _ method: FollowUpMethod, with person: String, _ content: String,
                      next: String? = nil, due: Date? = nil, by service: LeadService) throws {
            _ = try service.logFollowUp(number, FollowUpDraft(at: clock.now(), method: method, contactPerson: person, content: content,
                                                             feedback: "对方反馈积极", nextAction: next, nextDue: due))
        }
        try followUp(hengtong, .visit, with: "王伟 采购经理", "现场拜访，演示了线索看板和审批流程",
                     next: "发送报价方案", due: Self.at(2026, 11, 20, hour: 17), by: alice)
        try followUp(acme, .email, with: "John Smith", "Sent the proposal deck; they asked about SSO and audit logs", by: alice)
        try followUp(stark, .phone, with: "Pepper Potts", "Budget approved; legal reviewing the contract", by: alice)
        try followUp(ningbo, .wechat, with: "陈强", "确认了MES系统的范围和上线时间", by: alice)
        try followUp(jiahe, .phone, with: "李娜", "客户表示预算不足，暂缓采购", by: alice)
        try followUp(huaxin, .phone, with: "刘洋", "约了下周二的技术交流", by: try leads("carol"))
        step(hours: 24)
        _ = try alice.move(acme, to: "proposal")
        _ = try alice.move(stark, to: "proposal")
        step(hours: 24)
        try followUp(stark, .visit, with: "Pepper Potts", "Walked through the rollout plan on site", by: alice)
        _ = try alice.move(stark, to: "negotiation")
        step(hours: 24)
        _ = try alice.lose(jiahe, reason: .insufficientBudget)

        // Monday 11-16: a skip that needs bob's approval, a won deal, tasks.
        clock.set(Self.at(2026, 11, 16, hour: 11))
        _ = try alice.move(ningbo, to: "negotiation", reason: "客户急于上线，方案已在上次拜访中确认")
        try followUp(stark, .visit, with: "Pepper Potts", "Signed; kickoff next month", by: alice)
        _ = try alice.move(stark, to: "contract")
        _ = try bob.win(stark, amount: Money(parsing: "38万") ?? Money(parsing: "380000")!)
        let tasks = TaskService(context: context, actor: try actor("alice"))
        _ = try tasks.add(title: "Send revised quote", lead: acme, assignee: nil, due: Self.at(2026, 11, 23, hour: 15))
        _ = try tasks.add(title: "安排产品演示", lead: ningbo, assignee: nil, due: Self.at(2026, 11, 25, hour: 14))

        // Friday 11-20: new leads for screening, one assigned and waiting for alice.
        clock.set(Self.at(2026, 11, 20, hour: 14))
        let yunfan = try add("yunfan", customer: "上海云帆信息技术有限公司", contact: "赵磊", title: "CIO", phone: "13800138007",
                             city: "上海", industry: "制造业", need: "Looking for a cloud CRM for 200 sales reps")
        _ = try bob.grade(yunfan, .a, reason: "大客户，预算充足")
        _ = try bob.assign(yunfan, to: "alice")
        clock.set(Self.at(2026, 11, 22, hour: 16))
        _ = try add("xingchen", customer: "南京星辰智能制造有限公司", contact: "孙静", title: "项目经理", phone: "13800138008",
                    city: "南京", industry: "制造业", need: "采购500套办公软件授权")
        let globex = try add("globex", customer: "Globex Software GmbH", contact: "Hank Scorpio", title: "CEO", phone: "13800138009",
                             city: "杭州", industry: "制造业", need: "Needs BI dashboards for finance", source: "官网注册")
        _ = try bob.grade(globex, .b, reason: "需求明确，预算待确认")
    }
}

// MARK: - Rendering

/// Drives an app model the way `TUIApp`'s run loop does, with its own `handle` and `render`: a
/// key goes through the keymap to an action (or is typed into the open form or prompt), then a
/// frame is drawn (`AppView` with the bar and help built from the keymap for the current
/// context). Every key is followed by a frame, so the view models always know the viewport.
final class Driver {
    let app: AppModel
    let size: ScreenSize
    let keymap: Keymap
    var theme: Theme
    /// The real program's key handling and rendering (`TUIApp.handle`, `TUIApp.render`).
    private let tui: TUIApp
    private var matcher: KeySequenceMatcher
    /// The last frame drawn.
    private(set) var screen: MemoryScreen

    init(_ app: AppModel, size: ScreenSize, keymap: Keymap = .default, theme: Theme = BuiltinTheme.default.theme,
         charts: ChartTier.Preference = .auto) {
        self.app = app
        self.size = size
        self.keymap = keymap
        self.theme = theme
        // The feed and the draft store are never used: no run loop runs here.
        let feed = NoChanges()
        let drafts = DraftStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("clew-draft-\(UUID().uuidString).json").path,
                                asUser: { $0() })
        tui = TUIApp(app: app, keymap: keymap, theme: theme, feed: feed, drafts: drafts, charts: charts)
        matcher = KeySequenceMatcher(keymap: keymap)
        screen = MemoryScreen(size: size)
        render()
    }

    /// Draws a frame as the run loop does and returns it.
    @discardableResult
    func render() -> MemoryScreen {
        screen = MemoryScreen(size: size)
        tui.render(on: screen, theme: theme)
        return screen
    }

    /// The current key context.
    var context: KeyContext { KeyContext(rawValue: app.keyContextName) ?? .generic }

    /// Presses the first key bound to `action` in the current context.
    func press(_ action: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let keys = keymap.keys(for: action, in: context).first else {
            Issue.record("no key for \(action) in \(context)", sourceLocation: sourceLocation)
            return
        }
        press(keys)
    }

    /// Presses keys one by one through `TUIApp.handle`, drawing after each as the run loop does.
    func press(_ keys: KeySequence) {
        for key in keys {
            tui.handle(key, matcher: &matcher)
            render()
        }
    }

    /// Types text, one key per character.
    func type(_ text: String) { press(text.map(Key.character)) }
}

// MARK: - Snapshot files

/// Compares screen text with `Tests/ClewTUITests/__Snapshots__/NAME.txt`; with
/// `CLEW_RECORD_SNAPSHOTS=1` in the environment it (re)writes the file instead.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")

    static var recording: Bool { ProcessInfo.processInfo.environment["CLEW_RECORD_SNAPSHOTS"] == "1" }

    static func assert(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        // The plain screen text (trailing spaces trimmed by `MemoryScreen.text()`) and a final newline.
        let contents = text.hasSuffix("\n") ? text : text + "\n"
        if recording {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            do { try contents.write(to: url, atomically: true, encoding: .utf8) } catch {
                Issue.record("could not write \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no snapshot \(name).txt; run with CLEW_RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
            return
        }
        if expected != contents {
            Issue.record("snapshot \(name) differs (re-record with CLEW_RECORD_SNAPSHOTS=1):\n\(diff(expected, contents))",
                         sourceLocation: sourceLocation)
        }
    }

    /// The lines that differ, as `-expected` / `+actual` pairs with their line numbers.
    static func diff(_ expected: String, _ actual: String) -> String {
        let a = expected.components(separatedBy: "\n")
        let b = actual.components(separatedBy: "\n")
        var out: [String] = []
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? a[index] : "<none>"
            let right = index < b.count ? b[index] : "<none>"
            if left != right { out.append("\(index + 1)- \(left)\n\(index + 1)+ \(right)") }
        }
        return out.joined(separator: "\n")
    }
}

/// A change source that never reports a change (the driver runs no run loop to poll it).
final class NoChanges: ChangeSource {
    func poll() throws -> Bool { false }
    func mark(for login: String) throws -> ChangeMark { ChangeMark() }
    func changes(since mark: ChangeMark, for login: String) throws -> (ChangeSet, ChangeMark) { (ChangeSet(), mark) }
}
