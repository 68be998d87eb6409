import Testing
@testable import ClewViewModel

@Suite("Keymap lookup")
struct KeymapTests {
    private func keys(_ text: String) throws -> KeySequence { try KeyNotation.parse(text) }

    private func load(_ text: String) -> Keymap {
        let (keymap, diagnostics) = KeymapLoader.load(text: text, file: "keymap.conf")
        #expect(diagnostics.isEmpty)
        return keymap
    }

    @Test func contextThenGeneric() throws {
        let keymap = Keymap()
        #expect(keymap.match(try keys("q"), in: .board).actionName == "ask-quit")  // q asks first on the board (issue 10)
        #expect(keymap.match(try keys("q"), in: .detail).actionName == "back")
        #expect(keymap.match(try keys("j"), in: .board).actionName == "move-down")
        #expect(keymap.match(try keys("r"), in: .screening).actionName == "grade")
    }

    @Test func textEntryContextsDoNotInheritGeneric() throws {
        let keymap = Keymap()
        #expect(keymap.match(try keys("q"), in: .form) == .unbound)
        #expect(keymap.match(try keys("j"), in: .prompt) == .unbound)
        #expect(keymap.match(try keys("<Enter>"), in: .form).actionName == "submit")
        #expect(keymap.match(try keys("<Down>"), in: .search).actionName == "move-down")
    }

    @Test func userBindingsOverrideDefaultsAndFallBackToThem() throws {
        let keymap = load("""
        bind board j move-up
        bind generic x refresh
        """)
        #expect(keymap.match(try keys("j"), in: .board).actionName == "move-up")
        #expect(keymap.match(try keys("j"), in: .detail).actionName == "move-down")
        #expect(keymap.match(try keys("x"), in: .board).actionName == "refresh")
        #expect(keymap.match(try keys("x"), in: .inbox).actionName == "complete")
        #expect(keymap.match(try keys("k"), in: .board).actionName == "move-up")
    }

    @Test func unbindFallsThroughToGeneric() throws {
        let keymap = load("""
        unbind board q
        unbind generic Q
        """)
        #expect(keymap.match(try keys("q"), in: .board).actionName == "back")
        #expect(keymap.match(try keys("Q"), in: .board) == .unbound)
        #expect(keymap.keys(for: "quit", in: .board) == [[.control("c")]])
    }

    @Test func sequencesArePendingThenMatched() throws {
        var matcher = KeySequenceMatcher(keymap: Keymap())
        #expect(matcher.feed(.character("g"), in: .board) == .pending)
        #expect(matcher.pendingKeys == [.character("g")])
        #expect(matcher.feed(.character("g"), in: .board).actionName == "first")
        #expect(matcher.pendingKeys.isEmpty)
        #expect(matcher.feed(.character("g"), in: .board) == .pending)
        #expect(matcher.feed(.character("x"), in: .board) == .unbound)
        #expect(matcher.feed(.character("j"), in: .board).actionName == "move-down")
    }

    @Test func changingContextDropsPendingKeys() {
        var matcher = KeySequenceMatcher(keymap: Keymap())
        #expect(matcher.feed(.character("g"), in: .board) == .pending)
        #expect(matcher.feed(.character("g"), in: .form) == .unbound)
        #expect(matcher.feed(.character("g"), in: .detail) == .pending)
        matcher.reset()
        #expect(matcher.feed(.character("g"), in: .detail) == .pending)
    }

    @Test func contextBindingShadowsConflictingGenericSequence() throws {
        let keymap = load("bind board g grade")
        #expect(keymap.match(try keys("g"), in: .board).actionName == "grade")
        #expect(keymap.match(try keys("gg"), in: .board) == .unbound)
        #expect(keymap.match(try keys("g"), in: .detail) == .pending)
    }

    @Test func userBindingReplacesConflictingDefaultInTheSameContext() throws {
        let keymap = load("bind generic g first")
        #expect(keymap.match(try keys("g"), in: .inbox).actionName == "first")
        #expect(keymap.keys(for: "first", in: .generic) == [[.home], [.character("g")]])
    }

    @Test func keysForActionDriveTests() throws {
        let keymap = Keymap()
        #expect(keymap.keys(for: "move-down", in: .board) == [[.character("j")], [.down]])
        #expect(keymap.keys(for: "first", in: .board) == [try keys("gg"), [.home]])
        #expect(keymap.keys(for: "grade", in: .inbox).isEmpty)
        #expect(keymap.keys(for: "move-back", in: .board) == [[.character("<")]])
    }

