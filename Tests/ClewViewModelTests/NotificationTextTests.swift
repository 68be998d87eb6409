import ClewDomain
import ClewAutomation
import ClewServices
import ClewStore
import Foundation
import Testing
@testable import ClewViewModel

/// Notifications are stored as a kind, a text and parameters and written in the reader's
/// language (issue 10): the automation's (SLA timers, triggers, scoring, pools) as much as a
/// person's, with stage names, durations and trigger events translated too.
@Suite("Notification texts")
struct NotificationTextTests {
    static let sources = LocalizationCatalogueTests.sources

    /// The same stored notification, read in English and in Chinese.
    static func read(_ item: NotificationItem) -> (en: String, zh: String) {
        let pipeline = ProcessDefinition.standard.pipeline
        return (NotificationText(Localizer(.en), pipeline: pipeline).text(of: item), NotificationText(Localizer(.zh), pipeline: pipeline).text(of: item))
    }

    static func item(_ kind: String, _ text: String?, _ values: [String]) -> NotificationItem {
        NotificationItem(id: 1, kind: kind, leadNumber: nil, actor: "(auto)", body: "stored English", createdAt: Date(),
                         parameters: NotificationParameters(text: text, values: values))
    }

    @Test func automationNotificationsReadInBothLanguages() throws {
        let label = "XL-20261123-001 杭州恒通科技有限公司"
        let stage = try #require(ProcessDefinition.standard.pipeline.stages.dropFirst().first)
        let cases: [(NotificationItem, String, String)] = [
            (Self.item("reminder", "confirm", [label, "1 working hour"]),
             "\(label) was assigned to you 1 working hour ago: confirm or object", "\(label) 已分配给你 1 个工作小时，请确认或提出异议"),
            (Self.item("reminder", "escalated", [label, ""]),
             "\(label) is still waiting for you to confirm or object; escalated to no one", "\(label) 仍在等你确认或提出异议，已上报 无人"),
            (Self.item("escalation", "unconfirmed", [label, "alice", "2 working hours"]),
             "\(label) assigned to alice is not confirmed after 2 working hours", "\(label) 分配给 alice 后 2 个工作小时 仍未确认"),
            (Self.item("stalled", nil, [label, stage.key, "5 working days", "alice"]),
             "\(label) is stalled in \(stage.englishName) (expected 5 working days), owner alice",
             "\(label) 在「\(stage.chineseName)」阶段停滞（预计 5 个工作日），负责人 alice"),
            (Self.item("trigger", nil, [label, "stage-entered:\(stage.key)", "big-deal"]),
             "\(label) entered stage \(stage.englishName) (rule big-deal)", "\(label) 进入「\(stage.chineseName)」阶段（规则 big-deal）"),
            (Self.item("reminder", "task", ["2026-11-24 10:00", "准备报价单", "XL-20261123-001"]),
             "Task due 2026-11-24 10:00: 准备报价单 (XL-20261123-001)", "任务 2026-11-24 10:00 到期：准备报价单（XL-20261123-001）"),
            (Self.item("overdue", "now", ["2026-11-24 10:00", "回访客户", ""]), "Task is due now: 回访客户", "任务现已到期：回访客户"),
            (Self.item("recycled", nil, [label, "15", "华东公海"]),
             "\(label) was taken back: no follow-up for 15 days; returned to pool 华东公海 automatically", "\(label) 已被收回：15 天没有跟进，已自动退回线索池 华东公海"),
        ]
        for (item, english, chinese) in cases {
            let read = Self.read(item)
            #expect(read.en == english)
            #expect(read.zh == chinese)
        }
        // Stored before texts had names (a bare array), or with no parameters at all.
        let old = NotificationItem(id: 2, kind: "task", leadNumber: nil, actor: "bob", body: "bob gave you a task: 回访", createdAt: Date(),
                                   parameters: NotificationParameters(values: ["bob", "回访"]))
        #expect(Self.read(old).zh == "bob 给你分配了任务：回访")
        var bare = old
        bare.parameters = nil
        #expect(Self.read(bare).zh == "bob gave you a task: 回访")
    }

