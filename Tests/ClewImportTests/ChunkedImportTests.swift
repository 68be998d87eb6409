import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// Imports commit in chunks (issue 12 §1): an interrupted import is resumed or undone with
/// nothing lost and nothing doubled, and its rows are visible (and duplicates) as they commit.
@Suite("Import: chunks, resume and undo")
struct ChunkedImportTests {
    /// Ten data rows (sheet rows 2–11): row 9 repeats row 3's phone (merged), row 6 has no
    /// customer (rejected).
    static let file = """
        客户名称,联系人,电话,邮箱,所属行业,需求描述,线索来源
        甲公司,张,13900000001,,制造业,ERP,展会
        乙公司,李,13900000002,,制造业,ERP,展会
        丙公司,王,13900000003,,制造业,ERP,展会
        丁公司,赵,13900000004,,制造业,ERP,展会
        ,钱,13900000005,,制造业,ERP,展会
        己公司,孙,13900000006,,制造业,ERP,展会
        庚公司,周,13900000007,,制造业,ERP,展会
        乙公司,李,13900000002,li@yi.cn,制造业,ERP,展会
        壬公司,郑,13900000009,,制造业,ERP,展会
        癸公司,冯,13900000010,,制造业,ERP,展会
        """

    static func options(chunk: Int = 3, stopAfter: Int? = nil, resume: Bool = false) -> ImportOptions {
        var options = ImportOptions(resume: resume)
        options.chunkRows = chunk
        options.interruptAfterChunks = stopAfter
        return options
    }

    /// What a straight, uninterrupted import of the file leaves.
    static func outcome(_ f: ImportFixture) throws -> [String] {
        [
            "leads: \(try f.count("SELECT count(*) FROM lead"))",
            "phones: \(try f.strings("SELECT phone_key FROM lead ORDER BY phone_key").joined(separator: ","))",
            "import_lead: \(try f.count("SELECT count(*) FROM import_lead"))",
            "inserted audit: \(try f.count("SELECT count(*) FROM audit WHERE action = 'import' AND entity = 'lead'"))",
            "doubled: \(try f.count("SELECT count(*) FROM (SELECT phone_key FROM lead GROUP BY phone_key HAVING count(*) > 1)"))",
        ]
    }

    @Test func anImportCommitsChunkByChunkAndMatchesOneStraightRun() throws {
        let straight = try ImportFixture()
        let whole = try straight.run(try straight.csv("a.csv", Self.file), Self.options(chunk: 1_000))
        let f = try ImportFixture()
        let chunked = try f.run(try f.csv("a.csv", Self.file), Self.options(chunk: 3))
        #expect(chunked.chunks == 4 && whole.chunks == 1)
        #expect((chunked.rows, chunked.inserted, chunked.merged, chunked.rejected) == (10, 8, 1, 1))
        #expect((chunked.rows, chunked.inserted, chunked.merged, chunked.rejected) == (whole.rows, whole.inserted, whole.merged, whole.rejected))
        #expect(try Self.outcome(f) == Self.outcome(straight))
        #expect(try f.importer().history().first?.status == "done")
        // Chunks indexed for search in one go find their leads like row-by-row ones.
        let search = SearchService(context: f.context, actor: try f.actor("admin"))
        for name in ["甲公司", "丁公司", "癸公司", "13900000007"] {
            #expect(try search.search(name).count == 1, "\(name)")
        }
        #expect(try search.search("li@yi.cn").count == 1, "the merged email is indexed")
    }

