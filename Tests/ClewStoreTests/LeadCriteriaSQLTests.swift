import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// The store's translation of ``LeadCriteria`` selects exactly the leads the domain's
/// ``LeadCriteria/matches(_:)`` accepts — for every reader, scope and filter the list, board,
/// pipeline totals, exports and reports use (issue 9 §6: one lead-filter builder).
@Suite("One lead-filter builder: SQL and the domain agree")
struct LeadCriteriaSQLTests {
    /// 60 leads spread over statuses, owners, pools, creators, sources, regions, campaigns,
    /// industries, grades, stages and tags, written directly so every combination occurs.
    static func spreadDatabase() throws -> (TemporaryDatabase, [Lead]) {
        let db = try TemporaryDatabase()
        let statuses: [LeadStatus] = [.screening, .assigned, .active, .pooled, .won, .lost, .new]
        let owners: [String?] = [nil, "alice", "carol", "dave", "bob"]
        let creators = ["admin", "alice", "mia", "dave"]
        let pools: [String?] = [nil, "华东公海", "华南公海"]
        let stages = ["discovery", "proposal", "contract"]
        var generator = SystemRandomNumberGenerator()
        for i in 0..<60 {
            let lead = try db.addLead(by: creators[i % creators.count] == "dave" ? "admin" : creators[i % creators.count])
            let status = statuses[i % statuses.count]
            try db.database.write { d in
                try d.execute(sql: """
                    UPDATE lead SET status = ?, owner = ?, created_by = ?, pool = ?, source = ?, region = ?, campaign = ?,
                      industry = ?, grade = ?, stage = ?, tags = ?, status_changed_at = ? WHERE id = ?
                    """, arguments: [
                        status.rawValue, owners[(i / 2) % owners.count], creators[i % creators.count], pools[(i / 3) % pools.count],
                        ["官网", "展会", "转介绍"][i % 3], ["华东", "华南"][(i / 5) % 2], i % 4 == 0 ? nil : "双十一",
                        ["制造业", "零售"][(i / 7) % 2], [nil, "A", "B", "C"][i % 4], status == .active || status == .won ? stages[i % 3] : nil,
                        [",价格异议,", "", ",价格异议,紧急,", ",紧急,"][(i / 4) % 4],
                        TemporaryDatabase.mondayTen.addingTimeInterval(-Double(Int.random(in: 0...60, using: &generator)) * 86_400).storage,
                        lead.id,
                    ])
            }
        }
        return (db, try db.allLeads())
    }

    static func selected(_ criteria: LeadCriteria, _ db: TemporaryDatabase, hint: LeadCriteria.IndexHint = .any) throws -> Set<Int64> {
        let (condition, arguments) = criteria.sql(hint: hint)
        return try db.database.read { try Set(Int64.fetchAll($0, sql: "SELECT id FROM lead WHERE \(condition)", arguments: arguments)) }
    }

    @Test func everyReaderScopeAndFilterSelectsWhatTheDomainDecides() throws {
        let (db, leads) = try Self.spreadDatabase()
        let readers = try ["admin", "bob", "erin", "alice", "carol", "dave", "mia", "fred"].map { try db.actor($0) }
        let narrower: [LeadAudience?] = [nil, .owners(["alice"], includingUnowned: false), .owners(["alice", "carol", "bob"], includingUnowned: true),
                                         .registeredBy("mia"), .everyone, .owners([], includingUnowned: true)]
        let filters: [LeadCriteria] = [
            LeadCriteria(), LeadCriteria(statuses: [.active]), LeadCriteria(statuses: [.screening, .assigned]),
            LeadCriteria(stage: "proposal"), LeadCriteria(owner: "carol"), LeadCriteria(grade: .a), LeadCriteria(source: "展会"),
            LeadCriteria(region: "华南", campaign: "双十一"), LeadCriteria(industry: "零售", pool: "华东公海"),
            LeadCriteria(tag: "紧急"), LeadCriteria(tag: "价格"),
            LeadCriteria(statuses: [.won], statusChangedSince: TemporaryDatabase.mondayTen.addingTimeInterval(-30 * 86_400)),
        ]
        var nonEmpty = 0
        for reader in readers {
            for scope in narrower {
                for var criteria in filters {
                    criteria.audiences = [.readableBy(reader)] + [scope].compactMap { $0 }
                    let expected = Set(leads.filter(criteria.matches).map(\.id))
                    #expect(try Self.selected(criteria, db) == expected, "\(reader.login) \(String(describing: scope)) \(criteria)")
                    #expect(try Self.selected(criteria, db, hint: .periodFirst) == expected)
                    if !expected.isEmpty { nonEmpty += 1 }
                }
            }
        }
        // The cases are not vacuous: most select something, and a partial tag selects nothing.
        #expect(nonEmpty > 150)
        #expect(try Self.selected(LeadCriteria(tag: "价格"), db).isEmpty)
    }

    @Test func theBoardTheListAndThePipelineTotalsCountTheSameLeads() throws {
        let (db, leads) = try Self.spreadDatabase()
        for login in ["admin", "bob", "alice"] {
            let actor = try db.actor(login)
            let board = BoardService(context: db.context, actor: actor)
            let columns = try board.columns(scope: .all, filter: BoardFilter())
            let summary = try PipelineSummary.load(context: db.context, actor: actor)
            for column in columns where column.key != "won" {
                #expect(summary.columns.first { $0.key == column.key }?.count == column.count, "\(login) \(column.key)")
            }
            let readable = leads.filter { AccessPolicy.canRead($0.accessFacts, by: actor) }
            let listed = try db.leads(login).list(LeadQuery(statuses: [.active], limit: 1000))
            #expect(Set(listed.map(\.id)) == Set(readable.filter { $0.status == .active }.map(\.id)))
            #expect(columns.filter { db.context.pipeline.index(of: $0.key) != nil }.map(\.count).reduce(0, +) == listed.count)
        }
    }
}
