import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing
import ZIPFoundation

/// Workbooks made by the tests the way Excel (shared strings, styles, numbers as numbers) and
/// openpyxl (inline strings, no shared strings) write them.
enum WorkbookMaker {
    static func write(_ parts: [String: String], to path: String) throws {
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, text) in parts.sorted(by: { $0.key < $1.key }) {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    static let main = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#

    /// Excel: two sheets (说明 first, 线索 second), shared strings with rich text and phonetic
    /// runs, a date style, a phone stored as a number in exponent form, a boolean.
    static func excel(to path: String) throws {
        let shared = ["客户名称", "手机", "邮箱", "登记日期", "城市", "杭州恒通科技有限公司", "wang@hengtong.cn", "杭州", "深圳大华", "深圳", "已签约"]
        var sst = "<sst \(main) count=\"\(shared.count + 1)\" uniqueCount=\"\(shared.count + 1)\">"
        sst += shared.map { "<si><t>\($0)</t></si>" }.joined()
        sst += "<si><r><rPr><b/></rPr><t>宁波</t></r><r><t xml:space=\"preserve\">大华 &amp; Co</t></r><rPh sb=\"0\" eb=\"1\"><t>ニンポー</t></rPh></si></sst>"
        let sheet2 = """
            <worksheet \(main)><sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>10</v></c></row>
            <row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2"><v>1.3800138E10</v></c><c r="C2" t="s"><v>6</v></c><c r="D2" s="1"><v>46349</v></c><c r="E2" t="s"><v>7</v></c><c r="F2" t="b"><v>1</v></c></row>
            <row r="4"><c r="A4" t="s"><v>8</v></c><c r="B4" t="str"><v>0755-88886666</v></c><c r="E4" t="s"><v>9</v></c></row>
            <row r="5"><c r="A5" t="s"><v>11</v></c><c r="C5" t="inlineStr"><is><t>li@dahua.cn</t></is></c></row>
            <row r="6"><c r="B6"><v>13900139000</v></c></row>
            </sheetData></worksheet>
            """
        try write([
            "[Content_Types].xml": "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
            "xl/workbook.xml": "<workbook \(main)><sheets><sheet name=\"说明\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"线索\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>",
            "xl/_rels/workbook.xml.rels": """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>\
                <Relationship Id="rId2" Type="worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>
                """,
            "xl/sharedStrings.xml": sst,
            "xl/styles.xml": "<styleSheet \(main)><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>",
            "xl/worksheets/sheet1.xml": "<worksheet \(main)><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>请在“线索”表中填写</t></is></c></row></sheetData></worksheet>",
            "xl/worksheets/sheet2.xml": sheet2,
        ], to: path)
    }

    /// openpyxl: inline strings, no sharedStrings.xml, numbers as `t="n"`.
    static func openpyxl(to path: String, rows: [[String]]) throws {
        var xml = "<worksheet \(main)><sheetData>"
        for (r, row) in rows.enumerated() {
            xml += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() where !cell.isEmpty {
                let ref = XLSXWriter.columnName(c) + String(r + 1)
                if Double(cell) != nil && !cell.contains(" ") {
                    xml += "<c r=\"\(ref)\" t=\"n\"><v>\(cell)</v></c>"
                } else {
                    xml += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(XLSXWriter.escaped(cell))</t></is></c>"
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData></worksheet>"
        try write([
            "xl/workbook.xml": "<workbook \(main)><workbookPr/><sheets><sheet name=\"Sheet\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
            "xl/_rels/workbook.xml.rels": "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
            "xl/worksheets/sheet1.xml": xml,
        ], to: path)
    }
}

@Suite("Import: xlsx")
struct XLSXImportTests {
    @Test func anExcelWorkbookBySheetNameWithSharedStringsNumbersAndDates() throws {
        let f = try ImportFixture()
        let path = f.directory.appendingPathComponent("leads.xlsx").path
        try WorkbookMaker.excel(to: path)
        // The first sheet is the instructions: no recognisable columns.
        #expect(throws: ImportFileError.self) { try f.run(path) }
        #expect(throws: ImportFileError.sheetNotFound("leads.xlsx", sheet: "线素", available: ["说明", "线索"])) {
            try f.run(path, ImportOptions(sheet: "线素"))
        }
        let summary = try f.run(path, ImportOptions(sheet: "线索"))
        #expect(summary.format == "xlsx" && summary.sheet == "线索")
        #expect((summary.rows, summary.inserted, summary.rejected) == (4, 3, 1))
        #expect(summary.rejects.map(\.row) == [6], "sheet row numbers")
        let hengtong = try #require(try f.lead(phone: "13800138000"), "1.3800138E10 read back as a phone")
        #expect(hengtong.details.email == "wang@hengtong.cn")
        #expect(try f.strings("SELECT name || '=' || value FROM lead_extra WHERE lead_id = ? ORDER BY id", [hengtong.id]) == ["登记日期=2026-11-23", "已签约=TRUE"])
        #expect(try f.lead(phone: "0755-8888 6666")?.details.region == "华南")
        let ningbo = try #require(try f.allLeads().first { $0.details.email == "li@dahua.cn" })
        #expect(ningbo.details.customer == "宁波大华 & Co", "rich text runs joined, phonetic run left out")
    }

    @Test func anOpenpyxlWorkbookWithInlineStrings() throws {
        let f = try ImportFixture()
        let path = f.directory.appendingPathComponent("py.xlsx").path
        try WorkbookMaker.openpyxl(to: path, rows: [
            ["Company", "Contact", "Phone", "Email", "Industry", "Need", "Source"],
            ["Northwind Traders", "Ann Lee", "13700137000", "ANN@NORTHWIND.COM", "Retail", "CRM rollout asap", "Web"],
            ["Contoso", "Bob", "+1 415 555 0123", "", "", "", ""],
        ])
        let summary = try f.run(path)
        #expect((summary.inserted, summary.rejected) == (2, 0))
        let northwind = try #require(try f.lead(phone: "13700137000"))
        #expect(northwind.status == .screening)
        #expect(northwind.details.email == "ann@northwind.com")
        #expect(northwind.score == 30, "urgent need")
    }

    @Test func damagedWorkbooksAreRefusedAndWriteNothing() throws {
        let f = try ImportFixture()
        let before = try f.fingerprint()
        let notZip = try f.file("fake.xlsx", Data("客户名称,电话\n".utf8))
        #expect(throws: ImportFileError.malformedWorkbook("fake.xlsx", reason: "not a zip archive")) { try f.run(notZip) }
        let broken = f.directory.appendingPathComponent("broken.xlsx").path
        try WorkbookMaker.write(["xl/workbook.xml": "<workbook><sheets><sheet name=\"a\""], to: broken)
        #expect(throws: ImportFileError.self) { try f.run(broken) }
        #expect(try f.fingerprint() == before)
    }

    @Test func theWriterRoundTripsThroughTheReader() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rt-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = [["客户名称", "电话", "备注"], ["恒通 <&> \"科技\"", "138 0013 8000", "esc\u{1B}[31m _x0041_ tab\there"], ["", "", "line\nbreak"]]
        let writer = try XLSXWriter(sheetName: "leads")
        for row in rows { try writer.write(row) }
        try writer.finish(to: url)
        let reader = try XLSXReader(url: url, file: "rt.xlsx")
        let records = try reader.records(of: try reader.sheet(named: nil))
        #expect(records.map(\.cells) == [rows[0], rows[1], ["", "", "line\nbreak"]])
        #expect(reader.sheets.map(\.name) == ["leads"])
    }
}
