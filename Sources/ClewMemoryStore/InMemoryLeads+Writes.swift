import ClewDomain
import ClewServices
import Foundation

// The lead's writes in memory, as the SQLite store's `Mutation.update` makes them: only what
// changed, one audit row per changed audited field (one without a field when only silent values
// changed), the version bumped, the edit checked per field against the version it started from.

extension InMemoryLeads {
    func beginEdit(ofLead id: Int64, fromVersion version: Int) throws {
        _ = transaction.writer()
        state.baseVersions[id] = version
    }

    func update(_ old: Lead, to proposed: Lead, as change: LeadChange, storing side: [LeadSideValue]) throws -> Lead {
        let actor = transaction.writer()
        guard let current = state.state.leads[old.id] else { throw StoreError.notFound("lead \(old.number) no longer exists") }
        let stored = StoredSideValues(of: old.id, in: state.state)
        var kept = stored
        kept.apply(side)
        if proposed == old, kept == stored { return old }
        var new = proposed
        new.version = current.version + 1
        new.updatedBy = actor.login
        new.updatedAt = transaction.now
        if new.status != old.status { new.statusChangedAt = transaction.now }
        var audits = zip(old.auditedFields, new.auditedFields).compactMap { was, now in
            was.text == now.text ? nil : (field: was.name, old: was.text, new: now.text)
        }
        if let survivor = kept.mergedInto {
            // Where the SQLite table keeps `merged_into`: after the lost reason.
            let earlier = Set(old.auditedFields.prefix { $0.name != "contact_language" }.map(\.name))
            let index = audits.lastIndex { earlier.contains($0.field) }.map { $0 + 1 } ?? 0
            audits.insert((field: "merged_into", old: nil, new: String(survivor)), at: index)
        }
        // The per-field check covers the lead's own fields, as the SQLite store's does.
        let edited = Set(audits.map(\.field)).subtracting(LeadFieldNames.derived)
        // Of the side values only the home pool and the conversion time are audited (the SQLite
        // store's `home_pool` and `converted_at`), after the lead's own fields.
        if kept.homePool != stored.homePool { audits.append((field: "home_pool", old: stored.homePool, new: kept.homePool)) }
        if kept.convertedAt != stored.convertedAt {
            audits.append((field: "converted_at", old: stored.convertedAt.map(StoreError.timestamp), new: kept.convertedAt.map(StoreError.timestamp)))
        }
        let base = state.baseVersions.removeValue(forKey: old.id) ?? old.version
        if base != current.version, !edited.isEmpty,
           let conflict = state.state.audit.last(where: { entry in
               entry.entity == "lead" && entry.entityID == old.id && entry.field.map(edited.contains) == true
                   && (state.state.auditVersions[entry.id] ?? 0) > base
           }) {
            throw StoreError.staleVersion(entity: old.number.description, changedBy: conflict.actor, at: conflict.at)
        }
        // What the SQLite store keeps in no column it updates here comes from what is stored:
        // the capture time, the lead merged into, the previous lead (by its id).
        var written = new
        written.capturedAt = current.capturedAt
        written.mergedInto = kept.mergedInto.flatMap { state.state.leads[$0]?.number } ?? current.mergedInto
        written.previousLead = kept.previousLead.flatMap { state.state.leads[$0]?.number }
        state.state.leads[old.id] = written
        state.state.leadIDs[new.number] = new.id
        kept.store(as: old.id, in: &state.state)
        for row in audits {
            transaction.audit(change.rawValue, entity: "lead", id: old.id, field: row.field, old: row.old, new: row.new, version: new.version)
        }
        if audits.isEmpty { transaction.audit(change.rawValue, entity: "lead", id: old.id, version: new.version) }
        return new
    }

    func firstLead(withContact key: ContactKey, excluding id: Int64?) throws -> Lead? {
        let matches = state.state.leads.values.filter { lead in
            guard lead.id != id else { return false }
            switch key {
            case let .phone(phone): return lead.phoneKey == phone
            case let .email(email): return lead.emailKey == email
            }
        }
        // Not merged first, then the oldest: the SQLite store's ORDER BY status = 'merged', id.
        return matches.min { a, b in (a.status == .merged ? 1 : 0, a.id) < (b.status == .merged ? 1 : 0, b.id) }
    }

    func events(ofLead id: Int64) throws -> [String] {
        state.state.leadEvents[id] ?? []
    }

    func recordEvent(_ event: String, onLead id: Int64) throws {
        _ = transaction.writer()
        state.state.leadEvents[id, default: []].append(event)
        transaction.audit(LeadChange.event.rawValue, entity: "lead", id: id, field: "event", new: event)
    }

    func addNote(_ body: String, kind: NoteKind, toLead id: Int64) throws -> Int64 {
        let actor = transaction.writer()
        state.state.lastNoteID += 1
        let note = NoteEntry(id: state.state.lastNoteID, author: actor.login, kind: kind.rawValue, body: body, createdAt: transaction.now)
        state.state.notes[id, default: []].append(note)
        return note.id
    }

    func nextNumber(on day: CalendarDay) throws -> LeadNumber {
        _ = transaction.writer()
        let next = (state.state.leadSequences[day] ?? 0) + 1
        state.state.leadSequences[day] = next
        return LeadNumber(day: day, sequence: next)
    }

