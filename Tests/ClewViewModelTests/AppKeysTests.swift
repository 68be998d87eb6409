import ClewDomain
import ClewServices
import ClewStore
import Testing
@testable import ClewViewModel

/// Keys as a lazygit user expects them (issue 10): Esc never quits, q asks, refused keys say
/// why before anything opens, `>` works in the detail pane, screens to come say so.
@Suite("App keys")
struct AppKeysTests {
    @Test func escNeverQuitsAndQAsksFirst() throws {
        let fixture = try Fixture()
        let app = try fixture.app("alice")
        for _ in 0..<3 { app.perform("back") }
        #expect(!app.shouldQuit)
        app.perform("ask-quit")
        guard case .confirm = app.overlay else { Issue.record("q should ask"); return }
        app.perform("back")                      // Esc answers no
        #expect(app.overlay == nil && !app.shouldQuit)
        app.perform("ask-quit")
        app.type(.character("y"))
        #expect(app.shouldQuit)
    }

    @Test func aRefusedKeySaysWhyBeforeAnythingOpens() throws {
        let fixture = try Fixture()
        let number = try fixture.activeLead("杭州恒通科技有限公司", phone: "13800138001")
        let root = try UserDirectory(context: fixture.context).actingUser(osLogin: "root")
        try UserDirectory(context: fixture.context).add(UserProfile(login: "fin", name: "Fin", role: .finance), by: root)
        let app = AppModel(services: try fixture.services("fin"), language: .zh)
        try app.start()
        app.open(number)
        #expect(app.disabledReason(for: "move-forward") != nil)
        app.perform("move-forward")
        #expect(app.overlay == nil, "nothing is asked")
        #expect(app.status?.text == "你的角色（财务）不能执行此操作")
        #expect(app.disabledReason(for: "add-note") == nil, "finance may add notes")
        #expect(!app.roleAllows("grade") && app.roleAllows("add-note"))
    }

    @Test func greaterThanInTheDetailPaneAsksToMoveTheOpenLead() throws {
        let fixture = try Fixture()
        let number = try fixture.activeLead("杭州恒通科技有限公司", phone: "13800138001")
        let app = try fixture.app("alice")
        app.open(number)
        #expect(app.keyContextName == "detail")
        app.perform("move-back")
        #expect(app.status?.text == "already in the first stage")
        app.perform("skip-stage")
        guard case let .confirm(question) = app.overlay else { Issue.record("S should ask"); return }
        #expect(question.message.contains("Skip") && question.message.contains(number), "\(question.message)")
    }

    @Test func numberKeysOfScreensToComeSaySo() throws {
        let fixture = try Fixture()
        let app = AppModel(services: try fixture.services("alice"), language: .zh)
        try app.start()
        app.perform("show-tickets")
        #expect(app.status?.text == "「服务工单」页面尚未上线，将在后续版本提供")
        #expect(app.screen == .board)
    }

    /// A notification is stored with its kind and parameters, so the same row reads right in
    /// both languages.
    @Test func aNotificationReadsInTheReadersLanguage() throws {
        let fixture = try Fixture()
        let number = try fixture.lead("杭州恒通科技有限公司", phone: "13800138001")
        let bob = LeadService(context: fixture.context, actor: try fixture.actor("bob"))
        try bob.grade(number, .a, reason: "预算明确")
        try bob.assign(number, to: "alice")
        for (language, expected) in [(Language.zh, "bob 将 \(number) 杭州恒通科技有限公司 分配给你，请确认或提出异议"),
                                     (.en, "bob assigned \(number) 杭州恒通科技有限公司 to you; confirm or object")] {
            let app = AppModel(services: try fixture.services("alice"), language: language)
            try app.start()
            let item = try #require(app.inbox.inbox?.notifications.first { $0.kind == "assignment" })
            #expect(app.inbox.text(of: item, t: app.localizer) == expected)
        }
    }

    @Test func enterOnAnEmptyBoardSaysSoAndSInTheInboxLeavesTheBoardAlone() throws {
        let fixture = try Fixture()
        let app = try fixture.app("alice")
        app.perform("open")
        #expect(app.status?.text == "nothing to open: this column is empty")
        #expect(Keymap().match([.character("s")], in: .inbox) == .unbound)
    }

    /// The duplicate question offers register-anyway and merge as well as opening the match.
    @Test func aDuplicateCanBeRegisteredAnywayOrMerged() throws {
        let fixture = try Fixture()
        let existing = try fixture.lead("杭州恒通科技有限公司", phone: "13800138000")
        for (answer, merged) in [(Character("r"), false), ("m", true)] {
            let app = try fixture.app("bob")
            app.perform("new-lead")
            let form = try #require(app.openForm)
            "恒通科技".forEach(form.type)
            form.focus(key: "phone")
            "138-0013-8000".forEach(form.type)
            app.perform("submit")
            guard case let .confirm(question) = app.overlay else { Issue.record("expected the duplicate question"); return }
            #expect(question.answers == "[y/r/m/N]" && question.extraKeys == ["m", "r"])
            app.type(.character(answer))
            #expect(app.overlay == nil, "\(String(describing: app.status))")
            let text = try #require(app.status?.text)
            #expect(merged ? text == "details merged into \(existing)" : text.hasPrefix("registered "), "\(text)")
        }
    }
}

