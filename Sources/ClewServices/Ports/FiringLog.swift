import ClewDomain
import Foundation

/// A rule's firing about to be logged: which rule, for whom, on which occurrence (a firing is
/// unique by rule, subject and occurrence, so each fires once).
public struct NewFiring: Hashable, Sendable {
    /// The rule's name (`pool.claim:华东`, `sla.first-contact`, a trigger's name).
    public var rule: String
    public var kind: FiringKind
    public var leadID: Int64?
    /// Whom or what it fired for (`user:wang.fang`, `lead:42`).
    public var subject: String
    /// Which occurrence (a time, a version): the same occurrence never fires twice.
    public var occurrence: String
    /// What it did (`claim`, `notify`, …).
    public var action: String

    /// A value with each of its fields given.
    public init(rule: String, kind: FiringKind, leadID: Int64?, subject: String, occurrence: String, action: String) {
        self.rule = rule
        self.kind = kind
        self.leadID = leadID
        self.subject = subject
        self.occurrence = occurrence
        self.action = action
    }
}

/// The log of every rule that fired (the rule review reads it; the claim limit counts it).
/// Exempt from the audit trail: it is itself a log, written once per firing.
public protocol FiringLog {
    /// Logs `firing` with what it did; false (and nothing written) when that occurrence
    /// already fired.
    @discardableResult
    func record(_ firing: NewFiring, outcome: FiringOutcome) throws -> Bool
    /// How many times `rule` fired for `subject` since `start` (inclusive).
    func count(rule: String, subject: String, since start: Date) throws -> Int
}

extension FiringLog {
    /// How many leads `login` claimed from `pool` since `start` (the daily claim limit's count).
    public func claims(from pool: String, by login: String, since start: Date) throws -> Int {
        try count(rule: PoolDefinition.claimRule(pool), subject: PoolDefinition.claimSubject(login), since: start)
    }
}
