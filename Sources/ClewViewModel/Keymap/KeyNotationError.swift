import ClewDomain

/// Why a key written in `keymap.conf` notation could not be read.
public enum KeyNotationError: UserFacingError, Equatable {
    /// Nothing was written where a key was expected.
    case empty
    /// A `<` without its closing `>`, as in `<Enter`.
    case unclosed(String)
    /// A name between angle brackets that is not a key, as in `<Foo>`; `suggestion` is a close name.
    case unknownName(String, suggestion: String?)
    /// `<C-…>` with something other than a letter a–z, as in `<C-ä>`.
    case badControl(String)
    /// `<M-…>` with more or less than one character, as in `<M-xy>`.
    case badMeta(String)
    /// A space, tab or control character written as itself.
    case unprintable(String)

    public var description: String {
        switch self {
        case .empty:
            "empty key"
        case .unclosed(let text):
            "bad key notation '\(text)': unclosed '<'; write <Lt> for the '<' key"
        case .unknownName(let text, let suggestion):
            "bad key notation '\(text)': unknown key name" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .badControl(let text):
            "bad key notation '\(text)': <C-…> takes a letter a–z"
        case .badMeta(let text):
            "bad key notation '\(text)': <M-…> takes one character"
        case .unprintable(let text):
            "bad key notation '\(text)': write <Space>, <Tab> or <Enter> instead of the character itself"
        }
    }
}
