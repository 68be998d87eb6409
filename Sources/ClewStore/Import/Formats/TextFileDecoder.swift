import ClewServices
import Foundation

/// The text encodings an import file may be in.
public enum ImportEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case gb18030
    case utf16 = "utf-16"

    /// Reads `--encoding` values: `utf8`, `utf-8`, `gb18030`, `gbk`, `gb2312`, `utf16`.
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") {
        case "utf8": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
        case "utf16": self = .utf16
        default: return nil
        }
    }

    /// GB18030 (a superset of GBK and GB2312) as swift-corelibs-foundation knows it.
    static let foundationGB18030 = String.Encoding(rawValue: 0x8000_0632)
}

/// Turns a file's bytes into UTF-8 bytes for ``CSVRecordReader``: a UTF-8 BOM is dropped, a
/// UTF-16 BOM is honoured, valid UTF-8 is used as it is, and anything else is read as GB18030
/// (what Excel and WPS save as "CSV" on a Chinese Windows). Binary files are refused.
///
/// ```swift
/// let (bytes, encoding) = try TextFileDecoder.decode(data, file: "leads.csv")   // encoding == .gb18030
/// ```
public enum TextFileDecoder {
    /// Decodes `data` whole, detecting the encoding unless `forced`: the blocks of a
    /// ``TextFileStream`` over it, joined (an import streams its file instead).
    ///
    /// - Throws: ``ImportFileError/empty(_:)``, ``ImportFileError/binary(_:line:)``,
    ///   ``ImportFileError/undecodable(_:encoding:line:)``.
    public static func decode(_ data: Data, file: String, forced: ImportEncoding? = nil) throws(ImportFileError) -> (bytes: [UInt8], encoding: ImportEncoding) {
        try decode(data, file: file, forced: forced, blockSize: TextFileStream.defaultBlockSize)
    }

    /// ``decode(_:file:forced:)`` in blocks of `blockSize` raw bytes (tests cut files at every offset).
    static func decode(_ data: Data, file: String, forced: ImportEncoding?, blockSize: Int) throws(ImportFileError) -> (bytes: [UInt8], encoding: ImportEncoding) {
        var stream = try TextFileStream(input: MemoryByteInput([UInt8](data)), file: file, forced: forced, blockSize: blockSize)
        var bytes: [UInt8] = []
        while let block = try stream.next() { bytes += block }
        return (bytes, stream.encoding)
    }

    // MARK: - Checks

    /// The offset of the first byte that is not part of a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            guard (lower...upper).contains(bytes[i + 1]) else { return i }
            for k in 2..<length where !(0x80...0xBF).contains(bytes[i + k]) { return i }
            i += length
        }
        return nil
    }

    /// The line of the first NUL, or of the point where C0 control characters (other than tab and
    /// line ends) exceed 1 in 20 characters of a line: such a file is binary, not a spreadsheet.
    /// Occasional escape sequences in cells are text and are kept.
    static func binaryLine(_ bytes: [UInt8]) -> Int? {
        var line = 1
        var controls = 0
        var lineLength = 0
        for byte in bytes {
            if byte == 0 { return line }
            if byte == 0x0A {
                if controls > 4 && controls * 20 > lineLength { return line }
                line += 1
                controls = 0
                lineLength = 0
                continue
            }
            lineLength += 1
            if byte < 0x20 && byte != 0x09 && byte != 0x0D { controls += 1 }
        }
        return controls > 4 && controls * 20 > lineLength ? line : nil
    }

    /// The 1-based line of byte `offset`.
    static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// The first line that does not decode as GB18030 on its own.
    static func firstUndecodableGB18030Line(_ bytes: [UInt8]) -> Int {
        var number = 1
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if String(data: Data(line), encoding: ImportEncoding.foundationGB18030) == nil { return number }
            number += 1
        }
        return number
    }
}
