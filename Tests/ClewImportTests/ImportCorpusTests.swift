import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// The messy-file corpus: each file is made by the test, in both encodings and both header
/// languages, and imported through ``ImportService``.
@Suite("Import: messy files")
struct ImportCorpusTests {
    static let chineseHeader = "客户名称,联系人,职位,手机,邮箱,所属行业,需求描述,线索来源,营销活动,城市,预算范围,备注"
    static let englishHeader = "Company,Contact,Title,Mobile,E-mail,Industry,Need,Source,Campaign,City,Budget,Remarks"
    /// Rows 2–9: 4 new leads (one flagged invalid_email, one fake-phone), one merged into row 2
    /// (same phone written another way), 3 rejected.
    static let rows = [
        "杭州恒通科技有限公司,王伟,采购经理,138 0013 8000,wang@hengtong.cn,制造业,需采购SaaS系统,展会,春季展,杭州,30-50万,老客户",
        "\"宁波大华, 分公司\",李雷,,１３９ ００１３ ９０００,not-an-email,零售,\"需要ERP\n尽快上线\",官网,,宁波,,",
        "深圳前海贸易,赵敏,总经理,0755-8888 6666,ZHAO@QIANHAI.COM,外贸,,,,深圳,,",
        "恒通科技,,,+86 138-0013-8000,,,需采购ERP,,,,,第二次登记",
        ",无名,,13700137000,,,,,,,,",
        "无联系方式公司,钱七,,,,,,,,,,",
        "假号码公司,孙八,,13812345678,,零售,试用,广告,,北京,,",
        "坏号码公司,周九,,12345,also-bad,,,,,,,",
    ]

    static func file(header: String) -> String { ([header] + rows).joined(separator: "\r\n") + "\r\n" }

