import ClewDomain
import ClewServices
import Foundation
import Testing

/// What every store's lead writes must do, run on each engine: an update writes only what
/// changed, with one audit row per changed field named as the store names it and the version
/// bumped; an edit started from an older version conflicts only on the fields it changes; events
/// and notes are kept with their audit rows on the lead; the automation acts on the actor's
/// behalf. The use case on top (``LeadDetailsService``) leaves the same trail on both.
@Suite("Ports: lead writes")
struct LeadWriteConformanceTests {
    /// The audit rows about lead `id`, as (action, actor, field, old, new).
    static func trail(of id: Int64, _ s: StoreUnderTest) throws -> [[String?]] {
        try s.store.read { tx in
            try tx.history(of: "lead").filter { $0.entityID == id }.map { [$0.action, $0.actor, $0.field, $0.old, $0.new] }
        }
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func anUpdateWritesWhatChangedWithOneAuditRowPerFieldAndANewVersion(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let before = try Self.trail(of: s.leadID, s)
        let old = try #require(try s.store.read { try $0.leads.lead(id: s.leadID) })
        let stored = try s.store.write(as: s.actor("bob")) { tx in
            var edited = old
            edited.details.city = "杭州"
            edited.details.need = "CRM 系统"
            edited.details.contact = "王伟"  // unchanged
            return try tx.leads.update(old, to: edited, as: .edit, storing: [.scoreParts("20\tneed")])
        }
        #expect(stored.version == old.version + 1 && stored.updatedBy == "bob" && stored.updatedAt == StoreUnderTest.now)
        #expect(stored.statusChangedAt == old.statusChangedAt, "the status did not change")
        let read = try #require(try s.store.read { try $0.leads.lead(id: s.leadID) })
        #expect(read.details.city == "杭州" && read.details.need == "CRM 系统" && read.version == stored.version)
        #expect(try s.store.read { try $0.leads.storedScoreParts(of: [s.leadID]) } == [s.leadID: "20\tneed"])
        let added = try Array(Self.trail(of: s.leadID, s).dropFirst(before.count))
        #expect(added == [["edit", "bob", "need", nil, "CRM 系统"], ["edit", "bob", "city", nil, "杭州"]],
                "one row per changed field, in the table's order; the score breakdown is silent")
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func anUnchangedUpdateWritesNothingAndASilentChangeOneRowWithoutAField(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let before = try Self.trail(of: s.leadID, s)
        let old = try #require(try s.store.read { try $0.leads.lead(id: s.leadID) })
        let parts = try #require(try s.store.read { try $0.leads.storedScoreParts(of: [s.leadID]) }[s.leadID])
        let same = try s.store.write(as: s.actor("bob")) { tx in try tx.leads.update(old, to: old, as: .rescore, storing: [.scoreParts(parts)]) }
        #expect(same == old)
        #expect(try Self.trail(of: s.leadID, s) == before)
        let rescored = try s.store.write(as: s.actor("bob")) { tx in try tx.leads.update(old, to: old, as: .rescore, storing: [.scoreParts("1\tx")]) }
        #expect(rescored.version == old.version + 1)
        #expect(try Array(Self.trail(of: s.leadID, s).dropFirst(before.count)) == [["rescore", "bob", nil, nil, nil]])
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func anEditFromAnOlderVersionConflictsOnlyOnTheFieldsItChanges(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let seen = try #require(try s.store.read { try $0.leads.lead(id: s.leadID) })
        // bob changes the city, then the score (derived) moves on as well.
        try s.store.write(as: s.actor("bob")) { tx in
            var city = seen
            city.details.city = "杭州"
            let stored = try tx.leads.update(seen, to: city, as: .edit, storing: [])
            var scored = stored
            scored.score = (stored.score ?? 0) + 10
            _ = try tx.leads.update(stored, to: scored, as: .rescore, storing: [])
        }
        // carol, from the version she saw, changes the need: no conflict.
        try s.store.write(as: s.actor("carol")) { tx in
            try tx.leads.beginEdit(ofLead: s.leadID, fromVersion: seen.version)
            let current = try #require(try tx.leads.lead(id: s.leadID))
            var need = current
            need.details.need = "仓储"
            need.score = 1  // a derived field changed since her version: never a conflict
            _ = try tx.leads.update(current, to: need, as: .edit, storing: [])
        }
        // alice, from the same version, changes the city too: refused, naming bob.
        #expect(throws: StoreError.staleVersion(entity: s.leadNumber.description, changedBy: "bob", at: StoreUnderTest.now)) {
            try s.store.write(as: s.actor("alice")) { tx in
                try tx.leads.beginEdit(ofLead: s.leadID, fromVersion: seen.version)
                let current = try #require(try tx.leads.lead(id: s.leadID))
                var city = current
                city.details.city = "宁波"
                _ = try tx.leads.update(current, to: city, as: .edit, storing: [])
            }
        }
        let lead = try #require(try s.store.read { try $0.leads.lead(id: s.leadID) })
        #expect(lead.details.city == "杭州" && lead.details.need == "仓储" && lead.version == seen.version + 3)
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func aLeadIsFoundByItsNormalisedPhoneOtherThanItself(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let key = try #require(try PhoneNumber(parsing: "138 1234 5678").normalized as String?)
        try s.store.read { tx in
            #expect(try tx.leads.firstLead(withContact: .phone(key), excluding: nil)?.id == s.leadID)
            #expect(try tx.leads.firstLead(withContact: .phone(key), excluding: s.leadID) == nil)
            #expect(try tx.leads.firstLead(withContact: .email("nobody@example.com"), excluding: nil) == nil)
            let pooled = try #require(try tx.leads.lead(number: s.pooledNumber))
            #expect(try tx.leads.firstLead(withContact: .phone(try #require(pooled.phoneKey)), excluding: nil)?.number == s.pooledNumber)
        }
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func eventsAndNotesAreKeptWithTheirAuditRowOnTheLead(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let before = try Self.trail(of: s.leadID, s)
        let note = try s.store.write(as: s.actor("alice")) { tx in
            try tx.leads.recordEvent("inbound_contact", onLead: s.leadID)
            try tx.leads.recordEvent("repeated_interest", onLead: s.leadID)
            let note = try tx.leads.addNote("客户要报价", kind: .note, toLead: s.leadID)
            try tx.leads.record(.note, field: "note", value: String(note), onLead: s.leadID)
            return note
        }
        #expect(try s.store.read { try $0.leads.events(ofLead: s.leadID) } == ["inbound_contact", "repeated_interest"])
        #expect(try s.store.read { try $0.leads.events(ofLead: s.leadID + 100) } == [])
        #expect(try Array(Self.trail(of: s.leadID, s).dropFirst(before.count)) == [
            ["event", "alice", "event", nil, "inbound_contact"], ["event", "alice", "event", nil, "repeated_interest"],
            ["note", "alice", "note", nil, String(note)],
        ])
        #expect(throws: StoreError.notFound("no")) {
            try s.store.write(as: s.actor("alice")) { tx in
                try tx.leads.recordEvent("inbound_contact", onLead: s.leadID)
                throw StoreError.notFound("no")
            }
        }
        #expect(try s.store.read { try $0.leads.events(ofLead: s.leadID) }.count == 2, "a transaction that throws keeps no event")
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func theAutomatedTransactionNotifiesAsTheAutomationOnTheActorsBehalf(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        try s.store.write(as: s.actor("alice")) { tx in
            #expect(tx.automated.actor?.login == ActingUser.automationLogin && tx.automated.actor?.impersonator == "alice")
            try tx.automated.notify("carol", kind: "grade", text: "raised", leadID: s.leadID, body: "grade raised", parameters: ["a", "b"])
            try tx.automated.notify("alice", kind: "grade", text: "raised", leadID: s.leadID, body: "to the actor herself", parameters: [])
        }
        let carol = try s.store.read { try $0.notifications.unread(for: "carol", in: .alerts, limit: 10) }
        #expect(carol.map { [$0.kind, $0.actor, $0.body] } == [["grade", ActingUser.automationLogin, "grade raised"]])
        #expect(carol.first?.parameters?.text == "raised" && carol.first?.parameters?.values == ["a", "b"])
        #expect(try s.store.read { try $0.notifications.unread(for: "alice", in: .alerts, limit: 10) }.map(\.body) == ["to the actor herself"],
                "the automation tells the actor too: she is not the one acting")
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func editingDetailsLeavesTheSameTrailOnEveryStore(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let before = try Self.trail(of: s.leadID, s)
        let details = LeadDetailsService(store: s.store, actor: s.actor("bob"))
        // The new lead gets its industry, need and source: complete, it goes to screening.
        let edited = try details.edit(s.leadNumber.description, changes: LeadDraft(industry: "软件", need: "CRM 系统", source: "官网"), expectedVersion: 1)
        #expect(edited.status == .screening)
        let score = ProcessDefinition.withoutAutomation.scoring.score(edited.details)
        #expect(edited.score == score.total)
        let rows = try Array(Self.trail(of: s.leadID, s).dropFirst(before.count))
        #expect(rows.map { $0[0] } == Array(repeating: "edit", count: rows.count))
        #expect(rows.compactMap { $0[2] }.filter { $0 != "score" && $0 != "suggested_grade" } == ["status", "industry", "need", "source"])
        #expect(rows.first { $0[2] == "status" } == ["edit", "bob", "status", "new", "screening"])
        #expect(try s.store.read { try $0.leads.storedScoreParts(of: [s.leadID]) }[s.leadID] == score.storedParts)
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func aNewLeadTakesTheDaysNextNumberAndIsAuditedWithItsCaptureTime(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let day = CalendarDay.containing(StoreUnderTest.now, in: StoreUnderTest.zone)
        let captured = StoreUnderTest.at(-86_400)
        let (first, second, inserted) = try s.store.write(as: s.actor("alice")) { tx in
            let first = try tx.leads.nextNumber(on: day)
            let second = try tx.leads.nextNumber(on: day)
            let lead = Lead(id: 0, number: second, status: .new, details: LeadDraft(customer: "常州新材料有限公司", contact: "吴刚", phone: "137 0000 2222"),
                            phoneKey: "+8613700002222", createdBy: "alice", createdAt: tx.now, updatedBy: "alice", updatedAt: tx.now,
                            statusChangedAt: tx.now, capturedAt: captured)
            return (first, second, try tx.leads.insert(lead, storing: [.scoreParts("5\tphone")]))
        }
        #expect(first == LeadNumber(day: day, sequence: 6) && second == LeadNumber(day: day, sequence: 7),
                "after the five leads of the set-up; a number is never handed out twice")
        #expect(try s.store.write(as: s.actor("alice")) { tx in try tx.leads.nextNumber(on: day.adding(days: 1)) }.sequence == 1)
        let read = try #require(try s.store.read { try $0.leads.lead(number: second) })
        #expect(read.id == inserted.id && read.version == 1 && read.capturedAt == captured && read.createdBy == "alice")
        #expect(read.details.customer == "常州新材料有限公司" && read.phoneKey == "+8613700002222")
        #expect(try s.store.read { try $0.leads.storedScoreParts(of: [inserted.id]) } == [inserted.id: "5\tphone"])
        #expect(try Self.trail(of: inserted.id, s) == [
            ["create", "alice", "number", nil, second.description], ["create", "alice", "captured_at", nil, StoreError.timestamp(captured)],
        ])
        #expect(throws: StoreError.notFound("rolled back")) {
            try s.store.write(as: s.actor("alice")) { tx in
                _ = try tx.leads.nextNumber(on: day)
                throw StoreError.notFound("rolled back")
            }
        }
        #expect(try s.store.write(as: s.actor("alice")) { tx in try tx.leads.nextNumber(on: day) }.sequence == 8, "a rolled-back number is given again")
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func factsAreAuditedOnTheLeadAndTheSupervisorAnsweringForALeadIsFound(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let before = try Self.trail(of: s.leadID, s)
        try s.store.write(as: s.actor("alice")) { tx in
            try tx.leads.record(.duplicateRefused, field: "phone", value: "alice", onLead: s.leadID)
        }
        #expect(try Array(Self.trail(of: s.leadID, s).dropFirst(before.count)) == [["duplicate-refused", "alice", "phone", nil, "alice"]])
        try s.store.read { tx in
            #expect(try tx.leads.customerOfLatestOpportunity(ofLead: s.leadID) == nil)
            #expect(try tx.users.active(in: [.supervisor, .admin]).map(\.login) == ["admin", "bob"])
            #expect(try tx.users.active(in: [.rep]).map(\.login) == ["alice", "carol"])
            let unowned = try #require(try tx.leads.lead(id: s.leadID))
            #expect(try tx.users.supervisor(answeringFor: unowned) == "bob", "an unowned lead: the first supervisor")
            let carols = try #require(try tx.leads.lead(number: s.assignedNumber))
            #expect(try tx.users.supervisor(answeringFor: carols) == "bob", "carol's supervisor")
            var strangers = carols
            strangers.owner = "nobody"
            #expect(try tx.users.supervisor(answeringFor: strangers) == "admin", "an owner with no supervisor: an admin")
        }
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func registeringALeadLeavesTheSameTrailOnEveryStore(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let registration = LeadRegistrationService(store: s.store, actor: s.actor("alice"))
        let added = try registration.add(LeadDraft(customer: "常州新材料有限公司", contact: "吴刚", phone: "13700002222", industry: "材料",
                                                   need: "ERP", source: "官网", region: "华东"))
        #expect(added.lead.number.sequence == 6 && added.lead.status == .screening && !added.merged)
        let score = ProcessDefinition.withoutAutomation.scoring.score(added.lead.details)
        #expect(added.lead.score == score.total && added.lead.suggestedGrade == score.suggestedGrade)
        #expect(try Self.trail(of: added.lead.id, s) == [["create", "alice", "number", nil, added.lead.number.description]])
        // The same phone again: refused, naming the lead alice can see.
        #expect(throws: DuplicateLeadError(number: added.lead.number.description, owner: nil, field: "phone", value: "137 0000 2222")) {
            try registration.add(LeadDraft(customer: "常州新材料", contact: "吴刚", phone: "+86 137 0000 2222"))
        }
        // Merged into it instead: the details fill its gaps, the conflict is a note.
        let merged = try registration.add(LeadDraft(customer: "常州新材料", contact: "吴刚", phone: "13700002222", city: "常州"),
                                          duplicates: .mergeInto(added.lead.number.description))
        #expect(merged.merged && merged.lead.id == added.lead.id && merged.lead.details.city == "常州")
        let rows = try Self.trail(of: added.lead.id, s).dropFirst().map { [$0[0], $0[2]] }
        #expect(rows.first == ["merge-details", "merged_from"] && rows.contains(["merge", "city"]) && rows.contains(["event", "event"]))
    }

    /// Not per engine: the same registrations, edits, events and notes on both stores, and their
    /// trails and notices compared row for row.
    @Test func theSameWorkLeavesTheSameTrailAndNoticesOnBothStores() throws {
        let outcomes = try StoreUnderTest.Engine.allCases.map { engine -> [[String?]] in
            let s = try StoreUnderTest(engine)
            let before = try s.store.read { try $0.history(of: "lead").count }
            let alice = s.actor("alice"), bob = s.actor("bob")
            let added = try LeadRegistrationService(store: s.store, actor: alice).add(
                LeadDraft(customer: "常州新材料有限公司", contact: "吴刚", phone: "13700002222", industry: "材料", need: "ERP", source: "官网", region: "华东"))
            // carol's lead, hidden from alice: refused, and bob (carol's supervisor) told.
            #expect(throws: HiddenDuplicateError()) {
                try LeadRegistrationService(store: s.store, actor: alice).add(LeadDraft(customer: "上海远景", contact: "陈静", phone: "136 9876 5432"))
            }
            let number = added.lead.number.description
            _ = try LeadDetailsService(store: s.store, actor: bob).edit(number, changes: LeadDraft(city: "常州"), expectedVersion: 1)
            #expect(throws: StoreError.self) {
                try LeadDetailsService(store: s.store, actor: s.actor("admin")).edit(number, changes: LeadDraft(city: "无锡"), expectedVersion: 1)
            }
            _ = try LeadDetailsService(store: s.store, actor: s.actor("admin")).edit(number, changes: LeadDraft(budget: "20万"), expectedVersion: 1)
            _ = try LeadGradingService(store: s.store, actor: bob).grade(number, .b, reason: "需求明确")
            _ = try LeadGradingService(store: s.store, actor: s.actor("admin")).grade(number, .a, reason: "预算已批")
            try LeadDetailsService(store: s.store, actor: bob).recordEvent(number, event: "inbound_contact")
            try LeadDetailsService(store: s.store, actor: bob).addNote(number, body: "@alice 请跟进")
            return try s.store.read { tx in
                let trail: [[String?]] = try tx.history(of: "lead").dropFirst(before).map { entry -> [String?] in
                    // A note's id depends on the notes the set-up wrote (grade reasons on SQLite).
                    [String(entry.entityID), entry.action, entry.actor, entry.field, entry.old, entry.action == "note" ? "(id)" : entry.new]
                }
                let notices: [[String?]] = try ["alice", "bob"].flatMap { login in
                    try NotificationGroup.allCases.flatMap { group in
                        try tx.notifications.unread(for: login, in: group, limit: 20).map { item -> [String?] in [login, item.kind, item.actor, item.body] }
                    }
                }
                let lead = try #require(try tx.leads.lead(number: added.lead.number))
                let stored: [String?] = [String(lead.version), lead.details.city, lead.details.budget, lead.score.map(String.init)]
                return trail + notices + [stored]
            }
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[0].count > 12, "the set-up did its work")
    }
}
