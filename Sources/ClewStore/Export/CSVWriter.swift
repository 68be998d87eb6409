import ClewDomain
import ClewServices
import Foundation

/// Writes RFC 4180 CSV to a file handle, one record at a time: cells with a comma, quote,
/// CR or LF are quoted, quotes doubled, records end with CRLF (what Excel writes). The text is
/// UTF-8 with a byte-order mark (so Excel opens Chinese correctly), or GB18030 for old Excel
/// and WPS (`--excel`). Cells are made safe as ``CellSafety`` asks: by default a cell that
/// would start a spreadsheet formula gets a leading `'`.
///
/// ```swift
/// let writer = try CSVWriter(handle: .standardOutput, encoding: .utf8)
/// try writer.write(["客户名称", "电话"])
/// try writer.write(["恒通, 杭州", "138 0013 8000"])   // "恒通, 杭州" is quoted
/// try writer.flush()
/// ```
public final class CSVWriter {
    /// The output encodings.
    public enum Encoding: String, Sendable {
        /// UTF-8 with a byte-order mark.
        case utf8
        /// GB18030, no byte-order mark.
        case gb18030
    }

    private let handle: FileHandle
    private let encoding: Encoding
    private let safety: CellSafety
    private var buffer = Data()

    /// - Parameter byteOrderMark: start a UTF-8 file with a BOM (false when appending).
    public init(handle: FileHandle, encoding: Encoding = .utf8, safety: CellSafety = .spreadsheet, byteOrderMark: Bool = true) throws {
        self.handle = handle
        self.encoding = encoding
        self.safety = safety
        if encoding == .utf8 && byteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    /// Appends one record.
    public func write(_ cells: [String]) throws {
        let line = cells.map { Self.quoted(safety.apply($0)) }.joined(separator: ",") + "\r\n"
        switch encoding {
        case .utf8: buffer.append(contentsOf: line.utf8)
        case .gb18030:
            guard let data = line.data(using: ImportEncoding.foundationGB18030) else {
                throw ExportError.unencodable(encoding: "GB18030", row: String(line.prefix(40)))
            }
            buffer.append(data)
        }
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes what is buffered.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// A cell as CSV: quoted when it contains a delimiter, a quote or a line break, or starts or
    /// ends with a space (so the space survives).
    public static func quoted(_ cell: String) -> String {
        // Bytes, not characters: a delimiter, a quote or CR/LF is one ASCII byte in UTF-8, and a
        // character comparison per cell was an eighth of a 100 000-lead export.
        let bytes = cell.utf8
        let needsQuotes = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D } || bytes.first == 0x20 || bytes.last == 0x20
        guard needsQuotes else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
