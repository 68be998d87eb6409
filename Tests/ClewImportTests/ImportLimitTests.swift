import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// Limits wherever a file meets an allocation (issue 12 §3): a zip bomb fails fast.
@Suite("Import: limits")
struct ImportLimitTests {
    @Test func aWorkbookThatInflatesFarBeyondItsSizeIsRefusedBeforeItIsRead() throws {
        let f = try ImportFixture()
        let before = try f.fingerprint()
        let path = f.directory.appendingPathComponent("bomb.xlsx").path
        let padding = String(repeating: " ", count: 8 * 1_048_576)
        try WorkbookMaker.write([
            "xl/workbook.xml": "<workbook \(WorkbookMaker.main)><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
            "xl/_rels/workbook.xml.rels": "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
            "xl/worksheets/sheet1.xml": "<worksheet \(WorkbookMaker.main)><sheetData>\(padding)</sheetData></worksheet>",
        ], to: path)
        #expect {
            try f.run(path)
        } throws: { error in
            guard case let .workbookTooLarge(file, part, reason)? = error as? ImportFileError else { return false }
            return file == "bomb.xlsx" && part == "xl/worksheets/sheet1.xml" && reason.contains("times its compressed size")
        }
        #expect(try f.fingerprint() == before)
    }

    @Test func inflationIsBoundedBySizeAndByRatio() {
        #expect(XLSXReader.inflationProblem(inflated: 900_000, compressed: 10) == nil, "small parts may compress well")
        #expect(XLSXReader.inflationProblem(inflated: 50 * 1_048_576, compressed: 5 * 1_048_576) == nil, "10:1 is an ordinary sheet")
        #expect(XLSXReader.inflationProblem(inflated: 800 * 1_048_576, compressed: 817_000) != nil)
        #expect(XLSXReader.inflationProblem(inflated: 600 * 1_048_576, compressed: 300 * 1_048_576)?.contains("512 MB") == true)
    }
}
