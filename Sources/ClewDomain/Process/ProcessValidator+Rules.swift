extension ProcessValidator {
    static func poolProblems(_ pools: [PoolDefinition]) -> [ProcessProblem] {
        var problems: [ProcessProblem] = []
        let names = pools.map(\.name)
        var seen = Set<String>()
        for (i, pool) in pools.enumerated() {
            if !seen.insert(pool.name).inserted {
                problems.append(ProcessProblem(section: "pool", index: i, key: "name", message: "duplicate pool '\(pool.name)'"))
            }
            if pool.values.isEmpty {
                problems.append(ProcessProblem(section: "pool", index: i, message: "pool '\(pool.name)' lists no \(pool.scope == .region ? "regions" : "industries")"))
            }
            if pool.recycleDays <= 0 {
                problems.append(ProcessProblem(section: "pool", index: i, key: "recycle_days", message: "pool '\(pool.name)' recycle_days must be positive"))
            }
            if pool.dailyClaimLimit <= 0 {
                problems.append(ProcessProblem(section: "pool", index: i, key: "daily_claim_limit", message: "pool '\(pool.name)' daily_claim_limit must be positive"))
            }
            if let next = pool.overflow, !names.contains(next) {
                problems.append(ProcessProblem(section: "pool", index: i, key: "overflow",
                                               message: "pool '\(pool.name)' overflows to unknown pool '\(next)'" + Suggestion.hint(for: next, in: names)))
            }
        }
        // Overflow cycles: follow each chain; report a cycle once, at its first pool in file order.
        var reported = Set<String>()
        for (i, pool) in pools.enumerated() where !reported.contains(pool.name) {
            var chain = [pool.name]
            var current = pool
            while let next = current.overflow, let nextPool = pools.first(where: { $0.name == next }) {
                if next == pool.name {
                    reported.formUnion(chain)
                    problems.append(ProcessProblem(section: "pool", index: i, key: "overflow",
                                                   message: "pool overflow is cyclic: \((chain + [next]).joined(separator: " → "))"))
                    break
                }
                if chain.contains(next) { break }
                chain.append(next)
                current = nextPool
            }
        }
        return problems
    }

    static func cadenceProblems(_ cadences: [CadenceDefinition]) -> [ProcessProblem] {
        var problems: [ProcessProblem] = []
        var grades = Set<Grade>()
        var stepIndex = 0
        for (i, cadence) in cadences.enumerated() {
            if !grades.insert(cadence.grade).inserted {
                problems.append(ProcessProblem(section: "cadence", index: i, key: "grade", message: "duplicate cadence for grade \(cadence.grade)"))
            }
            var keys = Set<String>()
            for step in cadence.steps {
                defer { stepIndex += 1 }
                if !keys.insert(step.key).inserted {
                    problems.append(ProcessProblem(section: "cadence.step", index: stepIndex, key: "key",
                                                   message: "duplicate step '\(step.key)' in the grade \(cadence.grade) cadence"))
                }
                if step.within.amount <= 0 || (step.every?.amount ?? 1) <= 0 {
                    problems.append(ProcessProblem(section: "cadence.step", index: stepIndex, key: "within", message: "step '\(step.key)' durations must be positive"))
                }
            }
        }
        return problems
    }

    static func slaProblems(_ sla: SLAPolicy) -> [ProcessProblem] {
        var problems: [ProcessProblem] = []
        let all: [(String, ProcessDuration)] = [("confirm_within", sla.confirmWithin), ("escalate_unconfirmed_after", sla.escalateUnconfirmedAfter),
                                                ("first_follow_up_within", sla.firstFollowUpWithin), ("remind_before", sla.remindBefore)]
        for (key, duration) in all where duration.amount <= 0 {
            problems.append(ProcessProblem(section: "sla", key: key, message: "\(key) must be positive"))
        }
        if let first = approximateHours(sla.confirmWithin), let then = approximateHours(sla.escalateUnconfirmedAfter), then <= first {
            problems.append(ProcessProblem(section: "sla", key: "escalate_unconfirmed_after",
                                           message: "escalate_unconfirmed_after (\(sla.escalateUnconfirmedAfter)) must be later than confirm_within (\(sla.confirmWithin))"))
        }
        return problems
    }

    /// Hours for comparing two durations (a working day counted as 9 working hours).
    static func approximateHours(_ duration: ProcessDuration) -> Int? {
        switch duration {
        case let .workingHours(n): n
        case let .workingDays(n): n * 9
        case let .hours(n): n
        case let .days(n): n * 24
        }
    }

    static func keywordProblems(_ tags: [KeywordTag]) -> [ProcessProblem] {
        var problems: [ProcessProblem] = []
        var seen = Set<String>()
        for (i, tag) in tags.enumerated() {
            if !seen.insert(tag.tag).inserted {
                problems.append(ProcessProblem(section: "keyword", index: i, key: "tag", message: "duplicate keyword tag '\(tag.tag)'"))
            }
            if tag.keywords.isEmpty || tag.keywords.contains(where: { $0.trimmed.isEmpty }) {
                problems.append(ProcessProblem(section: "keyword", index: i, key: "keywords", message: "tag '\(tag.tag)' needs non-empty keywords"))
            }
        }
        return problems
    }

    static func triggerProblems(_ definition: ProcessDefinition) -> [ProcessProblem] {
        var problems: [ProcessProblem] = []
        let stages = definition.pipeline.stages.map(\.key)
        func checkStage(_ stage: String, _ i: Int, _ key: String, _ rule: TriggerRule) {
            guard !stages.contains(stage) else { return }
            problems.append(ProcessProblem(section: "trigger", index: i, key: key,
                                           message: "unknown stage '\(stage)' in trigger '\(rule.name)'" + Suggestion.hint(for: stage, in: stages)))
        }
        var names = Set<String>()
        for (i, rule) in definition.triggers.enumerated() {
            if !names.insert(rule.name).inserted {
                problems.append(ProcessProblem(section: "trigger", index: i, key: "name", message: "duplicate trigger '\(rule.name)'"))
            }
            switch rule.event {
            case let .stageEntered(stage), let .stageLeft(stage): checkStage(stage, i, "on", rule)
            default: break
            }
            if rule.actions.isEmpty { problems.append(ProcessProblem(section: "trigger", index: i, key: "actions", message: "trigger '\(rule.name)' has no actions")) }
            for case let .moveStage(stage) in rule.actions { checkStage(stage, i, "actions", rule) }
            let templates = definition.templates.map(\.name)
            for case let .emailCustomer(name) in rule.actions where !templates.contains(name) {
                problems.append(ProcessProblem(section: "trigger", index: i, key: "actions",
                                               message: "trigger '\(rule.name)' sends unknown template '\(name)'; define it in a [[template]]"
                                                   + Suggestion.hint(for: name, in: templates)))
            }
            if rule.taskDue.amount <= 0 {
                problems.append(ProcessProblem(section: "trigger", index: i, key: "due", message: "trigger '\(rule.name)' due must be positive"))
            }
            if rule.cc.contains(where: { $0.trimmed.isEmpty }) {
                problems.append(ProcessProblem(section: "trigger", index: i, key: "cc", message: "trigger '\(rule.name)' has an empty cc"))
            }
        }
        // Cycles: a trigger whose actions, through other triggers, set off itself again.
        for (i, rule) in definition.triggers.enumerated() {
            if let path = cycle(from: rule, in: definition.triggers), path.first == rule.name,
               definition.triggers[..<i].allSatisfy({ !path.contains($0.name) }) {
                let message = path.count == 1 ? "trigger '\(rule.name)' sets itself off again: its actions cause its own event"
                    : "triggers set each other off in a cycle: \((path + [rule.name]).joined(separator: " → "))"
                problems.append(ProcessProblem(section: "trigger", index: i, key: "actions", message: message))
            }
        }
        return problems
    }

    static func templateProblems(_ templates: [MessageTemplate]) -> [ProcessProblem] {
        var problems: [ProcessProblem] = []
        var seen = Set<String>()
        for (i, template) in templates.enumerated() {
            if !seen.insert(template.name).inserted {
                problems.append(ProcessProblem(section: "template", index: i, key: "name", message: "duplicate template '\(template.name)'"))
            }
            for (key, text) in [("subject_zh", template.zh.subject), ("body_zh", template.zh.body),
                                ("subject_en", template.en.subject), ("body_en", template.en.body)] where text.trimmed.isEmpty {
                problems.append(ProcessProblem(section: "template", index: i, key: key, message: "template '\(template.name)' needs \(key)"))
            }
            for name in template.unknownPlaceholders {
                problems.append(ProcessProblem(section: "template", index: i, message: "template '\(template.name)': unknown placeholder {\(name)}"
                                               + Suggestion.hint(for: name, in: MessageTemplate.placeholders)))
            }
        }
        return problems
    }

    /// The names along a chain of triggers leading back to `start`, if there is one.
    /// Whether `caused` (entering stage X by a move) may set off `listener` (leaving stage Y):
    /// the lead leaves whatever stage it was in, which may be any stage but X.
    static func leavesAStage(_ caused: TriggerEvent, _ listener: TriggerEvent) -> Bool {
        if case let .stageEntered(entered) = caused, case let .stageLeft(left) = listener { return entered != left }
        return false
    }

    static func cycle(from start: TriggerRule, in rules: [TriggerRule]) -> [String]? {
        var stack: [(rule: TriggerRule, path: [String])] = [(start, [start.name])]
        var visited = Set<String>()
        while let (rule, path) = stack.popLast() {
            for event in rule.causedEvents {
                // Moving a stage also leaves whichever stage the lead was in.
                for next in rules where next.event == event || Self.leavesAStage(event, next.event) {
                    if next.name == start.name { return path }
                    if visited.insert(next.name).inserted { stack.append((next, path + [next.name])) }
                }
            }
        }
        return nil
    }
}
