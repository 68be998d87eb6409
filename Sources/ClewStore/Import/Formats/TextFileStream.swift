import ClewServices
import Foundation

/// A text file read block by block as UTF-8 bytes, so an import's memory is bounded by a block
/// and a chunk of rows, not by the file (issue 12 §2).
///
/// The encoding is decided first by one pass over the raw bytes (constant memory): a UTF-8 BOM
/// is dropped, a UTF-16 BOM is honoured, bytes that are valid UTF-8 throughout are used as they
/// are, anything else is read as GB18030. Then ``next()`` hands out decoded blocks of about
/// ``blockSize`` bytes, each cut where no character can be split:
///
/// - UTF-8 and GB18030: after a line feed when the block has one, else after the last byte below
///   `0x30` — in GB18030 no byte of a multi-byte character is below `0x30` (lead bytes are
///   `0x81…0xFE`, trail bytes `0x30…0xFE`), in UTF-8 none is below `0x80`;
/// - UTF-16: at an even offset that does not split a surrogate pair.
///
/// A quoted cell with line breaks may still span two blocks: ``CSVRecordReader`` reads on until
/// its record is complete.
///
/// ```swift
/// var stream = try TextFileStream(input: try FileByteInput(path: "leads.csv"), file: "leads.csv")
/// while let block = try stream.next() { … }   // UTF-8 bytes, about 1 MiB at a time
/// ```
struct TextFileStream {
    /// Where the raw bytes come from.
    let input: any ByteInput
    let file: String
    /// What the file turned out to be (or was forced to be).
    let encoding: ImportEncoding
    /// Raw bytes per block.
    let blockSize: Int
    private let forced: Bool
    private var bigEndian = false
    /// Raw bytes read but not yet decoded (the tail after the last safe cut).
    private var carry: [UInt8] = []
    private var exhausted = false
    /// Lines handed out so far (for the line numbers of errors found in later blocks).
    private var linesBefore = 0
    private var started = false
    /// Raw bytes decoded and handed out so far.
    private(set) var rawDelivered = 0
    /// UTF-8 bytes handed out so far.
    private(set) var decodedDelivered = 0

    static let defaultBlockSize = 1 << 20

    /// Surveys the input (one pass) and rewinds it.
    ///
    /// - Throws: ``ImportFileError/empty(_:)``, ``ImportFileError/undecodable(_:encoding:line:)``,
    ///   ``ImportFileError/unreadable(path:reason:)``.
    init(input: any ByteInput, file: String, forced: ImportEncoding? = nil, blockSize: Int = defaultBlockSize) throws(ImportFileError) {
        self.input = input
        self.file = file
        self.blockSize = max(blockSize, 4)
        self.forced = forced != nil
        let survey = try Self.survey(input, file: file, blockSize: self.blockSize, checkUTF8: forced == nil || forced == .utf8)
        if survey.empty { throw .empty(file) }
        if forced == .utf8, let line = survey.invalidUTF8Line { throw .undecodable(file, encoding: "UTF-8", line: line) }
        encoding = forced ?? (survey.utf16BOM ? .utf16 : (survey.invalidUTF8Line == nil ? .utf8 : .gb18030))
        try input.rewind()
    }

    /// Share of the raw file decoded so far, 0…1.
    var fractionRead: Double {
        let total = input.totalBytes
        return total == 0 ? 1 : min(1, Double(rawDelivered) / Double(total))
    }

    /// The next block of UTF-8 bytes, nil at the end of the file.
    ///
    /// - Throws: ``ImportFileError/binary(_:line:)``, ``ImportFileError/undecodable(_:encoding:line:)``,
    ///   ``ImportFileError/unreadable(path:reason:)``.
    mutating func next() throws(ImportFileError) -> [UInt8]? {
        var raw = carry
        carry = []
        if !started {
            started = true
            raw += try input.read(upTo: blockSize)
            if raw.starts(with: [0xEF, 0xBB, 0xBF]) {
                raw.removeFirst(3)
                rawDelivered += 3
            }
            if encoding == .utf16, raw.count >= 2 {
                if raw[0] == 0xFE && raw[1] == 0xFF { bigEndian = true; raw.removeFirst(2); rawDelivered += 2 }
                else if raw[0] == 0xFF && raw[1] == 0xFE { raw.removeFirst(2); rawDelivered += 2 }
            }
        }
        var cut: Int?
        while true {
            if !exhausted && raw.count < blockSize {
                let more = try input.read(upTo: blockSize - raw.count)
                if more.isEmpty { exhausted = true } else { raw += more }
            }
            if exhausted {
                cut = raw.count
                break
            }
            if let safe = safeCut(raw) {
                cut = safe
                break
            }
            // No safe place in a whole block (a line of letters over a megabyte): read on.
            let more = try input.read(upTo: blockSize)
            if more.isEmpty { exhausted = true } else { raw += more }
        }
        let end = cut ?? raw.count
        guard end > 0 else { return nil }
        if end < raw.count { carry = Array(raw[end...]) }
        let piece = Array(raw[..<end])
        let decoded = try decode(piece)
        if let line = TextFileDecoder.binaryLine(decoded) { throw .binary(file, line: linesBefore + line) }
        linesBefore += decoded.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        rawDelivered += piece.count
        decodedDelivered += decoded.count
        return decoded
    }

