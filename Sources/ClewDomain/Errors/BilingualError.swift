import Foundation

/// A user-facing error that says what went wrong in English and in Chinese.
///
/// The CLI prints ``description`` (English, then the Chinese in brackets, as the store's
/// errors do); the TUI under `--lang zh` shows ``chinese`` alone.
public protocol BilingualError: UserFacingError {
    /// The message in English.
    var english: String { get }
    /// The message in Chinese.
    var chinese: String { get }
}

extension BilingualError {
    public var description: String { "\(english) (\(chinese))" }
}

/// How errors write a moment: `2026-11-23 10:00:00`, the same in both languages.
enum ErrorTimestamp {
    static func text(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