    func insert(_ lead: Lead, storing side: [LeadSideValue]) throws -> Lead {
        _ = transaction.writer()
        // The SQLite store's UNIQUE(number), as the error it becomes.
        guard state.state.leadIDs[lead.number] == nil else { throw StoreError.storageFailed("lead number \(lead.number) is taken") }
        state.state.lastLeadID = max(state.state.lastLeadID, state.state.leads.keys.max() ?? 0) + 1
        var stored = lead
        stored.id = state.state.lastLeadID
        stored.version = 1
        state.state.leads[stored.id] = stored
        state.state.leadIDs[stored.number] = stored.id
        var values = StoredSideValues()
        values.apply(side)
        values.store(as: stored.id, in: &state.state)
        if let previous = values.previousLead {
            stored.previousLead = state.state.leads[previous]?.number
            state.state.leads[stored.id] = stored
        }
        transaction.audit("create", entity: "lead", id: stored.id, field: "number", new: stored.number.description, version: 1)
        if let capturedAt = lead.capturedAt {
            transaction.audit("create", entity: "lead", id: stored.id, field: "captured_at", new: StoreError.timestamp(capturedAt))
        }
        return stored
    }

    func record(_ fact: LeadChange, field: String, old: String?, value: String?, onLead id: Int64, atVersion version: Int?) throws {
        transaction.audit(fact.rawValue, entity: "lead", id: id, field: field, old: old, new: value, version: version)
    }

    func customerOfLatestOpportunity(ofLead id: Int64) throws -> Int64? {
        state.state.opportunityCustomers[id]
    }

    func assignment(ofLead id: Int64) throws -> LeadAssignment {
        LeadAssignment(assignedAt: state.state.assignedAt[id], homePool: state.state.homePools[id])
    }

    func lastActor(of change: LeadChange, onLead id: Int64) throws -> String? {
        state.state.audit.last { $0.entity == "lead" && $0.entityID == id && $0.action == change.rawValue }?.actor
    }

    func recordedValues(of change: LeadChange, onLead id: Int64) throws -> [String] {
        state.state.audit.filter { $0.entity == "lead" && $0.entityID == id && $0.action == change.rawValue }.compactMap(\.new)
    }

    func moveWork(ofLead source: Int64, toLead target: Int64) throws -> [(kind: String, count: Int)] {
        _ = transaction.writer()
        var moved: [(kind: String, count: Int)] = []
        let followUps = state.state.followUps.indices.filter { state.state.followUps[$0].leadID == source }
        for index in followUps { state.state.followUps[index].leadID = target }
        if !followUps.isEmpty { moved.append(("follow_up", followUps.count)) }
        let tasks = state.state.tasks.values.filter { $0.leadID == source }.map(\.id)
        for id in tasks { state.state.tasks[id]?.leadID = target }
        if !tasks.isEmpty { moved.append(("task", tasks.count)) }
        if let notes = state.state.notes.removeValue(forKey: source), !notes.isEmpty {
            state.state.notes[target, default: []].append(contentsOf: notes)
            moved.append(("note", notes.count))
        }
        return moved
    }

    func stageVisits(ofLead id: Int64) throws -> [StageVisit] {
        state.state.stageVisits[id] ?? []
    }

    func enterStage(_ stage: String, ofLead id: Int64, plannedExit: Date?) throws {
        _ = transaction.writer()
        state.state.stageVisits[id, default: []].append(StageVisit(stage: stage, enteredAt: transaction.now, plannedExitAt: plannedExit))
    }

    func leaveStage(ofLead id: Int64) throws {
        _ = transaction.writer()
        guard var visits = state.state.stageVisits[id] else { return }
        for index in visits.indices where visits[index].exitedAt == nil { visits[index].exitedAt = transaction.now }
        state.state.stageVisits[id] = visits
    }
}

/// The values kept with a lead outside ``ClewDomain/Lead`` (``ClewServices/LeadSideValue``), as
/// one value: read from the state, changed by an update's side values, stored back.
struct StoredSideValues: Equatable {
    var scoreParts: String?
    var previousLead: Int64?
    var assignedAt: Date?
    var homePool: String?
    var closedAt: Date?
    var convertedAt: Date?
    /// The survivor an update makes this lead a tombstone of (never stored apart: the lead's
    /// ``ClewDomain/Lead/mergedInto`` keeps it).
    var mergedInto: Int64?

    init() {}

    init(of id: Int64, in state: InMemoryStore.State) {
        scoreParts = state.scoreParts[id]
        previousLead = state.previousLeadIDs[id]
        assignedAt = state.assignedAt[id]
        homePool = state.homePools[id]
        closedAt = state.closedAt[id]
        convertedAt = state.convertedAt[id]
    }

    mutating func apply(_ side: [LeadSideValue]) {
        for value in side {
            switch value {
            case let .scoreParts(parts): scoreParts = parts
            case let .previousLead(id): previousLead = id
            case let .assignedAt(date): assignedAt = date
            case let .homePool(pool): homePool = pool
            case let .closedAt(date): closedAt = date
            case let .convertedAt(date): convertedAt = date
            case let .mergedInto(id): mergedInto = id
            }
        }
    }

    func store(as id: Int64, in state: inout InMemoryStore.State) {
        state.scoreParts[id] = scoreParts
        state.previousLeadIDs[id] = previousLead
        state.assignedAt[id] = assignedAt
        state.homePools[id] = homePool
        state.closedAt[id] = closedAt
        state.convertedAt[id] = convertedAt
    }
}