    /// Where `raw` may be cut without splitting a character (the length of the first part).
    private func safeCut(_ raw: [UInt8]) -> Int? {
        switch encoding {
        case .utf8, .gb18030:
            if let lf = raw.lastIndex(of: 0x0A) { return lf + 1 }
            if let low = raw.lastIndex(where: { $0 < 0x30 }) { return low + 1 }
            return nil
        case .utf16:
            var end = raw.count & ~1
            guard end >= 2 else { return nil }
            let last = bigEndian ? UInt16(raw[end - 2]) << 8 | UInt16(raw[end - 1]) : UInt16(raw[end - 1]) << 8 | UInt16(raw[end - 2])
            if (0xD800...0xDBFF).contains(last) { end -= 2 }
            return end > 0 ? end : nil
        }
    }

    private func decode(_ piece: [UInt8]) throws(ImportFileError) -> [UInt8] {
        switch encoding {
        case .utf8:
            return piece
        case .gb18030:
            if let nul = piece.firstIndex(of: 0) { throw .binary(file, line: linesBefore + TextFileDecoder.lineNumber(of: nul, in: piece)) }
            guard let text = String(data: Data(piece), encoding: ImportEncoding.foundationGB18030) else {
                throw .undecodable(file, encoding: forced ? "GB18030" : "UTF-8 or GB18030",
                                   line: linesBefore + TextFileDecoder.firstUndecodableGB18030Line(piece))
            }
            return Array(text.utf8)
        case .utf16:
            guard let text = String(data: Data(piece), encoding: bigEndian ? .utf16BigEndian : .utf16LittleEndian) else {
                throw .undecodable(file, encoding: "UTF-16", line: linesBefore + 1)
            }
            var bytes = Array(text.utf8)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            return bytes
        }
    }

    // MARK: - The first pass

    private struct Survey {
        var empty = true
        var utf16BOM = false
        var invalidUTF8Line: Int?
    }

    /// One pass over the raw bytes: blank or not, a UTF-16 BOM, the line of the first byte that
    /// is not valid UTF-8 (a sequence cut by a block's end is completed from the next block).
    private static func survey(_ input: any ByteInput, file: String, blockSize: Int, checkUTF8: Bool) throws(ImportFileError) -> Survey {
        var survey = Survey()
        var pending: [UInt8] = []
        var lines = 1
        var first = true
        while true {
            var block = try input.read(upTo: blockSize)
            let atEnd = block.isEmpty
            if first {
                first = false
                if block.starts(with: [0xEF, 0xBB, 0xBF]) { block.removeFirst(3) }
                survey.utf16BOM = block.starts(with: [0xFF, 0xFE]) || block.starts(with: [0xFE, 0xFF])
            }
            if survey.empty, block.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0x2C) }) {
                survey.empty = false
            }
            if checkUTF8 && survey.invalidUTF8Line == nil && !survey.utf16BOM {
                let bytes = pending + block
                pending = []
                if let bad = TextFileDecoder.firstInvalidUTF8(bytes) {
                    // A sequence the block's end cut short is checked again with the next block.
                    if !atEnd && bytes.count - bad < 4 && bytes[bad] >= 0xC2 {
                        pending = Array(bytes[bad...])
                        lines += bytes[..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                    } else {
                        survey.invalidUTF8Line = lines + bytes[..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                    }
                } else {
                    lines += bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                }
            }
            if atEnd { break }
            // Once the answer is known, the rest need not be read.
            if !survey.empty && (survey.utf16BOM || !checkUTF8 || survey.invalidUTF8Line != nil) { break }
        }
        return survey
    }
}

/// Raw bytes read a block at a time, from a file or from memory.
protocol ByteInput: AnyObject {
    /// Up to `count` bytes; empty at the end.
    func read(upTo count: Int) throws(ImportFileError) -> [UInt8]
    /// Back to the first byte.
    func rewind() throws(ImportFileError)
    /// The input's size in bytes.
    var totalBytes: Int { get }
}

/// A file opened for reading.
final class FileByteInput: ByteInput {
    private let handle: FileHandle
    private let path: String
    let totalBytes: Int

    /// - Throws: ``ImportFileError/unreadable(path:reason:)``.
    init(path: String) throws(ImportFileError) {
        self.path = path
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            totalBytes = Int(try handle.seekToEnd())
            try handle.seek(toOffset: 0)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
    }

    deinit { try? handle.close() }

    func read(upTo count: Int) throws(ImportFileError) -> [UInt8] {
        do { return [UInt8](try handle.read(upToCount: count) ?? Data()) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
    }

    func rewind() throws(ImportFileError) {
        do { try handle.seek(toOffset: 0) } catch { throw .unreadable(path: path, reason: error.localizedDescription) }
    }
}

/// Bytes already in memory.
final class MemoryByteInput: ByteInput {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var totalBytes: Int { bytes.count }

    func read(upTo count: Int) throws(ImportFileError) -> [UInt8] {
        let end = min(bytes.count, offset + count)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }

    func rewind() throws(ImportFileError) { offset = 0 }
}
