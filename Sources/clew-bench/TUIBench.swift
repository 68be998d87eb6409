import ClewAutomation
import ClewDomain
import ClewServices
import ClewStore
import ClewTUI
import ClewViewModel
import Foundation

/// The TUI's budgets (DESIGN.md §10): time to the first board frame and key-to-frame latency,
/// drawn into the in-memory screen through the same view models and views as the real terminal
/// (everything but the final write to the tty).
struct TUIBench {
    let bench: BenchDatabase
    let stopwatch: Stopwatch
    static let size = ScreenSize(rows: 48, columns: 160)

    func run(progress: (String) -> Void) throws -> [BenchReport.Query] {
        var results: [BenchReport.Query] = []
        func measure(_ name: String, detail: String, target: BenchReport.Target, _ body: () throws -> Void) throws {
            progress(name)
            let timing = try stopwatch.measure(service: { try body(); return 1 }, baseline: nil)
            results.append(BenchReport.Query(name: name, detail: detail, timing: timing, target: target))
        }
        /// Times `body` alone, `prepare` running untimed before each run (warm-ups included).
        func measureAlone(_ name: String, detail: String, prepare: () -> Void, _ body: () -> Void) {
            progress(name)
            var timing = PairTiming()
            for run in 0..<(stopwatch.warmups + stopwatch.runs) {
                prepare()
                let (_, duration) = Stopwatch.time(body)
                if run >= stopwatch.warmups { timing.service.append(duration) }
            }
            timing.serviceRows = 1
            results.append(BenchReport.Query(name: name, detail: detail, timing: timing, target: .keyToFrame))
        }

        for (label, actor) in [("rep", bench.rep), ("supervisor", bench.supervisor)] {
            try measure("first board frame, warm · \(label)", detail: "in this process: AppModel start (board, inbox, screening) + layout + draw with the real bar at 160×48",
                        target: .firstFrame) {
                let frame = try Frame(bench: bench, actor: actor)
                try frame.start()
            }
        }
        // Keys go through the run loop's own path: TUIApp.handle (the key matcher, then the
        // action) and TUIApp.render (layout, the real key bar, draw).
        let rep = try Frame(bench: bench, actor: bench.rep)
        try rep.start()
        var down = true
        try measure("key → frame: j/k on the board · rep", detail: "move the focus one card and redraw", target: .keyToFrame) {
            rep.press(down ? "j" : "k")
            down.toggle()
        }
        let supervisor = try Frame(bench: bench, actor: bench.supervisor)
        try supervisor.start()
        var right = true
        try measure("key → frame: h/l across columns · supervisor", detail: "focus the next column (loads its visible cards) and redraw",
                    target: .keyToFrame) {
            supervisor.press(right ? "l" : "h")
            right.toggle()
        }
        var screeningTab = true
        try measure("key → frame: 1/3 switch board ↔ screening · supervisor", detail: "switch tabs and redraw (lists stay loaded)",
                    target: .keyToFrame) {
            supervisor.press(screeningTab ? "3" : "1")
            screeningTab.toggle()
        }
        try measure("key → frame: Esc, Enter reopens the detail · rep", detail: "close, then load the lead, its timeline, tasks, stages; redraw",
                    target: .keyToFrame) {
            rep.press(.escape, render: false)
            rep.press(.enter)
        }
        // Esc alone, timed apart from what opens what it closes (untimed before each run).
        rep.press(.escape)
        measureAlone("key → frame: Esc closes the detail · rep", detail: "back from the lead detail to the board and redraw (the detail is opened, untimed, before each run)",
                    prepare: { rep.press(.enter) }) { rep.press(.escape) }
        measureAlone("key → frame: Esc closes help · rep", detail: "close the ? overlay over the board and redraw (help opened, untimed, before each run)",
                    prepare: { rep.press("?") }) { rep.press(.escape) }
        measureAlone("key → frame: Esc cancels a form · rep", detail: "close the note form over the board and redraw (m opened it, untimed, before each run)",
                    prepare: { rep.press("m") }) { rep.press(.escape) }
        var inboxTab = true
        try measure("key → frame: 1/2 switch board ↔ inbox · rep", detail: "switch tabs and redraw (lists stay loaded)", target: .keyToFrame) {
            rep.press(inboxTab ? "2" : "1")
            inboxTab.toggle()
        }
        rep.press("2")
        try measure("key → frame: j/k in the inbox · rep", detail: "move the cursor and redraw", target: .keyToFrame) {
            rep.press(down ? "j" : "k")
            down.toggle()
        }
        return results    }

    /// Peak memory of a process that only runs the TUI's work on an existing database: open it,
    /// draw the first frame as the rep, then 200 keys through the run loop's path while a full
    /// tick runs on a background thread, as the TUI's ticker does once a minute (here without
    /// the ticker's "another TUI ticked within the minute" skip, so the tick really evaluates).
    /// Run as a child (`--tui-probe`) so seeding does not count.
    static func probe(database: String, osLogin: String) throws -> Double {
        let context = ClewContext(database: try ClewDatabase(path: database), automation: AutomationEngine())
        let actor = try UserDirectory(context: context).actingUser(osLogin: osLogin, actAs: SeedGenerator.demoRep)
        let ticked = DispatchSemaphore(value: 0)
        let service = TickService(context: context, actor: actor)
        Thread.detachNewThread {
            _ = try? service.run()
            ticked.signal()
        }
        let frame = try Frame(context: context, actor: actor)
        try frame.start()
        let keys: [Key] = [.character("j"), .character("l"), .enter, .escape, .character("k"), .character("h")]
        for step in 0..<200 { frame.press(keys[step % keys.count]) }
        ticked.wait()
        return BenchReport.megabytes(ProcessMemory.peakResidentBytes())
    }

    /// One interface instance drawing into memory through ``TUIApp``'s own key handling and
    /// rendering (everything the run loop does but the terminal's read and write).
    final class Frame {
        let app: AppModel
        let tui: TUIApp
        let screen = MemoryScreen(size: TUIBench.size)
        let theme = BuiltinTheme.default.theme
        private var matcher = KeySequenceMatcher(keymap: Keymap.default)

        convenience init(bench: BenchDatabase, actor: ActingUser) throws {
            try self.init(context: bench.context, actor: actor)
        }

        init(context: ClewContext, actor: ActingUser) throws {
            app = AppModel(services: LiveServices(context: context, actor: actor), language: .en)
            let drafts = DraftStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("clew-bench-draft-\(UUID().uuidString).json").path,
                                    asUser: { $0() })
            tui = TUIApp(app: app, keymap: Keymap.default, theme: BuiltinTheme.default.theme, feed: try ChangeFeed(database: context.database), drafts: drafts)
        }

        /// Loads the first screen and draws it (what the run loop does before the first key).
        func start() throws {
            try app.start()
            tui.render(on: screen, theme: theme)
        }

        /// One key through the matcher and the action, then (normally) a frame.
        func press(_ key: Key, render: Bool = true) {
            tui.handle(key, matcher: &matcher)
            if render { tui.render(on: screen, theme: theme) }
        }

        func press(_ character: Character, render: Bool = true) { press(.character(character), render: render) }
    }
}
