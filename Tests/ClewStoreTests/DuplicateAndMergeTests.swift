import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Duplicates and merging")
struct DuplicateAndMergeTests {
    @Test(arguments: [
        ("138-0013-8000", "+86 138 0013 8000"),
        ("13800138000", "138 0013 8000"),
        ("+86 138 0013 8000", "(+86)138-0013-8000"),
    ])
    func theSamePhoneWrittenDifferentlyIsADuplicate(existingPhone: String, newPhone: String) throws {
        let db = try TemporaryDatabase()
        let existing = try db.activeLead(db.draft(phone: existingPhone))
        do {
            // bob supervises alice, so he may see her lead and is told which one it is.
            _ = try db.leads("bob").add(db.draft(customer: "另一家公司", phone: newPhone))
            Issue.record("the duplicate was registered")
        } catch let error as DuplicateLeadError {
            #expect(error.number == existing.number.description)
            #expect(error.owner == "alice")
            #expect(error.field == "phone")
            #expect(error.description.contains("duplicate of \(existing.number) (owner alice)"))
            #expect(error.description.contains("--merge-into \(existing.number)"))
        }
        #expect(try db.allLeads().count == 1)
    }

    @Test func theSameEmailInAnotherCaseIsADuplicate() throws {
        let db = try TemporaryDatabase()
        let existing = try db.addLead(db.draft(email: "Wang.Wei@HengTong.cn"))
        #expect(throws: DuplicateLeadError(number: existing.number.description, owner: nil, field: "email", value: existing.details.email ?? "")) {
            try db.leads("admin").add(db.draft(customer: "恒通", email: "wang.wei@hengtong.cn"))
        }
        do {
            _ = try db.leads("admin").add(db.draft(customer: "恒通", email: "WANG.WEI@hengtong.CN"))
        } catch let error as DuplicateLeadError {
            #expect(error.description.contains("(owner none)"))
        }
    }

    @Test func anEditThatCreatesADuplicateIsRefused() throws {
        let db = try TemporaryDatabase()
        let first = try db.addLead(db.draft(phone: "13800138000"))
        let second = try db.addLead()
        #expect(throws: DuplicateLeadError.self) {
            try db.leads("admin").edit(second.number.description, changes: LeadDraft(phone: "138 0013 8000"))
        }
        // Editing the lead that owns the phone is not a duplicate of itself. (The same number
        // written another way changes nothing, so since issue 15 it is no new version either.)
        #expect(try db.leads("admin").edit(first.number.description, changes: LeadDraft(phone: "+86 138-0013-8000")).version == 1)
        #expect(try db.leads("admin").edit(first.number.description, changes: LeadDraft(phone: "139 0013 9000")).version == 2)
    }

    @Test func afterAMergeThePhoneBelongsToTheSurvivor() throws {
        let db = try TemporaryDatabase()
        let a = try db.addLead(db.draft(phone: "13800138000"))
        let b = try db.addLead(db.draft(customer: "恒通科技", email: "wang@hengtong.cn"))
        try db.leads("bob").merge(a.number.description, into: b.number.description)
        // b took a's phone, so the phone now points at b, not at the tombstone.
        do {
            _ = try db.leads("admin").add(db.draft(phone: "13800138000"))
            Issue.record("expected a duplicate")
        } catch let error as DuplicateLeadError {
            #expect(error.number == b.number.description)
        }
    }

    @Test func aTombstonesPhoneStillRevealsADuplicateOfItsSurvivor() throws {
        let db = try TemporaryDatabase()
        let a = try db.addLead(db.draft(phone: "13800138000"))
        let b = try db.addLead(db.draft(customer: "恒通科技", phone: "13900139000"))
        try db.leads("bob").merge(a.number.description, into: b.number.description)
        // b kept its own phone; a's phone lives only on the tombstone (and in the conflict note).
        let result = Result { try db.leads("admin").add(db.draft(phone: "138 0013 8000")) }
        #expect(throws: DuplicateLeadError.self) { try result.get() }
    }

    @Test func allowingADuplicateFlagsIt() throws {
        let db = try TemporaryDatabase()
        let existing = try db.addLead(db.draft(phone: "13800138000"))
        let result = try db.leads("admin").add(db.draft(customer: "恒通科技(分公司)", phone: "+86 138 0013 8000"), duplicates: .allow)
        #expect(!result.merged)
        #expect(result.lead.number != existing.number)
        #expect(result.lead.flags.contains(.possibleDuplicate))
        #expect(try db.stored(result.lead.number).flags.contains(.possibleDuplicate))
        #expect(!(try db.stored(existing.number).flags.contains(.possibleDuplicate)))
    }

    @Test func mergingANewRegistrationFillsEmptyFieldsAndNotesConflicts() throws {
        let db = try TemporaryDatabase()
        let existing = try db.addLead(db.draft(contact: "王伟", phone: "13800138000", city: "杭州"))
        #expect(existing.details.budget == nil)
        let incoming = LeadDraft(customer: existing.details.customer, contact: "王维", title: "采购经理", phone: "138 0013 8000",
                                 email: "wang@hengtong.cn", industry: "制造业", need: existing.details.need, source: "展会",
                                 city: "杭州", budget: "30-50万")
        let result = try db.leads("admin").add(incoming, duplicates: .mergeInto(existing.number.description))
        #expect(result.merged)
        #expect(result.lead.number == existing.number)
        let stored = try db.stored(existing.number)
        #expect(stored.details.budget == "30-50万")
        #expect(stored.details.title == "采购经理")
        #expect(stored.details.email == "wang@hengtong.cn")
        #expect(stored.emailKey != nil)
        #expect(stored.details.contact == "王伟", "existing values are kept")
        let notes = try db.leads("admin").detail(existing.number.description).notes
        let note = try #require(notes.first { $0.kind == "merge" })
        #expect(note.body.contains("王伟"))
        #expect(note.body.contains("王维"))
        #expect(!note.body.contains("杭州"), "equal values are not conflicts")
        #expect(!note.body.contains("phone"), "the same phone written differently is not a conflict")
        #expect(try db.allLeads().count == 1)
    }

    @Test func mergeMovesEverythingIntoTheSurvivorAndLeavesATombstone() throws {
        let db = try TemporaryDatabase()
        let a = try db.activeLead(db.draft(customer: "恒通科技", contact: "王维", phone: "13800138000", budget: "30-50万"))
        let b = try db.activeLead(db.draft(customer: "杭州恒通科技有限公司", contact: "王伟", email: "wang@hengtong.cn"))
        let an = a.number.description, bn = b.number.description
        let followUp = try db.leads("alice").logFollowUp(an, db.followUp("拜访客户现场,演示了核心功能"))
        try db.leads("alice").addNote(an, body: "客户要求安排技术交流会")
        let manual = try db.tasks("alice").add(title: "准备报价单", lead: an, assignee: nil, due: nil)

        let survivor = try db.leads("bob").merge(an, into: bn)
        #expect(survivor.number == b.number)
        #expect(survivor.details.customer == "杭州恒通科技有限公司")
        #expect(survivor.details.contact == "王伟")
        #expect(survivor.details.phone == "138 0013 8000")
        #expect(survivor.details.budget == "30-50万")
        #expect(survivor.phoneKey == "+8613800138000")

        let tombstone = try db.stored(a.number)
        #expect(tombstone.status == .merged)
        #expect(tombstone.mergedInto == b.number)

        let detail = try db.leads("bob").detail(bn)
        #expect(detail.followUps.map(\.id).contains(followUp.followUpID))
        #expect(detail.tasks.map(\.id).contains(manual.id))
        #expect(detail.tasks.map(\.id).contains(try #require(followUp.taskID)))
        #expect(detail.notes.contains { $0.body == "客户要求安排技术交流会" })
        let conflicts = try #require(detail.notes.first { $0.kind == "merge" })
        #expect(conflicts.body.contains(an))
        #expect(conflicts.body.contains("王维"))
        #expect(conflicts.body.contains("恒通科技"))
        #expect(detail.mergedFrom == [an])
        #expect(detail.history.contains { $0.entityID == a.id && $0.action == "create" })
        #expect(detail.history.contains { $0.entityID == a.id && $0.action == "confirm" })
        #expect(detail.history.contains { $0.entityID == b.id && $0.action == "merge-details" })
        #expect(detail.lead.lastFollowUpAt == db.clock.now())
        // The tombstone keeps its own history and says where it went.
        let old = try db.leads("admin").detail(an)
        #expect(old.lead.mergedInto == b.number)
        #expect(old.followUps.isEmpty)
    }

    @Test func mergeIsForSupervisorsAndAdminsAndRefusesNonsense() throws {
        let db = try TemporaryDatabase()
        let a = try db.activeLead()
        let b = try db.activeLead()
        let c = try db.addLead()
        let an = a.number.description, bn = b.number.description, cn = c.number.description
        #expect(throws: PermissionError.self) { try db.leads("alice").merge(an, into: bn) }
        #expect(throws: LeadError.mergeIntoItself(number: an)) { try db.leads("bob").merge(an, into: an) }
        try db.leads("bob").merge(an, into: bn)
        // Into a tombstone, or a tombstone again.
        #expect(throws: LeadError.merged(number: an, into: bn)) { try db.leads("admin").merge(cn, into: an) }
        #expect(throws: LifecycleError.illegalTransition(event: .merge, from: .merged)) { try db.leads("admin").merge(an, into: cn) }
        // A won lead cannot be merged away.
        _ = try db.leads("alice").logFollowUp(bn, db.followUp())
        try db.leads("bob").toContract(bn)
        try db.leads("alice").win(bn, amount: Money(yuan: 10_000))
        #expect(throws: LifecycleError.illegalTransition(event: .merge, from: .won)) { try db.leads("admin").merge(bn, into: cn) }
    }
}
