import Foundation

/// Why a note's `@login` mentions were refused: a mention that names nobody is never dropped
/// silently — the note is not saved, and the closest active login is offered.
public enum MentionError: BilingualError, Equatable {
    /// `@login` is not an active user; `suggestion` is the closest one that is.
    case unknownLogin(String, suggestion: String?)

    public var english: String {
        switch self {
        case let .unknownLogin(login, suggestion):
            "nobody is called @\(login)" + (suggestion.map { "; did you mean @\($0)?" } ?? "") + " (the note was not saved)"
        }
    }

    public var chinese: String {
        switch self {
        case let .unknownLogin(login, suggestion):
            "没有用户 @\(login)" + (suggestion.map { "，你是指 @\($0) 吗？" } ?? "") + "（备注未保存）"
        }
    }
}
