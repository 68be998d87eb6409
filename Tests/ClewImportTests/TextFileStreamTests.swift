import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// The import reads its file block by block (issue 12 §2): whatever the block size, the bytes and
/// records are those of the whole file read at once — no GB18030, UTF-8 or UTF-16 character cut
/// in two, no quoted line break lost at a block's edge.
@Suite("Text file streaming")
struct TextFileStreamTests {
    /// Chinese in every cell, quoted commas, quoted line breaks (LF and CRLF), doubled quotes,
    /// full-width digits, a four-byte GB18030 character (𠀀) and an emoji.
    static let text = [
        "客户名称,联系人,手机,备注\r\n",
        "杭州恒通科技有限公司,王芳,138 0013 8000,\"第一行\r\n第二行\"\r\n",
        "\"上海,浦东\",李雷,１３９００１３９０００,\"说\"\"好的\"\"\"\r\n",
        "北京𠀀科技,韩梅梅,13700137000,\"多行\n备注, 还有逗号\n结束\"\r\n",
        "深圳🙂公司,张伟,13600136000,\r\n",
    ].joined()

    private func records(_ bytes: [UInt8], blockSize: Int?, encoding: ImportEncoding? = nil) throws -> [TabularRecord] {
        var reader: CSVRecordReader
        if let blockSize {
            var stream = try TextFileStream(input: MemoryByteInput(bytes), file: "s.csv", forced: encoding, blockSize: blockSize)
            reader = CSVRecordReader(first: try stream.next() ?? [], stream: stream, file: "s.csv")
        } else {
            reader = CSVRecordReader(bytes: try TextFileDecoder.decode(Data(bytes), file: "s.csv", forced: encoding).bytes, file: "s.csv")
        }
        var result: [TabularRecord] = []
        while let record = try reader.next() { result.append(record) }
        return result
    }

    @Test(arguments: [CSVFileEncoding.utf8, .utf8BOM, .gb18030])
    func everyBlockSizeReadsTheSameRecords(_ encoding: CSVFileEncoding) throws {
        let bytes = [UInt8](encoding.data(Self.text))
        let whole = try records(bytes, blockSize: nil)
        #expect(whole.count == 5)
        #expect(whole[1].cells[3] == "第一行\r\n第二行")
        #expect(whole[3].cells[3] == "多行\n备注, 还有逗号\n结束")
        #expect(whole[3].cells[0] == "北京𠀀科技")
        for blockSize in 4...40 {
            #expect(try records(bytes, blockSize: blockSize) == whole, "block size \(blockSize)")
        }
    }

    @Test func utf16IsCutBetweenSurrogatePairs() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in Self.text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let whole = try records(bytes, blockSize: 1 << 20)
        #expect(whole.count == 5)
        #expect(whole[4].cells[0] == "深圳🙂公司")
        for blockSize in [4, 5, 6, 7, 10, 13] {
            #expect(try records(bytes, blockSize: blockSize) == whole, "block size \(blockSize)")
        }
    }

    @Test func detectionLooksAtTheWholeFile() throws {
        // Plain ASCII for several blocks, then GB18030: still GB18030, not broken UTF-8.
        let text = String(repeating: "customer,phone,x\n", count: 50) + "恒通科技,13800138000,备注\n"
        let bytes = [UInt8](CSVFileEncoding.gb18030.data(text))
        let (decoded, encoding) = try TextFileDecoder.decode(Data(bytes), file: "a.csv", forced: nil, blockSize: 64)
        #expect(encoding == .gb18030)
        #expect(String(decoding: decoded, as: UTF8.self) == text)
        // A UTF-8 sequence cut by the survey's block is still valid UTF-8.
        let utf8 = Array("ab,恒通\n".utf8)
        for blockSize in 4...8 {
            #expect(try TextFileDecoder.decode(Data(utf8), file: "a.csv", forced: nil, blockSize: blockSize).encoding == .utf8)
        }
    }

    @Test func errorsNameTheLineInLaterBlocks() throws {
        let data = CSVFileEncoding.gb18030.data(String(repeating: "abc,1\n", count: 30) + "恒通,2\n")
        #expect(throws: ImportFileError.undecodable("a.csv", encoding: "UTF-8", line: 31)) {
            try TextFileDecoder.decode(data, file: "a.csv", forced: .utf8, blockSize: 16)
        }
        let binary = Data((String(repeating: "a,b\n", count: 40) + "x\u{0}y\n").utf8)
        #expect(throws: ImportFileError.binary("a.csv", line: 41)) {
            try TextFileDecoder.decode(binary, file: "a.csv", forced: nil, blockSize: 16)
        }
        let unclosed = Array((String(repeating: "a,b\n", count: 40) + "\"open,1\nmore\n").utf8)
        #expect(throws: ImportFileError.unclosedQuote("s.csv", line: 41)) { try records(unclosed, blockSize: 16) }
    }

    @Test func aFileIsReadInBlocks() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).csv")
        let rows = (0..<20_000).map { "公司\($0),联系人,1380013\(String(format: "%04d", $0))" }
        try Data(("客户名称,联系人,手机\n" + rows.joined(separator: "\n") + "\n").utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var stream = try TextFileStream(input: try FileByteInput(path: url.path), file: "f.csv", blockSize: 4_096)
        var reader = CSVRecordReader(first: try stream.next() ?? [], stream: stream, file: "f.csv")
        var count = 0
        var halfway = 0.0
        while try reader.next() != nil {
            count += 1
            if count == 10_000 { halfway = reader.fractionRead }
        }
        #expect(count == 20_001)
        #expect(halfway > 0.4 && halfway < 0.6)
        #expect(reader.fractionRead == 1)
    }
}
