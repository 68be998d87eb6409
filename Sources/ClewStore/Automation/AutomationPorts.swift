import ClewDomain
import ClewServices
import Foundation
import GRDB

// What the automation layer reads and writes inside a change's transaction (a port: each takes
// the ``Mutation`` it was handed, never a database).

extension Mutation {
    /// ``update(_:to:action:mergedIntoID:also:)`` that also records the pool a lead came from
    /// (nil: none), so the pool's recycling timer can send it back.
    package func update(_ old: Lead, to proposed: Lead, action: LeadChange, homePool: String?) throws -> Lead {
        try update(old, to: proposed, action: action, also: ["home_pool": homePool])
    }
}

extension Recipients {
    /// The login(s) `who` names for `lead` (see ``resolve(_:for:_:)``).
    package static func resolve(_ who: String, for lead: Lead, _ m: Mutation) throws -> [String] {
        try resolve(who, for: lead, m.db)
    }

    /// The supervisor who answers for `lead` (see ``supervisor(of:_:)``).
    package static func supervisor(of lead: Lead, _ m: Mutation) throws -> String? {
        try supervisor(of: lead, m.db)
    }
}

extension Tasks {
    /// The lead's open cadence tasks, earliest due first, with the step each one is.
    package static func openCadenceTasks(leadID: Int64, _ m: Mutation) throws -> [(id: Int64, step: CadenceStepKey?)] {
        try Row.fetchAll(m.db, sql: """
            SELECT id, cadence FROM task WHERE lead_id = ? AND status = 'open' AND cadence IS NOT NULL ORDER BY due_at, id
            """, arguments: [leadID]).map { (id: $0["id"], step: CadenceStepKey(parsing: $0["cadence"])) }
    }

    /// The lead and cadence step of task `id`, when it was scheduled by a cadence.
    package static func cadenceStep(ofTask id: Int64, _ m: Mutation) throws -> (leadID: Int64, step: CadenceStepKey)? {
        guard let row = try Row.fetchOne(m.db, sql: "SELECT lead_id, cadence FROM task WHERE id = ?", arguments: [id]),
              let leadID: Int64 = row["lead_id"], let step = CadenceStepKey(parsing: row["cadence"]) else { return nil }
        return (leadID, step)
    }

    /// Marks task `id` overdue as of the change's time (audited).
    package static func markOverdue(_ id: Int64, _ m: Mutation) throws {
        try m.change(.task, .id(id), ["overdue_at": m.now.storage], action: "overdue")
    }
}

extension LeadLookup {
    /// The lead with row id `id`, whatever the actor may see.
    package static func fetch(id: Int64, _ m: Mutation) throws -> Lead? {
        try fetch(m.db, id: id)
    }
}

extension Workloads {
    /// Active reps with their open workload (see ``candidates(_:)``).
    package static func candidates(_ m: Mutation) throws -> [AssignmentSuggestion.Candidate] {
        try candidates(m.db)
    }
}

extension UserDirectory {
    /// Everyone who reports to `login`, directly or through others.
    package static func team(of login: String, _ m: Mutation) throws -> Set<String> {
        try team(m.db, of: login)
    }
}