    /// A notification the SLA timer writes reads right in both languages, through the store and
    /// the inbox model, from the same stored row.
    @Test func aTimersNotificationReadsRightInBothLanguages() throws {
        let fixture = try Fixture()
        let number = try fixture.lead("杭州恒通科技有限公司", phone: "13800138001")
        let bob = LeadService(context: fixture.context, actor: try fixture.actor("bob"))
        try bob.grade(number, .b, reason: "预算明确")
        try bob.assign(number, to: "alice")
        // The standard process (with its SLA timers) over the same database, 1 working hour later.
        let automated = ClewContext(database: fixture.database, automation: AutomationEngine(), clock: fixture.clock, calendar: .standard(timeZone: Fixture.zone))
        fixture.clock.advance(by: 3_600)
        _ = try TickService(context: automated, actor: try fixture.actor("root")).run()
        for (language, expected) in [(Language.en, "\(number) 杭州恒通科技有限公司 was assigned to you 1 working hour ago: confirm or object"),
                                     (.zh, "\(number) 杭州恒通科技有限公司 已分配给你 1 个工作小时，请确认或提出异议")] {
            let app = AppModel(services: LiveServices(context: automated, actor: try fixture.actor("alice")), language: language)
            try app.start()
            let item = try #require(app.inbox.inbox?.notifications.first { $0.kind == "reminder" })
            #expect(app.inbox.text(of: item, t: app.localizer) == expected)
        }
    }

    /// Each call of `name` in `source`, from the name to its closing parenthesis.
    static func calls(of name: String, in source: String) -> [String] {
        var result: [String] = []
        var rest = source[...]
        while let start = rest.range(of: name) {
            var depth = 1
            var index = start.upperBound
            while index < rest.endIndex, depth > 0 {
                if rest[index] == "(" { depth += 1 } else if rest[index] == ")" { depth -= 1 }
                index = rest.index(after: index)
            }
            result.append(String(rest[start.lowerBound..<index]))
            rest = rest[index...]
        }
        return result
    }

    /// Lint: every notification the store writes names its catalogue text and passes its
    /// parameters, and that text is in the catalogue in both languages.
    @Test func everyNotificationIsACatalogueTextWithParameters() throws {
        // The use cases over the ports, the store's own services and the automation layer
        // (triggers, the tick) all notify.
        let files = try ["ClewServices", "ClewStore", "ClewAutomation"].flatMap { target in
            try #require(FileManager.default.enumerator(at: Self.sources.appendingPathComponent(target), includingPropertiesForKeys: nil))
                .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        }
        let kind = try Regex(#"kind: "([a-z-]+)""#)
        let text = try Regex(#"text: (?:"([a-z-]+)"|[^,]*\? "([a-z-]+)" : "([a-z-]+)")"#)
        var calls = 0
        var problems: [String] = []
        for url in files {
            let source = try String(contentsOf: url, encoding: .utf8)
            // (`case .notify(who)` is a trigger action, not a call.)
            for written in Self.calls(of: ".notify(", in: source) where written.contains("kind:") {
                calls += 1
                let place = "\(url.lastPathComponent): \(written.prefix(80))"
                if !written.contains("parameters:") { problems.append("no parameters: \(place)") }
                // A kind given as a variable (duplicate notices) is one of two named kinds.
                let kinds = written.firstMatch(of: kind).map { [String($0.output[1].substring ?? "")] } ?? ["repeat-purchase", "returning-lead"]
                var texts: [String?] = [nil]
                if let named = written.firstMatch(of: text) {
                    texts = [named.output[1].substring, named.output[2].substring, named.output[3].substring].compactMap { $0.map(String.init) }
                }
                for kind in kinds {
                    for text in texts where Localizer.table[NotificationText.key(kind: kind, text: text)] == nil {
                        problems.append("no catalogue text \(NotificationText.key(kind: kind, text: text)): \(place)")
                    }
                    if Localizer.table["notification.\(kind)"] == nil { problems.append("no label notification.\(kind): \(place)") }
                }
            }
        }
        #expect(calls >= 35, "found only \(calls) notify calls")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
