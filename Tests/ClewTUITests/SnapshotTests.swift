import ClewDomain
import ClewServices
import ClewStore
@testable import ClewTUI
import ClewViewModel
import Foundation
import Testing

/// Screen snapshots (DESIGN §12, layer 3): the in-memory screen's text after driving the app
/// model through the default keymap, compared with `__Snapshots__/NAME.txt`. Re-record with
/// `CLEW_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests`, then read the files by eye.
@Suite("Screen snapshots")
struct SnapshotTests {
    static let small = ScreenSize(rows: 24, columns: 80)
    static let wide = ScreenSize(rows: 48, columns: 160)

    /// Checks every row of the last frame fits the width, and compares it with `name-COLSxROWS`.
    static func check(_ driver: Driver, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let size = driver.size
        let text = driver.render().text()
        let lines = text.components(separatedBy: "\n")
        #expect(lines.count <= size.rows + 1, "\(name): \(lines.count) lines", sourceLocation: sourceLocation)
        for (index, line) in lines.enumerated() {
            #expect(DisplayWidth.of(line) <= size.columns, "\(name) row \(index) is \(DisplayWidth.of(line)) cells: \(line)",
                    sourceLocation: sourceLocation)
        }
        Snapshot.assert(text, named: "\(name)-\(size.columns)x\(size.rows)", sourceLocation: sourceLocation)
    }

    /// Runs `steps` on a fresh model at 80×24 and at 160×48, and checks both frames.
    static func checkBoth(_ fixture: SnapshotFixture, as login: String, _ name: String, language: Language = .en,
                          sourceLocation: SourceLocation = #_sourceLocation, _ steps: (Driver) throws -> Void = { _ in }) throws {
        for size in [small, wide] {
            let driver = Driver(try fixture.app(login, language: language), size: size)
            try steps(driver)
            check(driver, name, sourceLocation: sourceLocation)
        }
    }

    // MARK: - Screens

    @Test func boardAsRep() throws {
        try Self.checkBoth(try SnapshotFixture(), as: "alice", "board-rep")
    }

    @Test func boardAsSupervisor() throws {
        try Self.checkBoth(try SnapshotFixture(), as: "bob", "board-supervisor")
    }

    @Test func boardInChinese() throws {
        let fixture = try SnapshotFixture()
        Self.check(Driver(try fixture.app("alice", language: .zh), size: Self.small), "board-rep-zh")
    }

    @Test func boardAfterNavigating() throws {
        try Self.checkBoth(try SnapshotFixture(), as: "alice", "board-rep-navigated") { driver in
            let before = driver.app.board.focusedCard?.lead.number
            driver.press("move-right")
            driver.press("move-down")
            #expect(driver.app.board.focusedColumn == 1)
            #expect(driver.app.board.focusedCard?.lead.number != before)
        }
    }

    @Test func boardWithDetailPane() throws {
        let fixture = try SnapshotFixture()
        let number = fixture.number("hengtong")
        // 160×48: the pane beside the board; 80×24: the pane instead of it.
        try Self.checkBoth(fixture, as: "alice", "board-detail") { driver in
            try Self.focus(number, driver)
            driver.press("open")
            #expect(driver.app.detail?.number == number)
            #expect(driver.app.detailFocused)
        }
    }

    @Test func inbox() throws {
        try Self.checkBoth(try SnapshotFixture(), as: "alice", "inbox-rep") { driver in
            driver.press("show-inbox")
            #expect(driver.app.screen == .inbox)
            #expect(driver.app.inbox.inbox?.awaitingConfirmation.count == 1)
        }
    }

    @Test func inboxOfSupervisorWithApproval() throws {
        try Self.checkBoth(try SnapshotFixture(), as: "bob", "inbox-supervisor") { driver in
            driver.press("show-inbox")
            #expect(driver.app.inbox.inbox?.approvals.count == 1)
        }
    }

    @Test func screeningQueue() throws {
        try Self.checkBoth(try SnapshotFixture(), as: "bob", "screening") { driver in
            driver.press("show-screening")
            #expect(driver.app.screen == .screening)
            #expect(driver.app.screening?.total == 2)
        }
    }

    @Test func searchResults() throws {
        try Self.checkBoth(try SnapshotFixture(), as: "bob", "search-hengtong") { driver in
            driver.press("search")
            driver.type("恒通")
            driver.press("accept")
            #expect(driver.app.screen == .search)
            #expect(driver.app.search.results.count == 2)
        }
    }

    @Test func searchPrompt() throws {
        let fixture = try SnapshotFixture()
        let driver = Driver(try fixture.app("bob"), size: Self.small)
        driver.press("search")
        driver.type("恒通")
        Self.check(driver, "search-prompt")
        // The cursor sits after "/" and the two wide characters: 1 + 2 × 2 cells.
        #expect(driver.screen.cursor == MemoryScreen.Cursor(row: 22, column: 5, visible: true))
    }

    @Test func followUpForm() throws {
        let fixture = try SnapshotFixture()
        let number = fixture.number("hengtong")
        try Self.checkBoth(fixture, as: "alice", "follow-up-form") { driver in
            try Self.focus(number, driver)
            driver.press("log-follow-up")
            #expect(driver.app.openForm != nil)
            driver.press("next-field")   // method → with
            driver.press("next-field")   // with → content
            driver.type("电话沟通了报价细节 OK")
            #expect(driver.app.openForm?.value("content") == "电话沟通了报价细节 OK")
        }
    }

    @Test func help() throws {
        try Self.checkBoth(try SnapshotFixture(), as: "alice", "help-board") { driver in
            driver.press("help")
        }
    }

    @Test func terminalTooSmall() throws {
        let fixture = try SnapshotFixture()
        let driver = Driver(try fixture.app("alice"), size: ScreenSize(rows: 20, columns: 60))
        Self.check(driver, "too-small")
        #expect(driver.screen.text().contains("60×20"))
        #expect(!driver.screen.text().contains(fixture.number("hengtong")))
    }

    // MARK: - Attributes

    @Test func focusedCardUsesTheThemesCardFocus() throws {
        let fixture = try SnapshotFixture()
        let app = try fixture.app("alice")
        let theme = BuiltinTheme.default.theme
        let screen = Driver(app, size: Self.wide, theme: theme).screen
        let focused = try #require(app.board.focusedCard?.lead.details.customer)
        let other = try #require(Self.unfocusedCustomer(app))
        let at = try #require(Self.find(focused, on: screen))
        let otherAt = try #require(Self.find(other, on: screen))
        #expect(screen.attributes(row: at.row, column: at.column) == theme.attributes(for: .cardFocus))
        #expect(screen.attributes(row: otherAt.row, column: otherAt.column) == theme.attributes(for: .card))
        #expect(theme.attributes(for: .cardFocus) != theme.attributes(for: .card))
    }

    @Test func focusedCardIsDistinguishableWithoutColours() throws {
        let fixture = try SnapshotFixture()
        let app = try fixture.app("alice")
        for theme in [BuiltinTheme.default.theme.withoutColors(), BuiltinTheme.mono.theme] {
            let screen = Driver(app, size: Self.small, theme: theme).screen
            let focused = try #require(app.board.focusedCard?.lead.details.customer)
            let at = try #require(Self.find(focused, on: screen))
            let attributes = try #require(screen.attributes(row: at.row, column: at.column))
            #expect(attributes.foreground == .default && attributes.background == .default)
            #expect(attributes.reverse || attributes.bold, "focused card: \(attributes)")
            #expect(attributes.reverse, "focused card is reversed, not only bold like [A]: \(attributes)")
            if let other = Self.unfocusedCustomer(app), let otherAt = Self.find(other, on: screen) {
                #expect(screen.attributes(row: otherAt.row, column: otherAt.column) != attributes)
            }
        }
    }

    @Test func tooSmallMessageUsesTheErrorStyle() throws {
        let fixture = try SnapshotFixture()
        let app = try fixture.app("alice")
        let theme = BuiltinTheme.default.theme
        let screen = Driver(app, size: ScreenSize(rows: 20, columns: 60), theme: theme).screen
        #expect(screen.attributes(row: 10, column: 0) == theme.attributes(for: .statusError))
    }

    /// A theme may colour the board's focused card alone (`color board.card-focus …`, DESIGN §9
    /// and `ThemeElement`'s scoped names); the board should use it.
    @Test func scopedCardFocusRuleAppliesOnTheBoard() throws {
        let fixture = try SnapshotFixture()
        let app = try fixture.app("alice")
        var theme = BuiltinTheme.default.theme
        let scoped = TextAttributes(foreground: .palette(1), background: .palette(3), underline: true)
        theme.set(scoped, for: "board.card-focus")
        let screen = Driver(app, size: Self.small, theme: theme).screen
        let focused = try #require(app.board.focusedCard?.lead.details.customer)
        let at = try #require(Self.find(focused, on: screen))
        #expect(screen.attributes(row: at.row, column: at.column) == scoped)
    }

    // MARK: - Known problems found while recording

    /// `?` on the board should list the board's own keys (DESIGN §9: help generated from the live
    /// keymap for the current view), not only the general ones.
    @Test func helpFromTheBoardListsBoardKeys() throws {
        let fixture = try SnapshotFixture()
        let driver = Driver(try fixture.app("alice"), size: Self.wide)
        driver.press("help")
        let text = driver.screen.text()
        #expect(text.contains("Move up"))
        let logFollowUp = try #require(ActionRegistry.action(named: "log-follow-up"))
        #expect(text.contains("Board"))
        #expect(text.contains(logFollowUp.description))
    }

    /// At 80×24 the board's help has more entries than the box has rows; none may be dropped
    /// silently (all shown, or a way to scroll / a "more" mark).
    @Test func helpAt80x24ShowsEveryEntry() throws {
        let fixture = try SnapshotFixture()
        let driver = Driver(try fixture.app("alice"), size: Self.small)
        driver.press("help")
        // Scrolling with j shows every entry the rep's role can use, its description whole.
        var seen = driver.screen.text()
        for _ in 0..<60 {
            driver.press("move-down")
            seen += "\n" + driver.screen.text()
        }
        let missing = Keymap.default.helpSections(for: .board).flatMap(\.entries)
            .filter { driver.app.roleAllows($0.action.name) && !seen.contains($0.help) }.map(\.action.name)
        #expect(missing.isEmpty, "not shown: \(missing)")
        #expect(!seen.contains("Assign the lead to a rep"), "a rep's help lists only what a rep can do")
    }

    /// The supervisor's Screening tab shows its badge (leads waiting) from the first frame, as
    /// the Inbox tab does.
    @Test func screeningBadgeOnTheFirstFrame() throws {
        let fixture = try SnapshotFixture()
        let driver = Driver(try fixture.app("bob"), size: Self.small)
        let tabs = driver.screen.text().components(separatedBy: "\n")[0]
        #expect(tabs.contains("3 Screening 2"), "\(tabs)")
        driver.press("show-screening")
        #expect(driver.screen.text().components(separatedBy: "\n")[0].contains("3 Screening 2"))
    }

    /// Times on screen are in the team's working-calendar zone (the context's calendar,
    /// Asia/Shanghai here), not the zone of the machine the TUI happens to run on.
    @Test func timesUseTheWorkingCalendarsZone() throws {
        let fixture = try SnapshotFixture()
        let driver = Driver(try fixture.app("alice"), size: Self.wide)
        driver.press("show-inbox")
        // Acme's task is due today at 15:00 Shanghai time.
        let text = driver.screen.text()
        #expect(text.contains("11-23 15:00"), "\(text)")
    }

    /// The Chinese key bar at 80 columns cuts its last label with one `…`, not `……` (the next
    /// segment truncated to a single cell becomes a second ellipsis).
    @Test func keyBarEndsWithOneEllipsis() throws {
        let fixture = try SnapshotFixture()
        let driver = Driver(try fixture.app("alice", language: .zh), size: Self.small)
        let bar = driver.screen.text().components(separatedBy: "\n")[23]
        #expect(!bar.contains("……"), "\(bar)")
    }

    // MARK: - Helpers

    /// Moves the board's focus to lead `number` with the configured move keys.
    static func focus(_ number: String, _ driver: Driver, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let board = driver.app.board
        let column = try #require(board.columns.firstIndex { board.cards[$0.key]?.contains { $0.lead.number.description == number } == true },
                                  "\(number) is not on the board", sourceLocation: sourceLocation)
        for _ in 0..<board.columns.count where board.focusedColumn > column { driver.press("move-left") }
        for _ in 0..<board.columns.count where board.focusedColumn < column { driver.press("move-right") }
        for _ in 0..<50 where board.focusedCard?.lead.number.description != number { driver.press("move-down") }
        #expect(board.focusedCard?.lead.number.description == number, sourceLocation: sourceLocation)
    }

    /// The customer of some card on the board other than the focused one.
    static func unfocusedCustomer(_ app: AppModel) -> String? {
        let focused = app.board.focusedCard?.lead.number
        return app.board.columns.lazy.compactMap { app.board.cards[$0.key] }.joined()
            .first { $0.lead.number != focused }?.lead.details.customer
    }

    /// The cell where `text` starts on screen (by display width, so CJK before it counts double).
    static func find(_ text: String, on screen: MemoryScreen) -> (row: Int, column: Int)? {
        for (row, line) in screen.text().components(separatedBy: "\n").enumerated() {
            if let range = line.range(of: text) {
                return (row, DisplayWidth.of(String(line[..<range.lowerBound])))
            }
        }
        return nil
    }
}
