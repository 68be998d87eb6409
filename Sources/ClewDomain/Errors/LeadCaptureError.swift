import Foundation

/// Why a capture time was refused: on `clew lead add --captured-at`, or in an import file's
/// capture-time column (获取时间), naming the column.
public enum LeadCaptureError: BilingualError, Equatable {
    case inFuture(Date)
    /// An import cell (column `column`) gives a capture time after the import started.
    case columnInFuture(column: String, Date)
    /// An import cell (column `column`) is not a date or time.
    case columnUnreadable(column: String, text: String)

    public var english: String {
        switch self {
        case let .inFuture(date): "--captured-at \(ErrorTimestamp.text(date)) is in the future; give when the lead was captured"
        case let .columnInFuture(column, date):
            "\(Self.safe(column)): captured at \(ErrorTimestamp.text(date)) is in the future; give when the lead was captured"
        case let .columnUnreadable(column, text):
            "\(Self.safe(column)): cannot read '\(Self.safe(text))' as a capture time; use 2026-11-26, '2026-11-26 14:30' or 2026/11/26 14:30:00"
        }
    }

    public var chinese: String {
        switch self {
        case let .inFuture(date): "获取时间 \(ErrorTimestamp.text(date)) 晚于当前时间"
        case let .columnInFuture(column, date): "\(Self.safe(column))：获取时间 \(ErrorTimestamp.text(date)) 晚于当前时间"
        case let .columnUnreadable(column, text): "\(Self.safe(column))：无法识别的获取时间「\(Self.safe(text))」"
        }
    }

    private static func safe(_ text: String) -> String { TextNormalization.terminalSafe(text) }
}
