import ClewDomain
import Foundation

/// The leads of a transaction. Lists take a ``ClewDomain/LeadCriteria`` — the one description
/// of "which leads", whose ``ClewDomain/LeadCriteria/matches(_:facts:)`` is the decision (with
/// the lead's open tasks and escalations as its facts, for the work flags) and which each store
/// translates into its query — and read only the page they are asked for.
public protocol LeadRepository {
    /// The lead numbered `number`, whoever may see it (the use case decides that).
    func lead(number: LeadNumber) throws -> Lead?
    /// Lead `id`.
    func lead(id: Int64) throws -> Lead?
    /// The leads assigned to `owner` and not yet confirmed, longest waiting first, at most `limit`.
    func awaitingConfirmation(owner: String, limit: Int) throws -> [Lead]

    /// How many leads `criteria` selects (a store may answer from its maintained tallies).
    func count(_ criteria: LeadCriteria) throws -> Int
    /// How many leads each of `criteria` selects, with their amounts, in one read (a store may
    /// answer from its maintained tallies when no filter narrows them).
    func totals(_ criteria: [LeadCriteria]) throws -> [LeadTotals]
    /// The leads `criteria` selects in `order`, from `offset`, at most `limit`.
    func page(_ criteria: LeadCriteria, order: LeadOrder, offset: Int, limit: Int) throws -> [Lead]
    /// The leads `criteria` selects, longest in their status first, as a few columns each
    /// (number, customer, grade, region, industry), for planning over a whole queue.
    func queueEntries(_ criteria: LeadCriteria, limit: Int) throws -> [ScreeningEntry]
    /// The score breakdowns stored with leads `ids` (what each rule added when last scored),
    /// for those that have one.
    func storedScoreParts(of ids: [Int64]) throws -> [Int64: String]

    /// How many pooled leads `criteria` selects in each pool (a lead with no pool counts in
    /// ``ClewDomain/PoolDefinition/general``); pools with none are left out.
    func pooledCounts(_ criteria: LeadCriteria) throws -> [String: Int]
    /// The pooled leads in `pool` that `criteria` selects, the most recently pooled first (then
    /// by id, descending), from `offset`, at most `limit`.
    func pooled(in pool: String, _ criteria: LeadCriteria, offset: Int, limit: Int) throws -> [Lead]
    /// `owner`'s open leads (assigned or active) that came from a pool — claimed, or routed to
    /// them from one —, the most recently assigned first, from `offset`, at most `limit`.
    func fromPools(owner: String, offset: Int, limit: Int) throws -> [Lead]
    /// How many leads ``fromPools(owner:offset:limit:)`` has in all.
    func fromPoolsCount(owner: String) throws -> Int

    // MARK: Writing (in a write transaction: each change versioned and audited in it)

    /// The next lead number of `day` (`XL-YYYYMMDD-NNN`): a per-day sequence bumped in this
    /// transaction, so two writers never get the same number and a rolled-back one leaves no gap.
    func nextNumber(on day: CalendarDay) throws -> LeadNumber
    /// Stores new lead `lead` (its id is the store's; its version 1) with `side`'s values, and
    /// its `create` audit row naming the number — with a second one naming the capture time
    /// when the lead has one.
    ///
    /// - Returns: the lead with its id.
    func insert(_ lead: Lead, storing side: [LeadSideValue]) throws -> Lead
    /// Records fact `fact` about lead `id` in its audit trail (field `field`, value `value`): what
    /// no column of the lead holds — a refused duplicate, the lead a registration follows, where
    /// merged details came from, a reason. `version` is the lead's version the fact goes with,
    /// when it explains an update (nil: none).
    /// `old` is what the fact replaced or where it came from, when that is worth keeping (the
    /// lead a merge moved records from).
    func record(_ fact: LeadChange, field: String, old: String?, value: String?, onLead id: Int64, atVersion version: Int?) throws
    /// When lead `id` was handed to its owner and the pool it returns to, as its last hand-over
    /// stored them (``LeadSideValue/assignedAt(_:)``, ``LeadSideValue/homePool(_:)``).
    func assignment(ofLead id: Int64) throws -> LeadAssignment
    /// Who made the latest change `change` to lead `id` (by its audit trail): whom an objection
    /// goes back to is whoever last assigned the lead.
    func lastActor(of change: LeadChange, onLead id: Int64) throws -> String?
    /// The values recorded with every fact `change` on lead `id` (``record(_:field:old:value:onLead:atVersion:)``),
    /// oldest first: the levels a mover approved entering the contract stage at, …
    func recordedValues(of change: LeadChange, onLead id: Int64) throws -> [String]
    /// Moves lead `source`'s follow-ups, tasks and notes to lead `target` (a merge keeps both
    /// histories on the survivor); returns how many of each moved, by kind (`follow_up`, `task`,
    /// `note`), leaving out kinds with none. The caller audits the move on the survivor.
    func moveWork(ofLead source: Int64, toLead target: Int64) throws -> [(kind: String, count: Int)]
    /// Lead `id`'s stays in stages, oldest first (planned against actual, seed 000).
    func stageVisits(ofLead id: Int64) throws -> [StageVisit]
    /// Opens lead `id`'s stay in `stage`, entered now by the actor and planned to end at
    /// `plannedExit`. A store keeping summaries of assignments (the SLA report) counts the first
    /// stage entered after a hand-over as its confirmation.
    func enterStage(_ stage: String, ofLead id: Int64, plannedExit: Date?) throws
    /// Ends lead `id`'s open stay in a stage, now (nothing when it is in none).
    func leaveStage(ofLead id: Int64) throws
    /// The customer of the latest opportunity of (won) lead `id`, if it has one: who a repeat
    /// purchase is for.
    func customerOfLatestOpportunity(ofLead id: Int64) throws -> Int64?

