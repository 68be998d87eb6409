import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

@Suite("Campaigns")
struct CampaignServiceTests {
    func campaigns(_ db: TemporaryDatabase, _ login: String) throws -> CampaignService {
        CampaignService(context: db.context, actor: try db.actor(login))
    }

    @Test func theFreeTextCampaignsOfOldLeadsBecomeDraftCampaigns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-campaign-migration-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("old.db").path, configuration: ClewDatabase.configuration())
        try ClewMigrations.migrator.migrate(queue, upTo: "v6-automation")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO user (login, name, role, created_at, updated_at) VALUES ('mia', 'Mia', 'marketing', 0, 0)")
            for (index, campaign) in ["双11线上推广", "双11线上推广", "春季展会", nil].enumerated() {
                try db.execute(sql: """
                    INSERT INTO lead (number, status, customer, campaign, created_by, created_at, updated_by, updated_at, status_changed_at)
                    VALUES (?, 'screening', '客户', ?, 'mia', ?, 'mia', 0, 0)
                    """, arguments: ["XL-20260101-00\(index + 1)", campaign, Double(100 + index)])
            }
        }
        try ClewMigrations.migrator.migrate(queue)
        let rows = try queue.read { try Row.fetchAll($0, sql: "SELECT name, status, created_at FROM campaign ORDER BY name") }
        #expect(rows.map { $0["name"] as String } == ["双11线上推广", "春季展会"])
        #expect(rows.allSatisfy { $0["status"] == "draft" })
        #expect(rows.first?["created_at"] == 100.0)   // its first lead's registration
        let audits = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit WHERE entity = 'campaign' AND action = 'create-draft'") }
        #expect(audits == 2)
    }

    @Test func aNameFirstSeenOnALeadBecomesADraftOnce() throws {
        let db = try TemporaryDatabase()
        var draft = db.draft()
        draft.campaign = "2026冬季直播"
        let lead = try db.addLead(draft, by: "mia")
        draft.phone = db.uniquePhone()
        try db.addLead(draft, by: "mia")
        let listed = try campaigns(db, "admin").list()
        #expect(listed.map(\.campaign.name) == ["2026冬季直播"])
        #expect(listed.first?.campaign.status == .draft && listed.first?.campaign.createdBy == "mia" && listed.first?.leads == 2)
        #expect(try db.auditRows(entity: "campaign").map(\.action) == ["create-draft"])
        // An edit to a new name drafts that one too.
        _ = try db.leads("admin").edit(lead.number.description, changes: LeadDraft(campaign: "抖音直播"))
        #expect(try campaigns(db, "admin").list().map(\.campaign.name).sorted() == ["2026冬季直播", "抖音直播"])
    }

    @Test func marketingCompletesADraftAndEveryChangeIsAudited() throws {
        let db = try TemporaryDatabase()
        var draft = db.draft()
        draft.campaign = "秋季展会"
        try db.addLead(draft)
        let mia = try campaigns(db, "mia")
        let edited = try mia.edit("秋季展会", CampaignChanges(channel: "展会", startDay: CalendarDay("2026-09-01"), cost: Money(yuan: 80_000)),
                                  expectedVersion: 1)
        #expect(edited.status == .active && edited.version == 2 && edited.cost == Money(yuan: 80_000))
        let changes = try db.auditRows(entity: "campaign", id: edited.id).filter { $0.action == "edit" }.map(\.change)
        #expect(changes == ["edit channel: ∅ → 展会", "edit status: draft → active", "edit start_day: ∅ → 2026-09-01", "edit cost_fen: ∅ → 8000000"])
        // A second editor on the old version is refused and told who changed it.
        #expect(throws: CampaignError.stale("秋季展会", changedBy: "mia", at: edited.updatedAt)) {
            try mia.edit("秋季展会", CampaignChanges(channel: "线上"), expectedVersion: 1)
        }
        // Leads link by name: no rename while they do.
        #expect(throws: CampaignError.renameWithLeads("秋季展会", leads: 1)) { try mia.edit("秋季展会", CampaignChanges(name: "秋展")) }
        let closed = try mia.close("秋季展会")
        #expect(closed.status == .closed && closed.endDay == CalendarDay.containing(db.clock.now(), in: TemporaryDatabase.timeZone))
        #expect(throws: CampaignError.closed("秋季展会")) { try mia.close("秋季展会") }
    }

    @Test func onlyMarketingSupervisorsAndAdminsManageCampaigns() throws {
        let db = try TemporaryDatabase()
        #expect(throws: CampaignError.notAllowed(login: "alice", role: .rep)) {
            try campaigns(db, "alice").add(CampaignChanges(name: "x", channel: "地推"))
        }
        let added = try campaigns(db, "bob").add(CampaignChanges(name: "地推周", channel: "地推", budget: Money(yuan: 5_000), owner: "mia"))
        #expect(added.status == .active && added.owner == "mia")
        #expect(try db.auditRows(entity: "campaign", id: added.id).map(\.change)
                == ["create name: ∅ → 地推周", "create channel: ∅ → 地推", "create budget_fen: ∅ → 500000", "create owner: ∅ → mia"])
        #expect(throws: CampaignError.duplicateName("地推周")) { try campaigns(db, "mia").add(CampaignChanges(name: "地推周")) }
        #expect(throws: CampaignError.unknownOwner("nobody")) { try campaigns(db, "mia").add(CampaignChanges(name: "y", owner: "nobody")) }
        #expect(try campaigns(db, "alice").list().count == 1)   // anyone may read
        #expect(throws: CampaignError.notFound("地推", suggestion: "地推周")) { try campaigns(db, "alice").show("地推") }
    }
}
