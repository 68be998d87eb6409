import ClewDomain
import ClewViewModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

// End-to-end tests of the real `clew` binary in tmux (DESIGN §12, layers 4 and 5): start the TUI
// in a detached tmux session on a private socket, press the keys the *default keymap* binds to
// each action, poll `capture-pane -p` until the expected text appears, then check the database
// with the CLI. Skipped (with a message) when tmux is not installed.

// MARK: - tmux

/// Where `tmux` is, if installed.
enum Tmux {
    static let path: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
        ?? (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// tmux's name for a key, for `send-keys` (printable characters are sent literally instead).
    /// Goes through `KeyNotation`, so it covers exactly what a keymap can bind.
    static func name(_ key: Key) -> String? {
        if case let .control(c) = key { return "C-\(c)" }
        if case let .meta(c) = key { return "M-\(c)" }
        let notation = KeyNotation.format(key)          // "<Enter>", "<F5>", …
        let names = ["<Enter>": "Enter", "<Esc>": "Escape", "<Tab>": "Tab", "<BackTab>": "BTab",
                     "<Up>": "Up", "<Down>": "Down", "<Left>": "Left", "<Right>": "Right",
                     "<PgUp>": "PPage", "<PgDn>": "NPage", "<Home>": "Home", "<End>": "End",
                     "<Backspace>": "BSpace", "<Del>": "DC", "<Ins>": "IC", "<Space>": "Space"]
        if let name = names[notation] { return name }
        if case let .function(n) = key { return "F\(n)" }
        return nil
    }
}

/// One TUI running in its own tmux server (`-L <unique socket>`, `-f` a private config), so
/// tests can run side by side and never touch the user's tmux.
final class TmuxSession {
    let socket: String
    let name = "clew"
    let sandbox: CLISandbox
    private(set) var size: (columns: Int, rows: Int)

    /// Starts `clew --db <sandbox db> arguments…` at `columns`×`rows`.
    /// `command` replaces the clew command line (e.g. an interactive shell, for job control).
    init(_ sandbox: CLISandbox, arguments: [String], columns: Int = 120, rows: Int = 40, command shell: String? = nil) throws {
        self.sandbox = sandbox
        socket = "clew-e2e-\(UUID().uuidString.prefix(8))"
        size = (columns, rows)
        let config = sandbox.directory + "/tmux.conf"
        // Keep a dead pane (to read its exit status); no status line, so the pane is the window.
        try "set -g remain-on-exit on\nset -g status off\nset -g history-limit 0\n".write(toFile: config, atomically: true, encoding: .utf8)
        let command = shell ?? ([CLI.binary, "--db", sandbox.db] + arguments).map(Self.quote).joined(separator: " ")
        let env = ["LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=xterm-256color", "TZ=UTC", "HOME=\(sandbox.directory)",
                   "XDG_DATA_HOME=\(sandbox.directory)/data", "XDG_CONFIG_HOME=\(sandbox.directory)/config", "NO_COLOR="]
        let arguments = ["-L", socket, "-f", config, "new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)"]
            + env.flatMap { ["-e", $0] } + [command + "; " + Self.afterExit]
        // The server that new-session forks keeps what the client inherited, so start it with
        // `spawnClean`: no open descriptors above stderr (Foundation's Process watches one to see
        // its child exit, and would wait for the server) and no blocked signals (this process's
        // threads block some, SIGWINCH among them; the TUI would then never hear of a resize).
        let errors = sandbox.directory + "/tmux-new-session.err"
        let closeAndExec = #"for fd in /proc/self/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done 2>/dev/null; exec "$@""#
        let status = try Self.spawnClean("/bin/bash", ["-c", closeAndExec, "bash", Tmux.path ?? "tmux"] + arguments,
                                         environment: Self.tmuxEnvironment(sandbox), stderr: errors)
        guard status == 0 else {
            throw TmuxError.failed("new-session exited \(status): \((try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")")
        }
        serverPID = Int32(format("#{pid}")) ?? 0
    }

    /// The tmux server's process id, to make sure it is gone at the end.
    private var serverPID: Int32 = 0

