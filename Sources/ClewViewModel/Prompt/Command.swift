import ClewDomain

/// A `:` command (vim/k9s style), parsed from the command line.
///
/// ```
/// :assign alice        :grade A 预算明确        :move proposal
/// :filter grade=A owner=me    :filter clear     :scope team
/// :win 38万   :lose 选择竞品   :note 已发方案 @bob   :search 华东   :q
/// ```
public enum Command: Equatable, Sendable {
    case assign(String)
    case grade(Grade, reason: String)
    case move(String)
    case filter([String: String])
    case clearFilter
    case scope(String)
    case win(String)
    case lose(String)
    case note(String)
    case confirm
    case object(String)
    case claim
    case returnToPool(String)
    case approve(String?)
    case reject(String)
    case snooze(String)
    case done
    case search(String)
    case open(String)
    case show(String)
    case help
    case quit

    /// The command names, for "did you mean".
    public static let names = ["assign", "grade", "move", "filter", "scope", "win", "lose", "note", "confirm", "object",
                               "claim", "return", "approve", "reject", "snooze", "done", "search", "open", "board", "inbox",
                               "screening", "dashboard", "help", "quit", "q"]

    /// The `:filter` keys besides the process file's tag dimensions.
    public static let filterKeys = ["grade", "owner", "source", "region", "tag", "company-type", "employees-min"]

    /// Parses a command line (without the leading `:`).
    ///
    /// - Parameter dimensions: the process file's tag dimensions: `:filter 客户类型=高潜力` filters
    ///   on that dimension's value (the tag `客户类型=高潜力`) without the `tag=` prefix.
    public static func parse(_ line: String, dimensions: [String] = []) throws(CommandError) -> Command {
        let trimmed = TextNormalization.trimmed(line)
        guard !trimmed.isEmpty else { throw .empty }
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts[0].lowercased()
        let rest = parts.count > 1 ? TextNormalization.trimmed(parts[1]) : ""
        func need(_ usage: String) throws(CommandError) -> String {
            guard !rest.isEmpty else { throw .usage(usage) }
            return rest
        }
        switch name {
        case "assign": return .assign(try need(":assign LOGIN"))
        case "grade":
            let words = try need(":grade A|B|C REASON").split(separator: " ", maxSplits: 1).map(String.init)
            guard let grade = Grade(parsing: words[0]) else { throw .usage(":grade A|B|C REASON") }
            guard words.count == 2 else { throw .usage(":grade \(grade) REASON (a reason is required)") }
            return .grade(grade, reason: words[1])
        case "move": return .move(try need(":move STAGE"))
        case "filter":
            let text = try need(":filter grade=A owner=me source=展会 region=华东 tag=… company-type=国企 employees-min=500 DIMENSION=VALUE stalled|escalated|overdue|unconfirmed | :filter clear")
            if text == "clear" || text == "none" { return .clearFilter }
            var pairs: [String: String] = [:]
            var flags: [WorkFlag] = []
            for token in text.split(separator: " ") {
                // A bare flag (`stalled`, `逾期`) or `flag=stalled`.
                if let flag = WorkFlag(spelling: String(token)) { flags.append(flag); continue }
                let kv = token.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2, kv[0] == "flag" {
                    guard let flag = WorkFlag(spelling: kv[1]) else {
                        throw .usage("flags are \(WorkFlag.allCases.map(\.rawValue).joined(separator: ", ")); got '\(kv[1])'")
                    }
                    flags.append(flag)
                    continue
                }
                if kv.count == 2, dimensions.contains(kv[0]) {
                    pairs["tag"] = kv[0] + "=" + kv[1]
                    continue
                }
                guard kv.count == 2, filterKeys.contains(kv[0]) else {
                    let keys = (filterKeys + dimensions).joined(separator: ", ")
                    let hint = kv.count == 2 ? Suggestion.closest(to: kv[0], in: filterKeys + dimensions).map { "; did you mean '\($0)'?" } ?? "" : ""
                    throw .usage("filter terms are key=value with key \(keys), or a flag (stalled, escalated, overdue, unconfirmed); got '\(token)'\(hint)")
                }
                pairs[kv[0]] = kv[1]
            }
            if !flags.isEmpty { pairs["flag"] = flags.map(\.rawValue).joined(separator: ",") }
            return .filter(pairs)
        case "scope": return .scope(try need(":scope mine|team|all"))
        case "win": return .win(try need(":win AMOUNT"))
        case "lose": return .lose(try need(":lose REASON"))
        case "note": return .note(try need(":note TEXT"))
        case "confirm": return .confirm
        case "object": return .object(try need(":object REASON"))
        case "claim": return .claim
        case "return": return .returnToPool(try need(":return REASON"))
        case "approve": return .approve(rest.isEmpty ? nil : rest)
        case "reject": return .reject(try need(":reject COMMENT"))
        case "snooze": return .snooze(rest.isEmpty ? "+1d" : rest)
        case "done": return .done
        case "search": return .search(try need(":search TEXT"))
        case "open": return .open(try need(":open NUMBER"))
        case "board", "inbox", "screening", "dashboard": return .show(name)
        case "help", "h": return .help
        case "q", "quit", "exit": return .quit
        default: throw .unknown(name, suggestion: Suggestion.closest(to: name, in: names))
        }
    }
}

/// A command line that could not be understood.
public enum CommandError: UserFacingError, Equatable {
    case empty
    case unknown(String, suggestion: String?)
    case usage(String)

    public var description: String {
        switch self {
        case .empty: "type a command, e.g. :assign alice"
        case let .unknown(name, suggestion): "unknown command ':\(name)'" + (suggestion.map { "; did you mean ':\($0)'?" } ?? "")
        case let .usage(usage): "usage: \(usage)"
        }
    }
}
