import ClewDomain
import ClewServices
import ClewStore
@testable import ClewViewModel
import Testing

/// Issue 16 §5: with the change feed, each view reloads only when the records it shows changed.
@Suite("Reload only what changed")
struct ReloadOnlyWhatChangedTests {
    /// alice has the board, the inbox and a lead's detail open. Before issue 16 every commit
    /// anyone made — the tick renewing its lease included, and alice's own — reloaded all three
    /// (3 reloads per commit); now a lease renewal and her own already-applied change reload
    /// nothing, a change to another lead reloads the board only, a mention the inbox only.
    @Test func eachViewReloadsOnlyForItsOwnRecords() throws {
        let fixture = try Fixture()
        let open = try fixture.activeLead("杭州恒通科技有限公司", phone: "13800138000")
        let other = try fixture.activeLead("上海云帆信息技术有限公司", phone: "13800138001")
        let app = try fixture.app("alice")
        app.feed = try ChangeFeed(database: fixture.database)
        app.open(open)
        app.perform("back") // the board, with the detail closed…
        app.open(open)      // …and open again beside it
        let start = app.reloads

        // The tick with nothing due: only its lease is written.
        try fixture.tick(daysLater: 0)
        #expect(app.pollChanges() == false)
        #expect(app.reloads == start, "a lease renewal reloads nothing")

        // alice's own note: the action reloads once; the feed then has nothing new for her.
        app.perform("add-note")
        "已发报价".forEach { app.type(.character($0)) }
        app.perform("submit")
        let afterOwn = app.reloads
        #expect(afterOwn.total == start.total + 3, "the action's own refresh: board, inbox, detail")
        #expect(app.pollChanges() == false, "an already-applied change of ours reloads nothing")
        #expect(app.reloads == afterOwn)

        // bob edits another of alice's leads: the board, not the open detail nor the inbox.
        var change = LeadDraft()
        change.need = "需采购CRM"
        _ = try LeadService(context: fixture.context, actor: try fixture.actor("bob")).edit(other, changes: change)
        #expect(app.pollChanges())
        #expect(app.reloads.board == afterOwn.board + 1)
        #expect(app.reloads.detail == afterOwn.detail)
        #expect(app.reloads.inbox == afterOwn.inbox)

        // bob mentions alice on the open lead: the inbox and the detail, and the board (a lead changed? no: a note is audited on its lead).
        let beforeMention = app.reloads
        _ = try LeadService(context: fixture.context, actor: try fixture.actor("bob")).addNote(open, body: "@alice 请今天回电")
        #expect(app.pollChanges())
        #expect(app.reloads.inbox == beforeMention.inbox + 1)
        #expect(app.reloads.detail == beforeMention.detail + 1)
    }

    @Test func thePlanFollowsTheRecords() {
        let lease = ReloadPlan(ChangeSet(), inboxLeads: [1], detailLead: 1)
        #expect(lease == ReloadPlan(ChangeSet(), inboxLeads: [], detailLead: nil))
        #expect(!lease.board && !lease.inbox && !lease.detail)
        let otherLead = ReloadPlan(ChangeSet(entities: ["lead"], leadIDs: [7]), inboxLeads: [1], detailLead: 1)
        #expect(otherLead.board && otherLead.screening && !otherLead.inbox && !otherLead.detail)
        let mention = ReloadPlan(ChangeSet(notified: true), inboxLeads: [], detailLead: 1)
        #expect(mention.inbox && !mention.board && !mention.detail)
        #expect(otherLead.dashboard && !mention.dashboard)
        // A payment (回款) changes the campaigns' ROI: the dashboard checks its fingerprint, the board reads nothing.
        let payment = ReloadPlan(ChangeSet(entities: ["payment", "payment_allocation"]), inboxLeads: [], detailLead: nil)
        #expect(payment.dashboard && payment.receivables && !payment.board && !payment.inbox)
        #expect(ReloadPlan(ChangeSet(entities: ["campaign"]), inboxLeads: [], detailLead: nil).dashboard)
        let everything = ReloadPlan(ChangeSet(overflow: true), inboxLeads: [], detailLead: 1)
        #expect(everything.board && everything.inbox && everything.detail && everything.dashboard)
    }
}