    /// Runs `path arguments…` with an empty signal mask and default signal dispositions, stdin
    /// and stdout on /dev/null and stderr to the file `stderr`; returns its exit status.
    static func spawnClean(_ path: String, _ arguments: [String], environment: [String: String], stderr: String) throws -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw TmuxError.failed("posix_spawn \(path): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS by hand (macros are not imported).
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// tmux's own environment: its sockets live in the sandbox, not in the user's /tmp/tmux-UID.
    static func tmuxEnvironment(_ sandbox: CLISandbox) -> [String: String] {
        ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": sandbox.directory, "TMUX_TMPDIR": sandbox.directory]
    }

    /// What the pane's shell does once clew has ended: report its exit status and the terminal
    /// modes it left behind, then wait (the server is killed at the end of the test).
    static let afterExit = #"printf '\nclew exited with status %s\n' "$?"; printf 'tty: %s\n' "$(stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\n' ' ')"; exec sleep 600"#

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs `tmux -L <socket> arguments…`.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> CLIResult {
        try CLI.run(executable: Tmux.path ?? "tmux", ["-L", socket] + arguments,
                    environment: Self.tmuxEnvironment(sandbox), in: sandbox.directory)
    }

    /// The pane's text now.
    func screen() -> String {
        (try? tmux(["capture-pane", "-p", "-t", name]).stdout) ?? ""
    }

    /// Sends keys: printable characters literally (`-l`), others by their tmux names.
    func send(_ keys: KeySequence) throws {
        var literal = ""
        func flush() throws {
            guard !literal.isEmpty else { return }
            try tmux(["send-keys", "-t", name, "-l", literal])
            literal = ""
        }
        for key in keys {
            if case let .character(c) = key, c != " " {
                literal.append(c)
                continue
            }
            try flush()
            guard let tmuxName = Tmux.name(key) else { throw TmuxError.failed("no tmux name for \(KeyNotation.format(key))") }
            try tmux(["send-keys", "-t", name, tmuxName])
        }
        try flush()
    }

    /// Types text literally.
    func type(_ text: String) throws { try send(text.map(Key.character)) }

    /// Presses the first key the default keymap binds to `action` in `context`.
    func press(_ action: String, in context: KeyContext, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let keys = Keymap.default.keys(for: action, in: context).first else {
            Issue.record("no key for \(action) in \(context)", sourceLocation: sourceLocation)
            throw TmuxError.failed("no key for \(action)")
        }
        try send(keys)
    }

    /// Polls the pane every 100 ms until `condition` holds for its text; records an issue with
    /// the last screen on timeout.
    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = 5, sourceLocation: SourceLocation = #_sourceLocation,
                   _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var text = screen()
        while !condition(text) {
            guard Date() < deadline else {
                Issue.record("timed out after \(timeout) s waiting for \(what); screen:\n\(text)", sourceLocation: sourceLocation)
                return false
            }
            Thread.sleep(forTimeInterval: 0.1)
            text = screen()
        }
        return true
    }

    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 5, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        waitUntil("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    @discardableResult
    func waitForAbsence(of text: String, timeout: TimeInterval = 5, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        waitUntil("\"\(text)\" to go away", timeout: timeout, sourceLocation: sourceLocation) { !$0.contains(text) }
    }

    /// A tmux format for the pane, such as `#{pane_dead}`.
    func format(_ format: String) -> String {
        ((try? tmux(["display-message", "-p", "-t", name, format]).stdout) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
        size = (columns, rows)
    }

    /// Stops the server (and the TUI with it).
    func kill() {
        _ = try? tmux(["kill-server"])
        guard serverPID > 0 else { return }
        for _ in 0..<20 where Foundation.kill(serverPID, 0) == 0 { Thread.sleep(forTimeInterval: 0.05) }
        if Foundation.kill(serverPID, 0) == 0 { _ = Foundation.kill(serverPID, SIGKILL) }
    }
}

enum TmuxError: Error, CustomStringConvertible {
    case failed(String)
    var description: String { if case let .failed(message) = self { return message }; return "" }
}

// MARK: - Tests

@Suite("TUI end to end (tmux)", .serialized)
struct TUIEndToEndTests {
    /// bob supervises alice and carol; three leads with Chinese customers: one active for
    /// alice, one assigned to her and waiting, one in screening.
    final class Team {
        let sandbox: CLISandbox
        var active = ""
        var waiting = ""
        var screening = ""

        init() throws {
            sandbox = try CLISandbox()
            let s = sandbox
            try s.ok("init", "--name", "Root Admin")
            try s.ok("user", "add", "bob", "--name", "Bob Zhou", "--role", "supervisor", "--regions", "华东")
            try s.ok("user", "add", "alice", "--name", "Alice Wang", "--role", "rep", "--supervisor", "bob", "--regions", "华东",
                     "--industries", "制造业", "--capacity", "10")
            try s.ok("user", "add", "carol", "--name", "Carol Chen", "--role", "rep", "--supervisor", "bob", "--regions", "华南")
            active = try s.addLead(customer: "杭州恒通科技有限公司", phone: "13800138001")
            try s.ok("lead", "grade", active, "A", "--reason", "预算明确")
            try s.ok("lead", "assign", active, "alice")
            try s.ok("--as", "alice", "lead", "confirm", active)
            waiting = try s.addLead(customer: "上海云帆信息技术有限公司", phone: "13800138002")
            try s.ok("lead", "grade", waiting, "B", "--reason", "需求明确")
            try s.ok("lead", "assign", waiting, "alice")
            screening = try s.addLead(customer: "南京星辰智能制造有限公司", phone: "13800138003")
        }

        /// `lead show NUMBER --json` as a dictionary.
        func lead(_ number: String) throws -> [String: Any] {
            let result = try sandbox.clew("lead", "show", number, "--json")
            #expect(result.status == 0, "\(result)")
            return try #require(try result.json() as? [String: Any])
        }

        func start(as login: String, columns: Int = 120, rows: Int = 40) throws -> TmuxSession {
            try TmuxSession(sandbox, arguments: ["--as", login], columns: columns, rows: rows)
        }
    }

    /// False (and a message) when tmux or the binary is missing.
    static func available() -> Bool {
        guard Tmux.path != nil else {
            print("TUIEndToEndTests: tmux is not on PATH; skipping")
            return false
        }
        guard CLI.binaryExists else {
            print("TUIEndToEndTests: \(CLI.binary) is missing (swift build first); skipping")
            return false
        }
        return true
    }

    // (a)
    @Test func boardNavigationAndDetail() throws {
        guard Self.available() else { return }
        let team = try Team()
        let tui = try team.start(as: "alice")
        defer { tui.kill() }
        tui.waitFor("杭州恒通科技有限公司")
        let board = tui.screen()
        #expect(board.contains("Assigned"))
        #expect(board.contains("Discovery"))
        #expect(board.contains("上海云帆信息技术有限公司"))
        #expect(board.contains(team.active))
        // Focus starts on the Assigned column; move right to Discovery and open the card there.
        try tui.press("move-down", in: .board)
        try tui.press("move-right", in: .board)
        try tui.press("open", in: .board)
        tui.waitFor("Status")
        let detail = tui.screen()
        #expect(detail.contains("┌─ \(team.active) · 杭州恒通科技有限公司"), "\(detail)")
        #expect(detail.contains("active"))
        #expect(detail.contains("王伟"))
        // Back to the board, then move left: the Assigned lead opens.
        try tui.press("back", in: .detail)
        tui.waitForAbsence(of: "Status")
        try tui.press("move-left", in: .board)
        try tui.press("open", in: .board)
        tui.waitFor("┌─ \(team.waiting) · 上海云帆信息技术有限公司")
    }

    // (b)
    @Test func repConfirmsAnAssignmentFromTheInbox() throws {
        guard Self.available() else { return }
        let team = try Team()
        let tui = try team.start(as: "alice")
        defer { tui.kill() }
        tui.waitFor("杭州恒通科技有限公司")
        try tui.press("show-inbox", in: .board)
        tui.waitFor("Assigned to you")
        #expect(tui.screen().contains("上海云帆信息技术有限公司"))
        try tui.press("complete", in: .inbox)
        tui.waitFor("[y/N]")                       // x on an assignment asks first (issue 10)
        try tui.type("y")
        tui.waitFor("\(team.waiting) confirmed")
        #expect(try team.lead(team.waiting)["status"] as? String == "active")
        #expect(try team.lead(team.waiting)["owner"] as? String == "alice")
    }

    // (c)
    @Test func logAFollowUpThroughTheForm() throws {
        guard Self.available() else { return }
        let team = try Team()
        let tui = try team.start(as: "alice")
        defer { tui.kill() }
        tui.waitFor("杭州恒通科技有限公司")
        try tui.press("move-right", in: .board)
        try tui.press("log-follow-up", in: .board)
        tui.waitFor("Log follow-up \(team.active)")
        try tui.press("next-field", in: .form)     // method → spoke with
        try tui.press("next-field", in: .form)     // → content
        try tui.type("电话沟通了报价细节，客户要求下周演示")
        tui.waitFor("客户要求下周演示")
        try tui.press("submit", in: .form)
        tui.waitFor("follow-up logged")
        let followUps = try #require(try team.lead(team.active)["followUps"] as? [[String: Any]])
        #expect(followUps.count == 1)
        #expect(followUps.first?["content"] as? String == "电话沟通了报价细节，客户要求下周演示", "\(followUps)")
    }

    // (d)
    @Test func supervisorGradesAndAssignsFromTheScreeningQueue() throws {
        guard Self.available() else { return }
        let team = try Team()
        let tui = try team.start(as: "bob")
        defer { tui.kill() }
        tui.waitFor("Screening")
        try tui.press("show-screening", in: .board)
        tui.waitFor("南京星辰智能制造有限公司")
        try tui.press("grade", in: .screening)
        tui.waitFor("Grade lead \(team.screening)")
        try tui.press("next-field", in: .form)     // grade (prefilled) → reason
        try tui.type("预算明确，决策人已接触")
        tui.waitFor("决策人已接触")
        try tui.press("submit", in: .form)
        tui.waitFor("\(team.screening) graded")
        #expect(try team.lead(team.screening)["grade"] as? String != nil)
        try tui.press("assign-suggested", in: .screening)
        tui.waitFor("Assign \(team.screening) to alice? [y/N]") // the plan first (issue 16)
        try tui.type("y")
        tui.waitFor("assigned 1 lead")
        let lead = try team.lead(team.screening)
        #expect(lead["status"] as? String == "assigned", "\(lead["status"] ?? "nil")")
        #expect(lead["owner"] as? String == "alice")
    }

    // (e)
    @Test func searchForAChineseName() throws {
        guard Self.available() else { return }
        let team = try Team()
        let tui = try team.start(as: "alice")
        defer { tui.kill() }
        tui.waitFor("杭州恒通科技有限公司")
        try tui.press("search", in: .board)
        try tui.type("恒通")
        tui.waitFor("/恒通")
        try tui.press("accept", in: .prompt)
        tui.waitFor("for 恒通")
        let screen = tui.screen()
        #expect(screen.contains("1 result for 恒通"))
        #expect(screen.contains(team.active))
        #expect(!screen.contains("上海云帆信息技术有限公司"))
        try tui.press("open", in: .generic)
        tui.waitFor("┌─ \(team.active) · 杭州恒通科技有限公司")
    }

    // (f)
    @Test func helpListsKeyNames() throws {
        guard Self.available() else { return }
        let team = try Team()
        let tui = try team.start(as: "alice")
        defer { tui.kill() }
        tui.waitFor("杭州恒通科技有限公司")
        try tui.press("help", in: .board)
        tui.waitFor("Keys")
        var help = tui.screen()
        // The list is longer than the pane (the lead keys grew with convert and tag): scroll to see the rest.
        for _ in 0..<8 { try tui.press("move-down", in: .generic) }
        tui.waitFor(try #require(ActionRegistry.action(named: "search")).description)
        help += tui.screen()
        for (action, context) in [("move-down", KeyContext.generic), ("quit", .generic), ("search", .generic)] {
            let label = KeyNotation.label(try #require(Keymap.default.keys(for: action, in: context).first))
            let description = try #require(ActionRegistry.action(named: action)).description
            #expect(help.contains(label) && help.contains(description), "\(action): \(label) \(description)\n\(help)")
        }
        // The board's own keys (log follow-up: L) should be listed too.
        let logFollowUp = try #require(ActionRegistry.action(named: "log-follow-up")).description
        #expect(help.contains(logFollowUp), "\(help)")
        try tui.press("back", in: .help)
        tui.waitForAbsence(of: "Keys —")
        tui.waitFor("杭州恒通科技有限公司")
    }

    // (g)
    @Test func resizeToTooSmallAndBack() throws {
        guard Self.available() else { return }
        let team = try Team()
        let tui = try team.start(as: "alice")
        defer { tui.kill() }
        tui.waitFor("杭州恒通科技有限公司")
        try tui.resize(columns: 70, rows: 20)
        tui.waitFor("Terminal too small")
        #expect(tui.screen().contains("70×20"))
        #expect(!tui.screen().contains("杭州恒通科技有限公司"))
        try tui.resize(columns: 120, rows: 40)
        tui.waitFor("杭州恒通科技有限公司")
        let board = tui.screen()
        #expect(!board.contains("Terminal too small"))
        #expect(board.contains("Discovery"))
        // The key bar is on the last row of the bigger window again.
        let lines = board.components(separatedBy: "\n")
        #expect(lines.count >= 40 && lines[39].contains("help"), "\(lines.suffix(3))")
    }

    // (h)
    @Test func quitEndsTheProcessAndRestoresTheTerminal() throws {
        guard Self.available() else { return }
        let team = try Team()
        let tui = try team.start(as: "alice")
        defer { tui.kill() }
        tui.waitFor("杭州恒通科技有限公司")
        #expect(tui.format("#{alternate_on}") == "1")
        try tui.press("quit", in: .board)
        // The pane's shell prints clew's exit status and then the tty modes once clew has ended.
        tui.waitFor("tty: ")
        let after = tui.screen()
        #expect(after.contains("clew exited with status 0"), "\(after)")
        #expect(!after.contains("杭州恒通科技有限公司"))
        // Restored: out of the alternate screen, cursor shown, no mouse reporting, cursor keys
        // back in normal mode, and the tty in canonical mode with echo.
        #expect(tui.format("#{alternate_on}") == "0")
        #expect(tui.format("#{cursor_flag}") == "1")
        #expect(tui.format("#{mouse_any_flag}|#{mouse_standard_flag}|#{mouse_button_flag}") == "0|0|0")
        #expect(tui.format("#{keypad_cursor_flag}") == "0")
        #expect(after.contains("tty: icanon echo"), "\(after)")
    }
}

// MARK: - What the terminal shows

/// The real terminal's text under overlays, in both languages and at both sizes (issue 10): a
/// seeded database full of Chinese customers, the demo rep's board, and every overlay opened and
/// closed over it.
@Suite("TUI terminal text (tmux)", .serialized)
struct TUITerminalTextTests {
    /// A seeded database (the demo's data, fewer leads) whose rep is `SeedGenerator.demoRep`.
    static func seeded() throws -> CLISandbox {
        let sandbox = try CLISandbox()
        try sandbox.ok("init", "--name", "Root Admin")
        try sandbox.ok("seed", "--leads", "300")
        return sandbox
    }

    /// The board's rows: between the tabs (whose inbox badge follows the background tick) and
    /// the status line and key bar (which say what just happened).
    static func body(_ screen: String, rows: Int) -> String {
        screen.components(separatedBy: "\n").prefix(rows - 2).dropFirst().joined(separator: "\n")
    }

    /// Waits until the body is `expected` again; records the first differing rows otherwise.
    static func expectBody(_ tui: TmuxSession, equals expected: String, rows: Int, after what: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        // Past the escape delay, so the next key is not read as Alt plus that key.
        Thread.sleep(forTimeInterval: 0.1)
        let deadline = Date().addingTimeInterval(3)
        var now = body(tui.screen(), rows: rows)
        while now != expected, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            now = body(tui.screen(), rows: rows)
        }
        guard now != expected else { return }
        let old = expected.components(separatedBy: "\n"), new = now.components(separatedBy: "\n")
        let diff = zip(old, new).enumerated().filter { $0.element.0 != $0.element.1 }
            .map { "row \($0.offset):\n  was \($0.element.0)\n  now \($0.element.1)" }.joined(separator: "\n")
        Issue.record("the board changed after \(what):\n\(diff)", sourceLocation: sourceLocation)
    }

    /// The demo rep's board with a stage column with cards focused (the seeded Assigned column
    /// may be empty), once the background tick's first run has settled it.
    static func settledBoard(_ tui: TmuxSession, rows: Int) throws -> String {
        tui.waitFor("wang.fang")
        try tui.press("move-right", in: .board)
        var board = body(tui.screen(), rows: rows)
        for _ in 0..<20 {
            Thread.sleep(forTimeInterval: 0.5)
            let again = body(tui.screen(), rows: rows)
            if again == board { break }
            board = again
        }
        return board
    }

    @Test(arguments: ["en", "zh"], [TerminalSize(columns: 120, rows: 40), TerminalSize(columns: 80, rows: 24)])
    func overlaysLeaveTheBoardUnchanged(language: String, size: TerminalSize) throws {
        guard TUIEndToEndTests.available() else { return }
        let sandbox = try Self.seeded()
        let tui = try TmuxSession(sandbox, arguments: ["--as", "wang.fang", "--lang", language],
                                  columns: size.columns, rows: size.rows)
        defer { tui.kill() }
        let board = try Self.settledBoard(tui, rows: size.rows)
        #expect(board.contains("有限公司"), "\(board)")
        // Each overlay: the keys that open it (from the default keymap), then Esc closes it.
        let overlays: [(String, KeyContext)] = [
            ("add-note", .board), ("log-follow-up", .board), ("help", .board), ("win", .board),
            ("new-lead", .board), ("command", .board), ("search", .board), ("filter", .board),
            ("add-task", .board), ("lose", .board), ("move-forward", .board), ("ask-quit", .board), ("open", .board),
        ]
        for (action, context) in overlays {
            let before = tui.screen()
            try tui.press(action, in: context)
            // Most open an overlay; a refused one only says why in the status line.
            let deadline = Date().addingTimeInterval(2)
            while tui.screen() == before, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            try tui.send([.escape])
            Self.expectBody(tui, equals: board, rows: size.rows, after: "\(action) and Esc")
        }
        // A note typed in Chinese and saved (the report in the issue).
        try tui.press("add-note", in: .board)
        tui.waitFor("┌")
        try tui.type("客户说下周再联系，预算已批")
        tui.waitFor("预算已批")
        try tui.press("submit", in: .form)
        Self.expectBody(tui, equals: board, rows: size.rows, after: "a note saved")
        #expect(tui.format("#{pane_dead}") == "0", "Esc must never end Clew")
    }
}

/// A tmux window size, for parameterised tests.
struct TerminalSize: Sendable, CustomTestStringConvertible {
    let columns: Int
    let rows: Int
    var testDescription: String { "\(columns)×\(rows)" }
}

/// Keys and language in the real terminal (issue 10): Esc never exits, Ctrl-Z and fg give the
/// screen back, and a Chinese session shows no English interface text.
@Suite("TUI keys and language (tmux)", .serialized)
struct TUIKeysAndLanguageTests {
    /// Words of three or more Latin letters in `line` that are interface text: lead numbers,
    /// logins, people's names and key names are data or notation, not English UI.
    static func englishWords(in line: String) -> [String] {
        let data: Set<String> = ["Clew", "Enter", "Esc", "Tab", "Space", "PgUp", "PgDn", "Home", "End", "alice", "bob", "carol",
                                 "root", "Alice", "Wang", "Bob", "Zhou", "Carol", "Chen", "Root", "Admin"]
        let numbers = line.replacingOccurrences(of: #"XL-\d{8}-\d+"#, with: "", options: .regularExpression)
        return numbers.matches(of: /[A-Za-z]{3,}/).map { String($0.output) }.filter { !data.contains($0) }
    }

    /// The status line and the key bar.
    static func bottom(_ screen: String, rows: Int) -> [String] {
        Array(screen.components(separatedBy: "\n").dropFirst(rows - 2).prefix(2))
    }

    @Test(arguments: [TerminalSize(columns: 120, rows: 40), TerminalSize(columns: 80, rows: 24)])
    func aChineseSessionShowsNoEnglishAfterAnAssignAMoveAndANotification(size: TerminalSize) throws {
        guard TUIEndToEndTests.available() else { return }
        let team = try TUIEndToEndTests.Team()
        // bob assigns the lead waiting in screening to alice.
        let bob = try TmuxSession(team.sandbox, arguments: ["--as", "bob", "--lang", "zh"], columns: size.columns, rows: size.rows)
        defer { bob.kill() }
        bob.waitFor("待筛选")
        try bob.press("show-screening", in: .board)
        bob.waitFor("南京星辰智能制造有限公司")
        try bob.press("grade", in: .screening)
        bob.waitFor("线索评级")
        try bob.press("next-field", in: .form)
        try bob.type("预算明确，决策人已接触")
        try bob.press("submit", in: .form)
        bob.waitFor("评级为")
        for line in Self.bottom(bob.screen(), rows: size.rows) {
            #expect(Self.englishWords(in: line).isEmpty, "English in \"\(line)\"")
        }
        try bob.press("assign", in: .screening)
        bob.waitFor("分配线索")                  // the suggested rep (alice) is filled in
        try bob.press("submit", in: .form)
        bob.waitFor("已分配给")
        for line in Self.bottom(bob.screen(), rows: size.rows) {
            #expect(Self.englishWords(in: line).isEmpty, "English in \"\(line)\"")
        }
        bob.kill()
        // alice: the notification, then a move on her active lead.
        let alice = try TmuxSession(team.sandbox, arguments: ["--as", "alice", "--lang", "zh"], columns: size.columns, rows: size.rows)
        defer { alice.kill() }
        alice.waitFor("杭州恒通科技有限公司")
        try alice.press("show-inbox", in: .board)
        alice.waitFor("分配给你")
        let inbox = alice.screen()
        let notification = try #require(inbox.components(separatedBy: "\n").first { $0.contains("[分配]") && $0.contains(team.screening) }, "\(inbox)")
        #expect(Self.englishWords(in: notification).isEmpty, "English in \"\(notification)\"")
        try alice.press("show-board", in: .inbox)
        alice.waitForAbsence(of: "[分配]")
        try alice.press("move-down", in: .board)
        try alice.press("move-right", in: .board)
        try alice.press("move-forward", in: .board)
        alice.waitFor("[y/N]")
        let question = try #require(alice.screen().components(separatedBy: "\n").first { $0.contains("[y/N]") })
        #expect(question.contains("推进到"), "\(question)")
        #expect(Self.englishWords(in: question.replacingOccurrences(of: "[y/N]", with: "")).isEmpty, "English in \"\(question)\"")
        try alice.type("y")
        alice.waitForAbsence(of: "[y/N]")
        Thread.sleep(forTimeInterval: 0.3)
        for line in Self.bottom(alice.screen(), rows: size.rows) {
            #expect(Self.englishWords(in: line).isEmpty, "English in \"\(line)\"")
        }
        #expect(!Self.bottom(alice.screen(), rows: size.rows)[0].trimmingCharacters(in: .whitespaces).isEmpty, "the move says what happened")
        // A filter: the status line and the top bar name it in Chinese.
        try alice.press("filter", in: .board)
        try alice.type("grade=A")
        try alice.press("accept", in: .prompt)
        alice.waitFor("等级=A")
        let screen = alice.screen()
        for line in Self.bottom(screen, rows: size.rows) + [screen.components(separatedBy: "\n")[0]] {
            #expect(Self.englishWords(in: line).isEmpty, "English in \"\(line)\"")
        }
    }

    @Test func escNeverExitsEvenThreeTimesFromASearch() throws {
        guard TUIEndToEndTests.available() else { return }
        let team = try TUIEndToEndTests.Team()
        let tui = try team.start(as: "alice")
        defer { tui.kill() }
        tui.waitFor("杭州恒通科技有限公司")
        try tui.press("search", in: .board)
        try tui.type("恒通")
        try tui.press("accept", in: .prompt)
        tui.waitFor("for 恒通")
        for _ in 0..<3 {
            try tui.send([.escape])
            Thread.sleep(forTimeInterval: 0.15)
        }
        tui.waitFor("Discovery")
        #expect(tui.format("#{pane_dead}") == "0")
        #expect(!tui.screen().contains("clew exited"))
        // q asks; Esc answers no; Q quits at once.
        try tui.press("ask-quit", in: .board)
        tui.waitFor("Quit Clew? [y/N]")
        try tui.send([.escape])
        tui.waitForAbsence(of: "[y/N]")
        try tui.press("quit", in: .board)
        tui.waitFor("clew exited with status 0")
    }

    @Test func ctrlZSuspendsAndFgRestoresTheScreen() throws {
        guard TUIEndToEndTests.available() else { return }
        let team = try TUIEndToEndTests.Team()
        let shell = try TmuxSession(team.sandbox, arguments: [], command: "exec bash --norc --noprofile -i")
        defer { shell.kill() }
        Thread.sleep(forTimeInterval: 0.3)
        let line = ([CLI.binary, "--db", team.sandbox.db, "--as", "alice"]).map(TmuxSession.quote).joined(separator: " ")
        try shell.type(line)
        try shell.send([.enter])
        shell.waitFor("杭州恒通科技有限公司")
        try shell.press("move-right", in: .board)
        Thread.sleep(forTimeInterval: 0.3)
        let before = TUITerminalTextTests.body(shell.screen(), rows: 40)
        try shell.send([.control("z")])
        shell.waitFor("Stopped")
        #expect(shell.format("#{alternate_on}") == "0", "the shell gets the normal screen back")
        try shell.type("fg")
        try shell.send([.enter])
        shell.waitFor("杭州恒通科技有限公司")
        TUITerminalTextTests.expectBody(shell, equals: before, rows: 40, after: "Ctrl-Z and fg")
        // Keys work again (raw mode is back): q asks.
        try shell.press("ask-quit", in: .board)
        shell.waitFor("[y/N]")
    }
}


/// `--ambiguous-width` in the real terminal (issue 10). tmux draws East Asian Ambiguous
/// characters one cell wide and answers the start-up query so: by default (auto) the board is as
/// always; with `2` forced, every `▌ ─ ▶ …` is laid out in two cells (tmux shows it and a blank),
/// and the board keeps its columns, also after overlays open and close over it.
@Suite("TUI ambiguous width (tmux)", .serialized)
struct TUIAmbiguousWidthTests {
    /// The columns (in cells) where `▌` starts on each row of `screen`.
    static func bars(_ screen: String) -> [[Int]] {
        screen.components(separatedBy: "\n").map { line in
            var cells = 0
            var found: [Int] = []
            for character in line {
                if character == "▌" { found.append(cells) }
                cells += DisplayWidth.of(character)
            }
            return found
        }
    }

    @Test(arguments: ["en", "zh"], [TerminalSize(columns: 120, rows: 40), TerminalSize(columns: 80, rows: 24)])
    func twoCellsKeepTheBoardAligned(language: String, size: TerminalSize) throws {
        guard TUIEndToEndTests.available() else { return }
        let sandbox = try TUITerminalTextTests.seeded()
        let auto = try TmuxSession(sandbox, arguments: ["--as", "wang.fang", "--lang", language], columns: size.columns, rows: size.rows)
        let one = try TUITerminalTextTests.settledBoard(auto, rows: size.rows)
        auto.kill()
        let forced = try TmuxSession(sandbox, arguments: ["--as", "wang.fang", "--lang", language, "--ambiguous-width", "2"],
                                     columns: size.columns, rows: size.rows)
        defer { forced.kill() }
        let two = try TUITerminalTextTests.settledBoard(forced, rows: size.rows)
        #expect(one.contains("▌") && !one.contains("▌ XL-"), "auto in tmux lays ▌ out in one cell:\n\(one)")
        #expect(two.contains("▌ XL-"), "forced 2: ▌ takes two cells:\n\(two)")
        #expect(two.contains("有限公司"))
        // The same columns start in the same cells at both widths.
        let columnsOne = Self.bars(one).filter { !$0.isEmpty }
        let columnsTwo = Self.bars(two).filter { !$0.isEmpty }
        #expect(!columnsTwo.isEmpty)
        #expect(Set(columnsTwo.flatMap { $0 }).isSubset(of: Set(columnsOne.flatMap { $0 })), "\(columnsOne) vs \(columnsTwo)")
        for line in two.components(separatedBy: "\n") {
            #expect(DisplayWidth.of(line) <= size.columns, "\(line)")
        }
        // Characters written around ncurses are repainted right when overlays come and go.
        for (action, context) in [("add-note", KeyContext.board), ("help", .board), ("move-forward", .board), ("open", .board)] {
            let before = forced.screen()
            try forced.press(action, in: context)
            let deadline = Date().addingTimeInterval(2)
            while forced.screen() == before, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            try forced.send([.escape])
            TUITerminalTextTests.expectBody(forced, equals: two, rows: size.rows, after: "\(action) and Esc at width 2")
        }
        #expect(forced.format("#{pane_dead}") == "0")
    }
}