    @Test func anInterruptedImportIsResumedWithNothingLostAndNothingDoubled() throws {
        let straight = try ImportFixture()
        try straight.run(try straight.csv("a.csv", Self.file))
        let f = try ImportFixture()
        let path = try f.csv("a.csv", Self.file)
        var stopped: ImportInterruptedError?
        do { try f.run(path, Self.options(stopAfter: 2)) } catch let error as ImportInterruptedError { stopped = error }
        let interruption = try #require(stopped)
        #expect(interruption.committedThroughRow == 7, "two chunks of three rows: sheet rows 2–7")
        #expect(interruption.description.contains("clew import --resume a.csv"))
        // Committed rows are visible at once, and are duplicates for anyone adding the same lead.
        #expect(try f.count("SELECT count(*) FROM lead") == 5)
        #expect(throws: DuplicateLeadError.self) { try f.leads().add(LeadDraft(customer: "乙", phone: "13900000002")) }
        let partial = try #require(try f.importer().history().first)
        #expect(partial.status == "partial" && partial.committedThroughRow == 7 && partial.rows == 6)

        let resumed = try f.run(path, Self.options(resume: true))
        #expect(resumed.id == interruption.id && resumed.resumedAfterRow == 7)
        #expect((resumed.rows, resumed.inserted, resumed.merged, resumed.rejected) == (10, 8, 1, 1))
        #expect(try Self.outcome(f) == Self.outcome(straight))
        #expect(try f.importer().history().first?.status == "done")
        // The rejects file lists the rejected row once.
        let rejects = try String(contentsOfFile: try #require(resumed.rejectsFile), encoding: .utf8)
        #expect(rejects.components(separatedBy: "\r\n").filter { $0.hasPrefix("6,") }.count == 1, "\(rejects)")
        #expect(throws: StoreError.self) { try f.run(path, Self.options(resume: true)) }
    }

    @Test func anInterruptionInTheMiddleOfAChunkLosesOnlyThatUncommittedChunk() throws {
        let f = try ImportFixture()
        let path = try f.csv("a.csv", Self.file)
        #expect(throws: ImportInterruptedError.self) { try f.run(path, Self.options(chunk: 4, stopAfter: 1)) }
        #expect(try f.count("SELECT count(*) FROM lead") == 4)
        #expect(throws: ImportInterruptedError.self) { try f.run(path, Self.options(chunk: 4, stopAfter: 1, resume: true)) }
        #expect(try f.count("SELECT count(*) FROM lead") == 6, "rows 6–9: one rejected, one merged")
        let done = try f.run(path, Self.options(chunk: 4, resume: true))
        #expect((done.rows, done.inserted, done.merged, done.rejected) == (10, 8, 1, 1))
        #expect(try f.count("SELECT count(*) FROM (SELECT phone_key FROM lead GROUP BY phone_key HAVING count(*) > 1)") == 0)
    }

    @Test func aPartialImportIsUndoneLikeAFinishedOne() throws {
        let f = try ImportFixture()
        let existing = try f.leads().add(LeadDraft(customer: "已有", phone: "13800138000")).lead
        let path = try f.csv("a.csv", Self.file)
        var id: Int64 = 0
        do { try f.run(path, Self.options(stopAfter: 1)) } catch let error as ImportInterruptedError { id = error.id }
        #expect(try f.count("SELECT count(*) FROM lead") == 4)
        let report = try f.importer().undo(id)
        #expect(report.removed.count == 3 && report.kept.isEmpty)
        #expect(try f.allLeads().map(\.id) == [existing.id])
        #expect(try f.importer().history().first?.status == "undone")
        #expect(throws: StoreError.self) { try f.run(path, Self.options(resume: true)) }
    }

    @Test func aDryRunInChunksCountsARepeatOfAnEarlierChunkAsMerged() throws {
        let f = try ImportFixture()
        let before = try f.fingerprint()
        var options = Self.options(chunk: 3)
        options.dryRun = true
        let summary = try f.run(try f.csv("a.csv", Self.file), options)
        #expect((summary.rows, summary.inserted, summary.merged, summary.rejected) == (10, 8, 1, 1))
        #expect(try f.fingerprint() == before)
    }

    @Test func newLeadsThatAnAssignmentRuleMatchesAreRoutedChunkByChunk() throws {
        let f = try ImportFixture()
        let path = try f.csv("web.csv", """
            客户名称,联系人,电话,所属行业,需求描述,线索来源,城市
            官网甲,张,13900000001,制造业,ERP,官网,杭州
            展会乙,李,13900000002,制造业,ERP,展会,杭州
            官网丙,王,13900000003,制造业,ERP,官网,杭州
            """)
        let summary = try f.run(path, Self.options(chunk: 2))
        #expect(summary.inserted == 3 && summary.chunks == 2)
        #expect(try f.lead(phone: "13900000001")?.pool == "east", "web-east sends it to the east pool")
        #expect(try f.lead(phone: "13900000003")?.pool == "east", "in the second chunk too")
        let fair = try #require(try f.lead(phone: "13900000002"))
        #expect(fair.status == .screening && fair.pool == nil, "no rule matches a trade-fair lead")
    }
}
