import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

@Suite("Search index")
struct SearchIndexTests {
    // MARK: - Index form

    static let texts: [String] = SeedVocabulary.needs + SeedVocabulary.followUpNotes + SeedVocabulary.companyCores
        + SeedVocabulary.feedback + SeedVocabulary.titles + [
            "", " ", "a", "华", "华东区制造业客户·上海恒通科技有限公司", "Northwind Trading Co., Ltd", "138 0013 8000",
            "+8613800138000", "0571-88886666", "emma@northwind.com", "客户表示价格高,希望给出阶梯折扣", "华东 华南",
            "x华y", "华x东", "ＡＢＣ全角，标点。", "カタカナとひらがな", "한국어 테스트", "Crème brûlée", "line\r\nbreak",
            "“引号”…—", "𠀀𠀁 ext-B", ",a,b,",
        ]

    @Test func theFastFormIsTheCharacterForm() {
        for text in Self.texts {
            #expect(SearchText.fastIndexForm(of: text) == SearchText.indexFormByCharacters(of: text), "\(text)")
            #expect(SearchText.indexForm(of: text) == SearchText.indexFormByCharacters(of: text), "\(text)")
        }
    }

    @Test func graphemeClustersFallBackToCharacters() {
        // A combining mark, a kana voicing mark, a variation selector, an emoji sequence, jamo.
        for text in ["e\u{301}", "か\u{3099}き", "葛\u{E0100}城", "👩‍💻 客户", "\u{1100}\u{1161}\u{11A8}", "华\u{301}东"] {
            #expect(SearchText.fastIndexForm(of: text) == nil, "\(text)")
            #expect(SearchText.indexForm(of: text) == SearchText.indexFormByCharacters(of: text), "\(text)")
        }
    }

    // MARK: - The contentless index matches its tables

    /// Every (term, row, position) in `table`'s index, via an `fts5vocab` table named `vocab`.
    static func instances(_ db: Database, _ table: String, _ vocab: String) throws -> Set<String> {
        try db.execute(sql: "CREATE VIRTUAL TABLE temp.\(vocab) USING fts5vocab(main, \(table), 'instance')")
        return Set(try String.fetchAll(db, sql: "SELECT term || ' ' || doc || ' ' || offset FROM temp.\(vocab)"))
    }

    struct Rollback: Error {}

    /// Checks that both indexes hold exactly what rebuilding them from `lead` and `follow_up`
    /// gives (then rolls the rebuild back).
    static func check(_ database: ClewDatabase) throws {
        do {
            try database.write { db in
                try db.execute(sql: "INSERT INTO lead_search(lead_search) VALUES('integrity-check')")
                try db.execute(sql: "INSERT INTO follow_up_search(follow_up_search) VALUES('integrity-check')")
                let leads = try instances(db, "lead_search", "v1"), followUps = try instances(db, "follow_up_search", "v2")
                try db.execute(sql: """
                    DROP TABLE lead_search; DROP TABLE follow_up_search;
                    CREATE VIRTUAL TABLE lead_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2', content = '');
                    CREATE VIRTUAL TABLE follow_up_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2', content = '');
                    """ + SearchIndex.rebuildSQL)
                let rebuiltLeads = try instances(db, "lead_search", "v3")
                let rebuiltFollowUps = try instances(db, "follow_up_search", "v4")
                #expect(!leads.isEmpty)
                #expect(leads == rebuiltLeads, "lead_search differs from its table")
                #expect(followUps == rebuiltFollowUps, "follow_up_search differs from its table")
                throw Rollback()
            }
        } catch is Rollback {}
    }

