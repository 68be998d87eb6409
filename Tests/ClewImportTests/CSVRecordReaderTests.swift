import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("CSV reader (RFC 4180)")
struct CSVRecordReaderTests {
    private func records(_ text: String, limit: Int = CSVRecordReader.defaultCellLimit) throws -> [TabularRecord] {
        var reader = CSVRecordReader(bytes: Array(text.utf8), file: "t.csv", cellLimit: limit)
        var result: [TabularRecord] = []
        while let record = try reader.next() { result.append(record) }
        return result
    }

    @Test func quotedCommasQuotesAndLineBreaksKeepTheirLineNumbers() throws {
        let text = "客户名称,需求\r\n\"恒通, 杭州\",\"说 \"\"尽快\"\"\r\n第二行\"\r\n大华,ERP\r\n"
        let result = try records(text)
        #expect(result.map(\.cells) == [["客户名称", "需求"], ["恒通, 杭州", "说 \"尽快\"\r\n第二行"], ["大华", "ERP"]])
        #expect(result.map(\.line) == [1, 2, 4])
    }

    @Test func lfCrAndMissingFinalNewlineAllEndRecords() throws {
        #expect(try records("a,b\nc,d").map(\.cells) == [["a", "b"], ["c", "d"]])
        #expect(try records("a,b\rc,d\r").map(\.line) == [1, 2])
        #expect(try records("a,\n,\n").map(\.cells) == [["a", ""], ["", ""]])
        #expect(try records("a,b,").map(\.cells) == [["a", "b", ""]])
    }

    @Test func blankLinesAreBlankRecords() throws {
        let result = try records("a\n\n\nb\n")
        #expect(result.map(\.isBlank) == [false, true, true, false])
        #expect(result.last?.line == 4)
    }

    @Test func anUnclosedQuoteNamesTheLineWhereItOpened() throws {
        #expect(throws: ImportFileError.unclosedQuote("t.csv", line: 3)) {
            try records("a,b\n1,2\n3,\"four\n5,6\n7,8\n")
        }
    }

    @Test func aCellOverTheLimitIsRefusedWithItsLineAndColumn() throws {
        let big = String(repeating: "x", count: 2_000)
        #expect(throws: ImportFileError.cellTooLarge("t.csv", line: 2, column: 2, limit: 1_000)) {
            try records("a,b\n1,\(big)\n", limit: 1_000)
        }
        #expect(throws: ImportFileError.cellTooLarge("t.csv", line: 2, column: 1, limit: 1_000)) {
            try records("a,b\n\"\(big)\",1\n", limit: 1_000)
        }
    }

    @Test func strayQuotesAreKeptNotLost() throws {
        #expect(try records("\"abc\"def,5\"\n").map(\.cells) == [["abcdef", "5\""]])
    }

    @Test func tabsAsDelimiter() throws {
        var reader = CSVRecordReader(bytes: Array("a\tb,c\n1\t2\n".utf8), file: "t.tsv", delimiter: UInt8(ascii: "\t"))
        #expect(try reader.next()?.cells == ["a", "b,c"])
        #expect(try reader.next()?.cells == ["1", "2"])
    }

    @Test func theWriterQuotesWhatTheReaderNeeds() throws {
        let cells = ["plain", "a,b", "say \"hi\"", "two\nlines", " padded ", "", "中文，全角"]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("w-\(UUID().uuidString).csv")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        let writer = try CSVWriter(handle: handle)
        try writer.write(cells)
        try writer.flush()
        try handle.close()
        let (bytes, encoding) = try TextFileDecoder.decode(try Data(contentsOf: url), file: "w.csv")
        #expect(encoding == .utf8)
        var reader = CSVRecordReader(bytes: bytes, file: "w.csv")
        #expect(try reader.next()?.cells == cells)
    }
}

@Suite("Text encodings")
struct TextFileDecoderTests {
    @Test func utf8WithAndWithoutBOM() throws {
        for encoding in [CSVFileEncoding.utf8, .utf8BOM] {
            let (bytes, detected) = try TextFileDecoder.decode(encoding.data("客户名称,电话\n"), file: "a.csv")
            #expect(detected == .utf8)
            #expect(String(decoding: bytes, as: UTF8.self) == "客户名称,电话\n")
        }
    }

    @Test func gb18030IsDetected() throws {
        let data = CSVFileEncoding.gb18030.data("客户名称,电话\n杭州恒通科技有限公司,13800138000\n")
        #expect(String(data: data, encoding: .utf8) == nil)
        let (bytes, detected) = try TextFileDecoder.decode(data, file: "a.csv")
        #expect(detected == .gb18030)
        #expect(String(decoding: bytes, as: UTF8.self).contains("杭州恒通科技有限公司"))
    }

    @Test func forcingUTF8OnGB18030NamesTheLine() throws {
        let data = CSVFileEncoding.gb18030.data("customer,phone\nabc,1\n恒通,2\n")
        #expect(throws: ImportFileError.undecodable("a.csv", encoding: "UTF-8", line: 3)) {
            try TextFileDecoder.decode(data, file: "a.csv", forced: .utf8)
        }
    }

    @Test func emptyAndBinaryFilesAreRefused() throws {
        #expect(throws: ImportFileError.empty("a.csv")) { try TextFileDecoder.decode(Data(), file: "a.csv") }
        #expect(throws: ImportFileError.empty("a.csv")) { try TextFileDecoder.decode(Data([0xEF, 0xBB, 0xBF, 0x0D, 0x0A]), file: "a.csv") }
        #expect(throws: ImportFileError.binary("a.csv", line: 2)) {
            try TextFileDecoder.decode(Data("a,b\n\u{0}\u{1}\u{2}".utf8), file: "a.csv")
        }
        var random = SystemRandomNumberGenerator()
        let garbage = Data((0..<4_096).map { _ in UInt8.random(in: 0...255, using: &random) })
        #expect(throws: ImportFileError.self) { try TextFileDecoder.decode(garbage, file: "a.csv") }
    }

    @Test func escapeSequencesInCellsAreText() throws {
        let (bytes, _) = try TextFileDecoder.decode(Data("a,b\n\u{1B}[31mred\u{1B}[0m,1\n".utf8), file: "a.csv")
        #expect(String(decoding: bytes, as: UTF8.self).contains("\u{1B}[31m"))
    }
}
