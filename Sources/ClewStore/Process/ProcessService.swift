import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The process definition in force: export it, check an edited file, apply it (admins only).
///
/// `apply` validates the whole file — syntax, ``ProcessValidator``, and the users and pools it
/// names — before anything changes, refuses to remove a stage that still holds leads, and
/// writes the new version and its audit row in one transaction — with, when the receivable
/// reminder levels changed, every open instalment's next reminder day under the new levels.
public struct ProcessService: Sendable {
    let context: ClewContext
    let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// The latest applied definition, else ``ProcessDefinition/standard``.
    public func current() throws -> ProcessDefinition {
        try context.read { try Self.current($0) }
    }

    /// The definition in force as a commented TOML file.
    public func export() throws -> String { ProcessDefinitionTOML.encode(try current()) }

    /// Every problem with `text`, each `file:line: reason`; empty when it could be applied.
    public func check(text: String, file: String) throws -> [ConfigDiagnostic] {
        try context.read { db in try Self.diagnostics(db, text: text, file: file).1 }
    }

    /// Applies `text` as the next version and returns it.
    ///
    /// - Throws: ``ProcessError`` when the actor is not an admin, the file has problems, it was
    ///   exported from an older version, or it removes stages that still hold leads.
    @discardableResult
    public func apply(text: String, file: String) throws -> ProcessDefinition {
        try AccessPolicy.check(.administer, actor)
        return try context.mutate(as: actor) { m in
            let (definition, diagnostics) = try Self.diagnostics(m.db, text: text, file: file)
            guard var definition, diagnostics.isEmpty else { throw ProcessError.invalid(diagnostics) }
            let old = try Self.current(m.db)
            if definition.version != old.version { throw ProcessError.outdated(file: definition.version, current: old.version) }
            let kept = Set(definition.pipeline.stages.map(\.key))
            let removed = old.pipeline.stages.map(\.key).filter { !kept.contains($0) }
            // Only active leads are in a stage; won and lost ones merely record where they ended.
            if !removed.isEmpty {
                let marks = Array(repeating: "?", count: removed.count).joined(separator: ", ")
                let rows = try Row.fetchAll(m.db, sql: "SELECT number, stage FROM lead WHERE stage IN (\(marks)) AND status = 'active' ORDER BY number",
                                            arguments: StatementArguments(removed))
                if !rows.isEmpty {
                    let occupied = Set(rows.map { $0["stage"] as String })
                    throw ProcessError.stageHasLeads(stages: removed.filter(occupied.contains), leads: rows.map { $0["number"] })
                }
            }
            definition.version = old.version + 1
            try m.db.execute(sql: "INSERT INTO process_definition (version, text, applied_by, applied_at) VALUES (?, ?, ?, ?)",
                             arguments: [definition.version, text, actor.login, m.now.storage])
            try m.audit("apply-process", entity: "process", id: Int64(definition.version), field: "version",
                        old: String(old.version), new: String(definition.version))
            // New reminder levels (offsets, levels added or removed): the instalments still owed
            // get the day of their next level under them.
            if definition.receivableLevels != old.receivableLevels {
                let moved = try ReceivableReminders.reschedule(levels: definition.receivableLevels, calendar: context.calendar, m)
                try m.audit("reschedule-receivables", entity: "process", id: Int64(definition.version), field: "instalments", new: String(moved))
            }
            return definition
        }
    }

    // MARK: - Reading and checking

    static func current(_ db: Database) throws -> ProcessDefinition {
        guard let row = try Row.fetchOne(db, sql: "SELECT version, text FROM process_definition ORDER BY version DESC LIMIT 1") else {
            return .standard
        }
        let version: Int = row["version"]
        switch ProcessDefinitionTOML.decode(row["text"], file: "process v\(version)") {
        case var .success(definition):
            definition.version = version
            return definition
        case let .failure(failure):
            throw ProcessError.invalid(failure.diagnostics)
        }
    }

    /// The decoded definition (nil when it cannot be read) and every problem, including those
    /// only the database can see: users named must exist and be active, reps must be reps,
    /// teams must be supervisors'.
    static let takesLeads = "only a rep or supervisor can take leads"

    static func diagnostics(_ db: Database, text: String, file: String) throws -> (ProcessDefinition?, [ConfigDiagnostic]) {
        let definition: ProcessDefinition
        switch ProcessDefinitionTOML.decode(text, file: file) {
        case let .success(decoded): definition = decoded
        case let .failure(failure): return (nil, failure.diagnostics)
        }
        let lines = TOMLLineIndex(text)
        var problems: [ProcessProblem] = []
        func user(_ login: String, _ section: String, _ index: Int, _ key: String, as roles: Set<Role>, what: String) throws {
            guard let profile = try UserDirectory.profile(db, login: login) else {
                let hint = try UserDirectory.closestLogin(db, to: login).map { "; did you mean '\($0)'?" } ?? ""
                problems.append(ProcessProblem(section: section, index: index, key: key, message: "unknown user '\(login)'" + hint))
                return
            }
            if !profile.isActive {
                problems.append(ProcessProblem(section: section, index: index, key: key, message: "user '\(login)' is deactivated"))
            } else if !roles.contains(profile.role) {
                problems.append(ProcessProblem(section: section, index: index, key: key, message: "user '\(login)' has role \(profile.role); \(what)"))
            }
        }
        for (i, rule) in definition.assignment.enumerated() {
            switch rule.target {
            case let .rep(login): try user(login, "assignment", i, "to", as: [.rep, .supervisor], what: Self.takesLeads)
            case let .team(login): try user(login, "assignment", i, "to", as: [.supervisor], what: "a team is named by its supervisor's login")
            case .pool: break
            }
        }
        for (i, pool) in definition.pools.enumerated() {
            for member in pool.members { try user(member, "pool", i, "members", as: [.rep, .supervisor], what: Self.takesLeads) }
            if let login = pool.defaultAssignee { try user(login, "pool", i, "default_assignee", as: [.rep, .supervisor], what: Self.takesLeads) }
        }
        let diagnostics = problems.map {
            ConfigDiagnostic(file: file, line: lines.line(section: $0.section, index: $0.index, key: $0.key), token: $0.key ?? "", message: $0.message)
        }
        // In line order, like the decoder's, whatever order the file puts its tables in.
        return (definition, diagnostics.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element))
    }
}