    @Test func editsAndDeletesKeepTheIndexExact() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead(db.draft(customer: "华东区制造业客户恒通科技有限公司", phone: "13800138000"))
        let other = try db.addLead(db.draft(customer: "Northwind Trading Ltd"))
        _ = try db.leads("alice").logFollowUp(lead.number.description, db.followUp("客户表示价格高,希望给出阶梯折扣", next: nil))
        _ = try db.leads("admin").edit(other.number.description, changes: LeadDraft(customer: "深圳锦程物流", phone: "0571-88886666"))
        try db.database.write { db in
            // Phone keys and follow-ups changed and removed behind the services' backs, as an admin might.
            try db.execute(sql: "UPDATE lead SET phone_key = '+8657100000000' WHERE id = ?", arguments: [other.id])
            try db.execute(sql: "UPDATE follow_up SET content = '改过的内容' WHERE lead_id = ?", arguments: [lead.id])
            try db.execute(sql: "INSERT INTO follow_up (lead_id, at, author, method, content, created_at) VALUES (?, 1, 'admin', 'call', '临时记录', 1)",
                           arguments: [lead.id])
            try db.execute(sql: "DELETE FROM follow_up WHERE content = '临时记录'")
        }
        try Self.check(db.database)
        #expect(try db.search("锦程").map(\.lead.number) == [other.number])
        #expect(try db.search("改过").map(\.lead.number) == [lead.number])
        #expect(try db.search("阶梯折扣").isEmpty)
    }

    @Test func aSeededDatabaseIsIndexedExactly() throws {
        let db = try TemporaryDatabase(withTeam: false)
        _ = try SeedGenerator(context: db.context, actor: db.actor("admin")).run(.init(leads: 300, seed: 7))
        try Self.check(db.database)
        // The seed put its insert triggers back: a new lead is indexed as it is added.
        let added = try db.addLead(db.draft(customer: "独一无二的客户名称"))
        #expect(try db.search("独一无二").map(\.lead.number) == [added.number])
        #expect(try db.strings("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%search_insert' ORDER BY name")
            == ["follow_up_search_insert", "lead_search_insert"])
    }

    // MARK: - Migrating a v2 database

    @Test func theV3MigrationRebuildsTheIndexOfExistingRows() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-v3-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("clew.db").path
        do {
            let queue = try DatabaseQueue(path: path, configuration: ClewDatabase.configuration())
            try ClewMigrations.migrator.migrate(queue, upTo: "v2-search-phone-digits")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO user (login, name, role, created_at, updated_at) VALUES ('admin', 'Ada', 'admin', 0, 0);
                    INSERT INTO lead (id, number, status, customer, phone, phone_key, created_by, created_at, updated_by, updated_at, status_changed_at)
                      VALUES (1, 'XL-20260105-001', 'new', '华东区制造业客户恒通科技有限公司', '138 0013 8000', '+8613800138000', 'admin', 0, 'admin', 0, 0);
                    INSERT INTO follow_up (lead_id, at, author, method, content, created_at) VALUES (1, 0, 'admin', 'call', '客户表示价格高', 0);
                    """)
                let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'lead_search'") ?? ""
                #expect(!sql.contains("content"))
            }
            try queue.close()
        }
        let database = try ClewDatabase(path: path)
        defer { try? database.close() }
        try Self.check(database)
        let context = ClewContext(database: database, automation: AutomationEngine())
        let admin = try UserDirectory(context: context).actingUser(osLogin: "admin")
        let search = SearchService(context: context, actor: admin)
        for text in ["华东", "恒通科技", "13800138000", "138 0013 8000", "价格高"] {
            #expect(try search.search(text).map(\.lead.id) == [1], "\(text)")
        }
        let findings = try Maintenance.doctor(database)
        #expect(findings.allSatisfy { $0.level == "ok" }, "\(findings.filter { $0.level != "ok" })")
        try database.read { db in
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'lead_search'") ?? ""
            let contentTables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'lead_search_content'")
            #expect(sql.contains("content = ''"))
            #expect(contentTables == 0)
        }
    }

    // MARK: - Plans and decoding

    @Test func theListIndexesAreUsed() throws {
        let db = try TemporaryDatabase()
        try db.database.read { db in
            let rep = try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT id FROM lead WHERE (lead.owner = 'alice' OR (lead.owner IS NULL AND lead.created_by = 'alice'))
                ORDER BY id DESC LIMIT 50
                """).map { $0["detail"] as String }.joined()
            #expect(rep.contains("lead_creator"), "\(rep)")
            let count = try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT count(*) FROM lead WHERE lead.status = 'screening' AND (lead.owner IS NULL OR lead.owner IN ('bob', 'alice'))
                """).map { $0["detail"] as String }.joined()
            // Either status index covers it (v20 widened both): no lead row is read.
            #expect(count.contains("COVERING INDEX lead_status"), "\(count)")
        }
    }

    @Test func leadsAreDecodedByPosition() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        try db.database.read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT \(Lead.selection), 1 AS extra FROM lead WHERE id = ?", arguments: [lead.id]))
            #expect(Array(row.columnNames.prefix(Lead.selectionNames.count)) == Lead.selectionNames)
            #expect(try Lead(row: row) == lead)
            #expect(try Lead.fetchAll(db, sql: "SELECT \(Lead.selection) FROM lead WHERE id = ?", arguments: [lead.id]) == [lead])
        }
    }

    @Test func plainJSONListsDecodeAsTheDecoderDoes() {
        for text in ["[]", "[\"华东\"]", "[\"华东\",\"华南\"]", " [ \"a\" , \"b c\" ] ", "[\"a\\\"b\"]", "[\"a\\/b\"]", "[1]", "nope", "[\"a\""] {
            let decoder = (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
            #expect(JSONList.decode(text) == decoder, "\(text)")
        }
        #expect(JSONList.decode(JSONList.encode(["制造业", "Internet / IT"])) == ["制造业", "Internet / IT"])
    }
}