    @Test func defaultsHaveNoConflictsOrShadowedBindings() {
        let keymap = Keymap()
        for context in KeyContext.allCases {
            let own = keymap.bindings(in: context)
            for (i, a) in own.enumerated() {
                for b in own[(i + 1)...] {
                    #expect(a.keys != b.keys && !Keymap.conflict(a.keys, b.keys), "\(context): \(a) vs \(b)")
                }
            }
            for binding in own {
                #expect(keymap.match(binding.keys, in: context).actionName == binding.action, "\(context): \(binding)")
                #expect(ActionRegistry.action(named: binding.action)?.applies(in: context) == true, "\(binding)")
            }
            let generic = keymap.bindings(in: .generic)
            if context.inheritsGeneric {
                let shadowed = generic.filter { g in own.contains { Keymap.conflict($0.keys, g.keys) } }
                #expect(shadowed.isEmpty, "\(context) hides \(shadowed)")
            }
        }
    }

    @Test func everyActionIsReachableByAKey() {
        let keymap = Keymap()
        for action in ActionRegistry.all where !ActionRegistry.commandLineOnly.contains(action.name) {
            let reachable = KeyContext.allCases.contains { !keymap.keys(for: action.name, in: $0).isEmpty }
            #expect(reachable, "\(action.name) has no key")
        }
    }

    @Test func registryNamesAreUniqueKebabCaseWithBothDescriptions() {
        let names = ActionRegistry.all.map(\.name)
        #expect(Set(names).count == names.count)
        for action in ActionRegistry.all {
            #expect(action.name.allSatisfy { $0.isLowercase || $0 == "-" }, "\(action.name)")
            #expect(!action.description.isEmpty && !action.chineseDescription.isEmpty)
            #expect(!action.contexts.isEmpty)
        }
        #expect(names.count == 72)  // record-payment, record-invoice, find-customer (issue 14); + ask-quit, suspend, skip-stage, show-pools … show-tickets (issue 10); the dashboard's four (issue 13); mark-group-read (issue 16); convert, tag (issue 17)
    }

    @Test func barShowsContextActionsFirst() {
        let bar = Keymap().barItems(for: .board)
        #expect(bar.prefix(5).map(\.action.name) == ["move-forward", "new-lead", "log-follow-up", "grade", "assign"])
        #expect(bar.first?.keys == ">")
        #expect(bar.contains { $0.keys == "Enter" && $0.action.name == "open" })
        #expect(bar.allSatisfy { $0.action.shownInBar })
        #expect(!bar.contains { $0.action.name == "approve" })
        #expect(Keymap().barItems(for: .form).map(\.keys) == ["Tab", "Enter", "Esc"])
    }

    @Test func barFollowsTheUsersKeys() {
        let keymap = load("""
        unbind board n
        bind board N new-lead
        """)
        #expect(keymap.barItems(for: .board).first { $0.action.name == "new-lead" }?.keys == "N")
    }

    @Test func helpIsGeneratedFromTheLiveKeymap() throws {
        let keymap = load("bind detail <C-g> grade -- \"Give a grade\"")
        let sections = keymap.helpSections(for: .detail)
        #expect(sections.map(\.title) == ["Lead detail", "General"])
        let grade = try #require(sections[0].entries.first { $0.action.name == "grade" })
        #expect(grade.keys == ["r", "^G"])
        #expect(grade.help == "Grade the lead (rate A, B or C)")
        let down = try #require(sections[1].entries.first { $0.action.name == "move-down" })
        #expect(down.keys == ["j", "↓"])
        #expect(down.help == "Move down")
        #expect(down.action.chineseDescription == "下移")
        #expect(Keymap().helpSections(for: .form).map(\.title) == ["Forms"])
        let search = Keymap().helpSections(for: .search)
        #expect(search.map(\.title) == ["Search"])
        #expect(search.first?.entries.first?.action.name == "move-up")
        #expect(Keymap().helpSections(for: .generic).map(\.title) == ["General"])
    }

    /// Screens to come have their number keys and contexts already (issue 10): 4–8 are bound
    /// everywhere, and pressing one says the screen is not built yet instead of doing nothing.
    @Test func numberKeysForScreensToCome() throws {
        let keymap = Keymap()
        let expected = ["4": "show-pools", "5": "show-dashboard", "6": "show-customers", "7": "show-receivables", "8": "show-tickets"]
        for (key, action) in expected {
            #expect(keymap.match(try keys(key), in: .board).actionName == action)
            #expect(keymap.match(try keys(key), in: .inbox).actionName == action)
            #expect(ActionRegistry.action(named: action) != nil)
        }
        for context in KeyContext.upcomingScreens {
            #expect(keymap.match(try keys("q"), in: context).actionName == "ask-quit", "\(context)")
            #expect(keymap.match(try keys("j"), in: context).actionName == "move-down", "\(context) inherits generic")
        }
    }
}
