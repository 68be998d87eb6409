import ClewDomain
import Foundation

/// `@login` mentions in note text.
public enum Mentions {
    /// Refuses the first of `logins` that names no user at all (a typo), offering the closest
    /// active login; a deactivated user's mention is skipped, not refused.
    ///
    /// - Throws: ``ClewDomain/MentionError/unknownLogin(_:suggestion:)``.
    static func requireKnown(_ logins: [String], _ users: any UserRepository) throws {
        guard !logins.isEmpty else { return }
        let known = Set(try users.logins())
        guard let unknown = logins.first(where: { !known.contains($0) }) else { return }
        // Only on a typo: the active logins to suggest from.
        let active = try users.logins().filter { try users.profile(login: $0)?.isActive == true }
        throw MentionError.unknownLogin(unknown, suggestion: Suggestion.closest(to: unknown, in: active))
    }

    /// The logins `text` mentions (`@wang.fang`), in order, each once; an `@` inside a word
    /// (an email address) mentions nobody, and a trailing `.` or `-` is punctuation.
    public static func logins(in text: String) -> [String] {
        var result: [String] = []
        var iterator = text.makeIterator()
        var previous: Character = " "
        var current: String?
        while let character = iterator.next() {
            if var login = current {
                if character.isASCII && (character.isLetter || character.isNumber || "._-".contains(character)) {
                    login.append(character)
                    current = login
                    continue
                }
                if !login.isEmpty && !result.contains(login) { result.append(login) }
                current = nil
            }
            if character == "@" && !(previous.isASCII && (previous.isLetter || previous.isNumber)) { current = "" }
            previous = character
        }
        if let login = current, !login.isEmpty, !result.contains(login) { result.append(login) }
        return result.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".-")) }
    }
}
