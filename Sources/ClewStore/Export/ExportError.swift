import ClewDomain
import ClewServices

/// Why an export could not be written.
public enum ExportError: BilingualError, Equatable {
    /// A row has characters the chosen encoding cannot write (the first 40 characters shown).
    case unencodable(encoding: String, row: String)

    public var english: String {
        switch self {
        case let .unencodable(encoding, row): "cannot encode a row as \(encoding): \(row)"
        }
    }

    public var chinese: String {
        switch self {
        case let .unencodable(encoding, row): "有一行无法用 \(encoding) 编码：\(row)"
        }
    }
}
