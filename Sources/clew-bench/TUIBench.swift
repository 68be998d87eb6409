import ClewDomain
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
        for (label, actor) in [("rep", bench.rep), ("supervisor", bench.supervisor)] {
            try measure("first board frame · \(label)", detail: "AppModel start (board, inbox, screening) + layout + draw at 160×48",
                        target: .firstFrame) {
                let frame = Frame(services: ClewServices(context: bench.context, actor: actor))
                try frame.app.start()
                frame.render()
            }
        }
        let rep = Frame(services: ClewServices(context: bench.context, actor: bench.rep))
        try rep.app.start()
        rep.render()
        var down = true
        try measure("key → frame: j/k on the board · rep", detail: "move the focus one card and redraw", target: .keyToFrame) {
            rep.app.perform(down ? "move-down" : "move-up")
            down.toggle()
            rep.render()
        }
        let supervisor = Frame(services: ClewServices(context: bench.context, actor: bench.supervisor))
        try supervisor.app.start()
        supervisor.render()
        var right = true
        try measure("key → frame: h/l across columns · supervisor", detail: "focus the next column (loads its visible cards) and redraw",
                    target: .keyToFrame) {
            supervisor.app.perform(right ? "move-right" : "move-left")
            right.toggle()
            supervisor.render()
        }
        var screeningTab = true
        try measure("key → frame: 1/3 switch board ↔ screening · supervisor", detail: "switch tabs and redraw (lists stay loaded)",
                    target: .keyToFrame) {
            supervisor.app.perform(screeningTab ? "show-screening" : "show-board")
            screeningTab.toggle()
            supervisor.render()
        }
        try measure("key → frame: Enter opens the detail · rep", detail: "load the lead, its timeline, tasks, stages; redraw",
                    target: .keyToFrame) {
            rep.app.closeDetail()
            rep.app.perform("open")
            rep.render()
        }
        rep.app.closeDetail()
        rep.app.perform("show-inbox")
        rep.render()
        try measure("key → frame: j/k in the inbox · rep", detail: "move the cursor and redraw", target: .keyToFrame) {
            rep.app.perform(down ? "move-down" : "move-up")
            down.toggle()
            rep.render()
        }
        return results
    }

    /// Peak memory of a process that only runs the TUI's work on an existing database: open it,
    /// draw the first frame as the rep, then 200 keys. Run as a child (`--tui-probe`) so seeding
    /// does not count.
    static func probe(database: String, osLogin: String) throws -> Double {
        let context = ClewContext(database: try ClewDatabase(path: database))
        let actor = try UserDirectory(context: context).actingUser(osLogin: osLogin, actAs: SeedGenerator.demoRep)
        let frame = Frame(services: ClewServices(context: context, actor: actor))
        try frame.app.start()
        frame.render()
        for step in 0..<200 {
            frame.app.perform(["move-down", "move-right", "open", "back", "move-up", "move-left"][step % 6])
            frame.render()
        }
        return BenchReport.megabytes(ProcessMemory.peakResidentBytes())
    }

    /// One interface instance drawing into memory.
    final class Frame {
        let app: AppModel
        let screen = MemoryScreen(size: TUIBench.size)
        let theme = BuiltinTheme.default.theme
        let keymap = Keymap.default

        init(services: ClewServices) { app = AppModel(services: services, language: .en) }

        func render() {
            try? AppView.updateViewports(app, size: screen.size)
            let context = KeyContext(rawValue: app.keyContextName) ?? .generic
            let bar = keymap.barItems(for: context).map { ($0.keys, $0.action.name) }
            AppView(bar: bar, help: []).draw(app, on: screen) { [theme] in theme.attributes(named: $0) }
        }
    }
}