    @Test(arguments: [
        (chineseHeader, CSVFileEncoding.utf8), (chineseHeader, .utf8BOM), (chineseHeader, .gb18030),
        (englishHeader, .utf8), (englishHeader, .gb18030),
    ])
    func theCorpusImportsTheSameInBothEncodingsAndBothLanguages(header: String, encoding: CSVFileEncoding) throws {
        let f = try ImportFixture()
        let path = try f.csv("leads.csv", Self.file(header: header), encoding: encoding)
        let summary = try f.run(path)
        #expect(summary.encoding == (encoding == .gb18030 ? "gb18030" : "utf-8"))
        #expect((summary.rows, summary.inserted, summary.merged, summary.rejected, summary.flagged) == (8, 4, 1, 3, 2))
        #expect(summary.flags == ["invalid-email": 1, "fake-phone": 1])
        #expect(summary.customFields == [header == Self.chineseHeader ? "备注" : "Remarks"])
        #expect(summary.line.hasPrefix("8 rows: 4 new leads, 1 merged into existing leads, 3 rejected (see "))

        // Cleaned and normalised like `lead add`.
        let hengtong = try #require(try f.lead(phone: "13800138000"))
        #expect(hengtong.details.phone == "138 0013 8000")
        #expect(hengtong.status == .screening, "complete details")
        let dahua = try #require(try f.lead(phone: "13900139000"))
        #expect(dahua.details.customer == "宁波大华, 分公司")
        #expect(dahua.details.need == "需要ERP\n尽快上线")
        #expect(dahua.details.email == nil)
        #expect(dahua.flags == [.invalidEmail])
        #expect(dahua.details.region == "华东", "region inferred from the city")
        #expect(try f.strings("SELECT name || '=' || value FROM lead_extra WHERE lead_id = ?", [dahua.id]).contains(
            (header == Self.chineseHeader ? "邮箱" : "E-mail") + " (invalid)=not-an-email"))
        let qianhai = try #require(try f.lead(phone: "0755-88886666"))
        #expect(qianhai.details.email == "zhao@qianhai.com")
        #expect(qianhai.status == .new, "need and source missing → new")
        #expect(qianhai.details.region == "华南")
        #expect(try f.lead(phone: "13812345678")?.flags == [.fakePhone])

        // Rejects: row number, reason, original cells.
        let data = try Data(contentsOf: URL(fileURLWithPath: try #require(summary.rejectsFile)))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with a BOM, for Excel")
        let lines = String(decoding: data.dropFirst(3), as: UTF8.self).split(separator: "\r\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "row,reason," + header)
        #expect(lines[1].hasPrefix("6,missing customer name"))
        #expect(lines[2].hasPrefix("7,no phone or email"))
        #expect(lines[3].hasPrefix("9,\"no valid phone or email: phone \"\"12345\"\""))
        #expect(summary.rejects.map(\.line) == [7, 8, 10], "text lines, after the two-line cell")
        #expect(lines[3].hasSuffix(",坏号码公司,周九,,12345,also-bad,,,,,,,"))
    }

    @Test func theMergeFillsGapsNotesConflictsAndKeepsTheOwner() throws {
        let f = try ImportFixture()
        let existing = try f.leads().add(LeadDraft(customer: "杭州恒通科技有限公司", contact: "王伟", phone: "13800138000",
                                                    industry: "制造业", need: "SaaS", source: "展会")).lead
        try f.leads("bob").grade(existing.number.description, .a, reason: "预算明确")
        _ = try f.leads("bob").assign(existing.number.description, to: "alice")
        let path = try f.csv("m.csv", "公司,电话,邮箱,需求,来源\n恒通科技,+86 138 0013 8000,wang@hengtong.cn,需采购ERP,官网\n")
        let summary = try f.run(path, as: "bob")
        #expect((summary.inserted, summary.merged) == (0, 1))
        let merged = try #require(try f.lead(phone: "13800138000"))
        #expect(merged.owner == "alice")
        #expect(merged.details.customer == "杭州恒通科技有限公司")
        #expect(merged.details.email == "wang@hengtong.cn")
        #expect(merged.details.need == "SaaS")
        let note = try f.strings("SELECT body FROM note WHERE lead_id = ? AND kind = 'merge'", [merged.id])
        #expect(note.count == 1)
        #expect(note[0].contains("import #\(summary.id ?? 0) (m.csv row 2)"))
        #expect(note[0].contains("customer (客户名称): 杭州恒通科技有限公司 ≠ 恒通科技"))
        #expect(note[0].contains("source (线索来源): 展会 ≠ 官网"))
        #expect(note[0].contains("need (需求描述): SaaS ≠ 需采购ERP"))
        #expect(try f.count("SELECT count(*) FROM audit WHERE entity = 'lead' AND entity_id = ? AND action = 'merge-details' AND new LIKE 'import #%'", [merged.id]) == 1)
        #expect(try f.count("SELECT count(*) FROM lead") == 1)
    }

    @Test func importingTheSameFileTwiceWritesNothingTheSecondTime() throws {
        let f = try ImportFixture()
        let path = try f.csv("leads.csv", Self.file(header: Self.chineseHeader))
        try f.run(path)
        let leads = try f.allLeads()
        let notes = try f.count("SELECT count(*) FROM note")
        let second = try f.run(path)
        #expect((second.inserted, second.merged, second.unchanged, second.rejected) == (0, 0, 5, 3))
        #expect(try f.allLeads() == leads, "no version bumped, nothing changed")
        #expect(try f.count("SELECT count(*) FROM note") == notes)
    }

    @Test func everyCreatedLeadHasAnAuditRowScoreAndNumbersWithoutGaps() throws {
        let f = try ImportFixture()
        let header = "客户名称,联系人,电话,所属行业,需求描述,线索来源,职位,预算范围\n"
        let body = (0..<700).map { "公司\($0),联系人\($0),1390000\(String(format: "%04d", $0)),制造业,需尽快上线,展会,总经理,50万以上" }
        let summary = try f.run(try f.csv("many.csv", header + body.joined(separator: "\n")))
        #expect(summary.inserted == 700)
        let leads = try f.allLeads()
        #expect(leads.allSatisfy { $0.status == .screening && $0.score == 100 && $0.suggestedGrade == .a })
        #expect(leads.map(\.number.description).last == "XL-20261123-700")
        #expect(try f.strings("SELECT last FROM lead_sequence") == ["700"], "the 512-number chunks are given back")
        #expect(try f.count("SELECT count(*) FROM audit WHERE action = 'import' AND entity = 'lead'") == 700)
        let next = try f.leads().add(LeadDraft(customer: "下一个", phone: "13700000001")).lead
        #expect(next.number.description == "XL-20261123-701")
    }

    @Test func controlAndEscapeSequencesAreStoredAsText() throws {
        let f = try ImportFixture()
        try f.run(try f.csv("esc.csv", "客户名称,电话\n\"恒通\u{1B}]0;pwned\u{07}科技\u{1B}[31m\",13800138000\n"))
        let lead = try #require(try f.lead(phone: "13800138000"))
        #expect(lead.details.customer == "恒通\u{1B}]0;pwned\u{07}科技\u{1B}[31m")
        #expect(TextNormalization.terminalSafe(lead.details.customer ?? "") == "恒通科技")
    }

    @Test func cellsPastTheLastHeaderAreKept() throws {
        let f = try ImportFixture()
        try f.run(try f.csv("long.csv", "客户名称,电话\n恒通,13800138000,微信 hengtong88\n"))
        let lead = try #require(try f.lead(phone: "13800138000"))
        #expect(try f.strings("SELECT name || '=' || value FROM lead_extra WHERE lead_id = ?", [lead.id]) == ["column 3=微信 hengtong88"])
    }

    @Test func titleLinesAboveTheHeaderAreSkipped() throws {
        let f = try ImportFixture()
        let summary = try f.run(try f.csv("t.csv", "客户信息登记表,,\n\n客户名称,联系方式,行业\n恒通,13800138000,制造\n"))
        #expect(summary.skippedTitleLines == 1)
        #expect(summary.inserted == 1)
    }

    @Test func mapOverridesAndUnknownColumns() throws {
        let f = try ImportFixture()
        let path = try f.csv("map.csv", "Firma,Handy,Notiz\n恒通,13800138000,hi\n")
        #expect(throws: ImportFileError.noRecognisableColumns("map.csv", seen: ["Firma", "Handy", "Notiz"])) { try f.run(path) }
        let summary = try f.run(path, ImportOptions(mappings: ["Firma": "customer", "Handy": "电话", "Notiz": "ignore"]))
        #expect(summary.inserted == 1)
        #expect(summary.ignoredColumns == ["Notiz"])
        #expect(throws: ImportFileError.self) { try f.run(path, ImportOptions(mappings: ["Firm": "customer"])) }
        #expect(throws: ImportFileError.self) { try f.run(path, ImportOptions(mappings: ["Firma": "compnay"])) }
        let noPhone = try f.csv("nophone.csv", "客户名称,行业\n恒通,制造\n")
        #expect(throws: ImportFileError.missingRequiredColumn("nophone.csv", what: "phone or email (电话/手机/邮箱/Phone/Email)", seen: ["客户名称", "行业"])) {
            try f.run(noPhone)
        }
    }

    @Test func brokenFilesWriteNothing() throws {
        let f = try ImportFixture()
        try f.run(try f.csv("seed.csv", "客户名称,电话\n已有,13800138000\n"))
        let before = try f.fingerprint()
        let big = String(repeating: "长", count: 4 * 1_048_576)   // 12 MB of UTF-8
        let cases: [(String, Data, ImportFileError)] = [
            ("empty.csv", Data(), .empty("empty.csv")),
            ("header.csv", Data("客户名称,电话\r\n\r\n".utf8), .headerOnly("header.csv")),
            ("binary.csv", Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 64)), .binary("binary.csv", line: 1)),
            ("quote.csv", Data("客户名称,电话\n甲,13900000001\n乙,\"13900000002\n丙,13900000003\n".utf8), .unclosedQuote("quote.csv", line: 3)),
            ("cell.csv", Data("客户名称,电话,需求\n甲,13900000001,ok\n乙,13900000002,\(big)\n".utf8),
             .cellTooLarge("cell.csv", line: 3, column: 3, limit: CSVRecordReader.defaultCellLimit)),
        ]
        for (name, data, expected) in cases {
            let path = try f.file(name, data)
            #expect(throws: expected) { try f.run(path) }
            #expect(!FileManager.default.fileExists(atPath: ImportService.defaultRejectsPath(for: path)))
        }
        #expect(try f.fingerprint() == before)
        #expect(ImportFileError.unclosedQuote("quote.csv", line: 3).description == "quote.csv line 3: a quoted cell (\") is never closed")
    }

    @Test func aDryRunReportsEverythingAndWritesNothing() throws {
        let f = try ImportFixture()
        let before = try f.fingerprint()
        let path = try f.csv("leads.csv", Self.file(header: Self.chineseHeader))
        let summary = try f.run(path, ImportOptions(dryRun: true))
        #expect(summary.dryRun && summary.id == nil)
        #expect((summary.inserted, summary.merged, summary.rejected, summary.flagged) == (4, 1, 3, 2))
        #expect(summary.rejects.map(\.row) == [6, 7, 9])
        #expect(summary.rejectsFile == nil)
        #expect(!FileManager.default.fileExists(atPath: ImportService.defaultRejectsPath(for: path)))
        #expect(try f.fingerprint() == before)
    }

    @Test func permissions() throws {
        let f = try ImportFixture()
        let path = try f.csv("p.csv", "客户名称,电话\n恒通,13800138000\n")
        #expect(throws: PermissionError.self) { try f.run(path, as: "sam") }
        #expect(try f.run(path, as: "mia").inserted == 1)
        // A rep may not edit someone else's lead: the row is rejected, not merged or duplicated;
        // alice cannot see bob's lead, so the reason names neither it nor him (issue 11).
        let owned = try f.leads().add(LeadDraft(customer: "大华", contact: "李", phone: "13900139000", industry: "零售", need: "ERP", source: "展会")).lead
        try f.leads("bob").grade(owned.number.description, .b, reason: "一般")
        _ = try f.leads("bob").assign(owned.number.description, to: "bob")
        let summary = try f.run(try f.csv("r.csv", "客户名称,电话,邮箱\n大华,13900139000,li@dahua.cn\n"), as: "alice")
        #expect((summary.inserted, summary.merged, summary.rejected) == (0, 0, 1))
        #expect(summary.rejects.first?.reason == DuplicatePolicy.hiddenRefusal)
        #expect(summary.rejects.first?.reason.contains(owned.number.description) == false)
    }

    /// A row matching a won lead is a repeat purchase and one matching a lost lead comes back:
    /// both become new leads linked to the old one instead of being rejected (issue 11).
    @Test func rowsMatchingWonOrLostLeadsBecomeLinkedNewLeads() throws {
        let f = try ImportFixture()
        let lost = try f.leads().add(LeadDraft(customer: "大华", contact: "李", phone: "13900139000", industry: "零售", need: "ERP", source: "展会")).lead
        try f.leads().lose(lost.number.description, reason: LostReason(parsing: "预算不足")!)
        let summary = try f.run(try f.csv("again.csv", "客户名称,电话\n大华,13900139000\n"))
        #expect((summary.inserted, summary.merged, summary.rejected) == (1, 0, 0))
        let linked = try f.leads().list(LeadQuery(limit: 10)).filter { $0.previousLead == lost.number }
        #expect(linked.count == 1)
    }
}
