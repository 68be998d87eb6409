import Foundation

/// The receivables section of the process file (`[receivable]`, `[[receivable.level]]`).
public struct ReceivablePolicy: Hashable, Sendable, Codable {
    /// The reminder levels, as the file orders them.
    public var levels: [ReceivableLevel]

    public init(levels: [ReceivableLevel]) { self.levels = levels }

    /// What is wrong with the levels of `definition` (names, templates, recipients).
    public static func problems(in definition: ProcessDefinition) -> [ProcessProblem] {
        guard let policy = definition.receivable else { return [] }
        var problems: [ProcessProblem] = []
        var names = Set<String>()
        let section = "receivable.level"
        for (i, level) in policy.levels.enumerated() {
            let validName = !level.name.isEmpty && level.name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
            if !validName {
                problems.append(ProcessProblem(section: section, index: i, key: "name", message: "level name '\(level.name)' must be lowercase letters, digits and '-'"))
            } else if !names.insert(level.name).inserted {
                problems.append(ProcessProblem(section: section, index: i, key: "name", message: "duplicate level name '\(level.name)'"))
            }
            if level.actions.isEmpty {
                problems.append(ProcessProblem(section: section, index: i, key: "actions", message: "level '\(level.name)' does nothing: give it actions"))
            }
            for action in level.actions {
                switch action {
                case let .emailCustomer(name), let .smsCustomer(name):
                    if definition.template(named: name) == nil {
                        problems.append(ProcessProblem(section: section, index: i, key: "actions", message: "no template '\(name)' for '\(action)'"))
                    }
                default: break
                }
            }
        }
        return problems
    }
}

extension ProcessDefinition {
    /// The receivable reminder levels in force: the file's, else ``ReceivableLevel/standard``.
    public var receivableLevels: [ReceivableLevel] { receivable?.levels ?? ReceivableLevel.standard }
}
