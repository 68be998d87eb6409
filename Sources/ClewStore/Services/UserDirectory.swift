import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Users: who is who, who acts, and the team rules. Managing users is for admins.
public struct UserDirectory: Sendable {
    let context: ClewContext

    public init(context: ClewContext) { self.context = context }

    // MARK: - Identity

    /// The user a command runs as: the OS user, or with `--as LOGIN` (admins only) that user.
    ///
    /// - Throws: ``IdentityError/notAUser(_:)`` for an OS user unknown to Clew or deactivated,
    ///   ``PermissionError/impersonationRefused(login:)`` for `--as` by a non-admin.
    public func actingUser(osLogin: String, actAs: String? = nil) throws -> ActingUser {
        try context.read { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM user") ?? 0 > 0 else { throw StoreError.notInitialized }
            guard let me = try Self.profile(db, login: osLogin), me.isActive else { throw IdentityError.notAUser(osLogin) }
            guard let target = actAs, target != osLogin else {
                return ActingUser(profile: me, team: try Self.team(db, of: me.login), poolMemberships: poolMemberships(of: me))
            }
            guard me.role == .admin else { throw PermissionError.impersonationRefused(login: osLogin) }
            guard let other = try Self.profile(db, login: target) else {
                throw IdentityError.unknownUser(target, suggestion: try Self.closestLogin(db, to: target))
            }
            return ActingUser(profile: other, team: try Self.team(db, of: other.login), impersonator: osLogin,
                              poolMemberships: poolMemberships(of: other))
        }
    }

    /// The process pools `user` belongs to: listed as a member, or covering one of their regions
    /// or industries.
    func poolMemberships(of user: UserProfile) -> Set<String> {
        Set(context.process.pools.filter { $0.includes(user) }.map(\.name))
    }

    // MARK: - Reading

    /// One user.
    public func user(_ login: String) throws -> UserProfile? {
        try context.read { try Self.profile($0, login: login) }
    }

    /// All users, active first, then by login.
    public func list(includeInactive: Bool = true) throws -> [UserSummary] {
        try context.read { db in
            let sql = """
                SELECT \(UserProfile.selection), coalesce(w.open_leads, 0) AS workload
                FROM user LEFT JOIN \(BoardTally.openLeadsByOwner) w ON w.owner = user.login
                \(includeInactive ? "" : "WHERE active = 1") ORDER BY active DESC, login
                """
            return try Row.fetchAll(db, sql: sql).map { UserSummary(profile: try UserProfile(row: $0), openLeads: $0["workload"]) }
        }
    }

    // MARK: - Changing

    /// Adds a user (admins only). The supervisor must exist; the login must be a valid OS login.
    public func add(_ profile: UserProfile, by actor: ActingUser) throws {
        try AccessPolicy.check(.manageUsers, actor)
        guard UserProfile.isValidLogin(profile.login) else { throw IdentityError.invalidLogin(profile.login) }
        try context.mutate(as: actor) { m in try Self.insert(profile, m) }
    }

    /// Marks `login` away until `date` (nil clears it): never assigned or suggested meanwhile.
    /// Admins, the user's supervisor, and the user themself may do this.
    public func setAway(_ login: String, until date: Date?, by actor: ActingUser) throws {
        try context.mutate(as: actor) { m in
            guard let user = try Self.profile(m.db, login: login) else { throw IdentityError.unknownUser(login, suggestion: nil) }
            guard actor.role == .admin || actor.login == login || user.supervisor == actor.login else {
                throw PermissionError.lacks(.manageUsers, login: actor.login, role: actor.role)
            }
            try m.change(.user, .login(login), ["away_until": date?.storage, "updated_at": m.now.storage], action: "away",
                         silent: ["updated_at"])
        }
    }

