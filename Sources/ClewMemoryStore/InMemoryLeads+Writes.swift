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
        var parts = state.state.scoreParts[old.id]
        var previous = state.state.previousLeadIDs[old.id]
        for value in side {
            switch value {
            case let .scoreParts(stored): parts = stored
            case let .previousLead(id): previous = id
            }
        }
        let sideChanged = parts != state.state.scoreParts[old.id] || previous != state.state.previousLeadIDs[old.id]
        if proposed == old, !sideChanged { return old }
        var new = proposed
        new.version = current.version + 1
        new.updatedBy = actor.login
        new.updatedAt = transaction.now
        if new.status != old.status { new.statusChangedAt = transaction.now }
        let audits = zip(old.auditedFields, new.auditedFields).compactMap { was, now in
            was.text == now.text ? nil : (field: was.name, old: was.text, new: now.text)
        }
        let edited = Set(audits.map(\.field)).subtracting(LeadFieldNames.derived)
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
        var kept = new
        kept.capturedAt = current.capturedAt
        kept.mergedInto = current.mergedInto
        kept.previousLead = previous.flatMap { state.state.leads[$0]?.number }
        state.state.leads[old.id] = kept
        state.state.leadIDs[new.number] = new.id
        state.state.scoreParts[old.id] = parts
        state.state.previousLeadIDs[old.id] = previous
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
        for value in side {
            switch value {
            case let .scoreParts(parts): state.state.scoreParts[stored.id] = parts
            case let .previousLead(id):
                state.state.previousLeadIDs[stored.id] = id
                stored.previousLead = id.flatMap { state.state.leads[$0]?.number }
                state.state.leads[stored.id] = stored
            }
        }
        transaction.audit("create", entity: "lead", id: stored.id, field: "number", new: stored.number.description, version: 1)
        if let capturedAt = lead.capturedAt {
            transaction.audit("create", entity: "lead", id: stored.id, field: "captured_at", new: StoreError.timestamp(capturedAt))
        }
        return stored
    }

    func record(_ fact: LeadChange, field: String, value: String?, onLead id: Int64, atVersion version: Int?) throws {
        transaction.audit(fact.rawValue, entity: "lead", id: id, field: field, new: value, version: version)
    }

    func customerOfLatestOpportunity(ofLead id: Int64) throws -> Int64? {
        state.state.opportunityCustomers[id]
    }
}