    /// Notes that this transaction's edit of lead `id` starts from `version`, the one the editor
    /// saw: the next ``update(_:to:as:storing:)`` of the lead then refuses only a change to a
    /// field that was changed after it (``StoreError/staleVersion(entity:changedBy:at:)``).
    func beginEdit(ofLead id: Int64, fromVersion version: Int) throws
    /// Writes `proposed` over `old` (the same lead, as read in this transaction) with `side`'s
    /// values: only what changed is written, one audit row per changed audited field (named as
    /// the store names its columns, `change` as the action), the version bumped, `updatedBy` and
    /// `updatedAt` set (and `statusChangedAt` when the status changes). Nothing is written when
    /// nothing changed; the lead is then returned as it was.
    ///
    /// Optimistic concurrency is per field: after ``beginEdit(ofLead:fromVersion:)`` the update
    /// is refused only when a field it changes (not a derived one: the score, the suggested
    /// grade, the flags) was changed after that version — a follow-up, a note or a task in
    /// between never makes it stale.
    ///
    /// - Returns: the lead as stored.
    /// - Throws: ``StoreError/staleVersion(entity:changedBy:at:)``, ``StoreError/notFound(_:)``.
    func update(_ old: Lead, to proposed: Lead, as change: LeadChange, storing side: [LeadSideValue]) throws -> Lead
    /// The lead whose normalised phone or email is `key`, other than lead `id`: one not merged
    /// first, then the oldest (a merged tombstone only when it is the only match).
    func firstLead(withContact key: ContactKey, excluding id: Int64?) throws -> Lead?
    /// The behaviour events recorded on lead `id` (`inbound_contact`, …), oldest first.
    func events(ofLead id: Int64) throws -> [String]
    /// Records behaviour event `event` on lead `id`, by the actor, now, with its audit row on
    /// the lead (`event`).
    func recordEvent(_ event: String, onLead id: Int64) throws
    /// Adds the actor's note `body` of `kind` to lead `id`; returns the note's id. The caller
    /// records in the same transaction the audit row that says what it is
    /// (``record(_:field:value:onLead:)``: ``LeadChange/note`` naming a free note, a merge's
    /// ``LeadChange/mergeDetails``, a reason).
    func addNote(_ body: String, kind: NoteKind, toLead id: Int64) throws -> Int64
}

extension LeadRepository {
    /// ``record(_:field:old:value:onLead:atVersion:)`` of a fact that goes with no update.
    public func record(_ fact: LeadChange, field: String, value: String?, onLead id: Int64) throws {
        try record(fact, field: field, old: nil, value: value, onLead: id, atVersion: nil)
    }

    /// ``record(_:field:old:value:onLead:atVersion:)`` of a fact that explains the update to `version`.
    public func record(_ fact: LeadChange, field: String, value: String?, onLead id: Int64, atVersion version: Int?) throws {
        try record(fact, field: field, old: nil, value: value, onLead: id, atVersion: version)
    }

    /// ``record(_:field:old:value:onLead:atVersion:)`` of a fact that came from `old` and goes with no update.
    public func record(_ fact: LeadChange, field: String, value: String?, onLead id: Int64, from old: String) throws {
        try record(fact, field: field, old: old, value: value, onLead: id, atVersion: nil)
    }
}