    /// Deactivates `login`, handing their open leads, open tasks, pending approvals and direct
    /// reports to `successor`. History stays with the departed user's name on it.
    ///
    /// - Returns: how many leads and tasks moved.
    @discardableResult
    public func deactivate(_ login: String, handoverTo successor: String, by actor: ActingUser) throws -> Handover {
        try AccessPolicy.check(.manageUsers, actor)
        guard login != successor else { throw UserDirectoryError.handoverToSelf(login: login) }
        return try context.mutate(as: actor) { m in
            guard let user = try Self.profile(m.db, login: login) else {
                throw IdentityError.unknownUser(login, suggestion: try Self.closestLogin(m.db, to: login))
            }
            guard user.isActive else { throw UserDirectoryError.alreadyDeactivated(login: login) }
            guard let heir = try Self.profile(m.db, login: successor), heir.isActive else {
                throw IdentityError.unknownUser(successor, suggestion: try Self.closestLogin(m.db, to: successor))
            }
            if user.role == .admin,
               try Int.fetchOne(m.db, sql: "SELECT count(*) FROM user WHERE role = 'admin' AND active = 1") ?? 0 <= 1 {
                throw UserDirectoryError.lastAdmin(login: login)
            }
            let openLeads = try Int.fetchOne(m.db, sql: "SELECT count(*) FROM lead WHERE owner = ? AND status IN ('assigned','active')", arguments: [login]) ?? 0
            if openLeads > 0 && ![Role.rep, .supervisor, .admin].contains(heir.role) {
                throw UserDirectoryError.successorCannotOwnLeads(successor: successor, role: heir.role, login: login, openLeads: openLeads)
            }
            var handover = Handover()
            let leadRows = try Row.fetchAll(m.db, sql: "SELECT \(Lead.selection) FROM lead WHERE owner = ? AND status IN ('assigned','active')", arguments: [login])
            for row in leadRows {
                let lead = try Lead(row: row)
                var moved = lead
                moved.owner = successor
                try m.update(lead, to: moved, action: .handover)
                handover.leads += 1
            }
            let taskIDs = try Int64.fetchAll(m.db, sql: "SELECT id FROM task WHERE assignee = ? AND status = 'open'", arguments: [login])
            for id in taskIDs {
                try m.change(.task, .id(id), ["assignee": successor], action: "handover")
            }
            handover.tasks = taskIDs.count
            let approvalIDs = try Int64.fetchAll(m.db, sql: "SELECT id FROM approval WHERE approver = ? AND status = 'pending'", arguments: [login])
            for id in approvalIDs {
                try m.change(.approval, .id(id), ["approver": successor], action: "handover")
            }
            handover.approvals = approvalIDs.count
            let reports = try String.fetchAll(m.db, sql: "SELECT login FROM user WHERE supervisor = ?", arguments: [login])
            for report in reports where report != successor {
                try m.change(.user, .login(report), ["supervisor": successor, "updated_at": m.now.storage], action: "handover",
                             silent: ["updated_at"])
            }
            handover.reports = reports.count
            try m.change(.user, .login(login), ["active": false, "updated_at": m.now.storage], action: "deactivate", silent: ["updated_at"])
            try m.notify(successor, kind: "handover", leadID: nil,
                         body: "\(handover.leads) leads and \(handover.tasks) tasks handed over from \(login)",
                         parameters: ["\(handover.leads)", "\(handover.tasks)", login])
            return handover
        }
    }

    // MARK: - Shared queries

    static func insert(_ profile: UserProfile, _ m: Mutation) throws {
        if try Self.profile(m.db, login: profile.login) != nil { throw UserDirectoryError.exists(login: profile.login) }
        if let supervisor = profile.supervisor, try Self.profile(m.db, login: supervisor) == nil {
            throw IdentityError.unknownUser(supervisor, suggestion: try closestLogin(m.db, to: supervisor))
        }
        try m.insert(into: .user, [
            "login": profile.login, "name": profile.name, "role": profile.role.rawValue, "supervisor": profile.supervisor,
            "regions": JSONList.encode(profile.regions), "industries": JSONList.encode(profile.industries), "capacity": profile.capacity,
            "active": profile.isActive, "away_until": profile.awayUntil?.storage, "created_at": m.now.storage, "updated_at": m.now.storage,
        ], summary: ("login", profile.login))
    }

    static func profile(_ db: Database, login: String) throws -> UserProfile? {
        try Row.fetchOne(db, sql: "SELECT \(UserProfile.selection) FROM user WHERE login = ?", arguments: [login])
            .map(UserProfile.init(row:))
    }

    /// Everyone who reports to `login`, directly or through others.
    static func team(_ db: Database, of login: String) throws -> Set<String> {
        let sql = """
            WITH RECURSIVE team(login) AS (
              SELECT login FROM user WHERE supervisor = ?
              UNION SELECT user.login FROM user JOIN team ON user.supervisor = team.login
            ) SELECT login FROM team
            """
        return Set(try String.fetchAll(db, sql: sql, arguments: [login]))
    }

    static func closestLogin(_ db: Database, to login: String) throws -> String? {
        Suggestion.closest(to: login, in: try String.fetchAll(db, sql: "SELECT login FROM user"))
    }

    /// Resolves a login a user typed, with "did you mean" for typos.
    static func requireActive(_ db: Database, login: String) throws -> UserProfile {
        guard let user = try profile(db, login: login) else {
            throw IdentityError.unknownUser(login, suggestion: try closestLogin(db, to: login))
        }
        guard user.isActive else { throw UserDirectoryError.deactivated(login: login) }
        return user
    }
}

/// A user with their current workload.
public struct UserSummary: Hashable, Sendable {
    public var profile: UserProfile
    /// Assigned and active leads they own.
    public var openLeads: Int
}

/// What a deactivation handed over.
public struct Handover: Hashable, Sendable {
    public var leads = 0
    public var tasks = 0
    public var approvals = 0
    public var reports = 0
}
