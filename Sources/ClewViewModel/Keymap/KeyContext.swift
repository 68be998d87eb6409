/// Where a key is pressed: each screen or mode of the TUI has its own bindings (DESIGN §9).
///
/// Lookup runs from the current context to `generic`, except in the text-entry contexts
/// (`search`, `form`, `prompt`), where an unbound printable key is typed into the field rather
/// than handed to a `generic` binding such as `q`.
public enum KeyContext: String, CaseIterable, Hashable, Sendable, Comparable {
    /// Bindings that apply in every context that inherits them (navigation, tabs, help, quit).
    case generic
    /// The pipeline board: columns of lead cards.
    case board
    /// One lead's detail screen.
    case detail
    /// Tasks, assignments to confirm, mentions, escalations and approvals.
    case inbox
    /// The screening queue of new leads waiting for a grade and an owner.
    case screening
    /// The search screen: typing edits the query, the arrows move through the results.
    case search
    /// A form (new lead, follow-up, grade, assign, lost reason).
    case form
    /// The one-line prompt at the bottom (`:` commands, `/` queries).
    case prompt
    /// The `?` help screen.
    case help
    /// The lead pools: the reader's pools and the leads waiting in each, to claim.
    case pools
    /// The sales dashboard: funnel, time per stage, reps, sources or campaigns, trend.
    case dashboard
    /// Customers: the list, and one customer's contacts, contracts, payments and timeline.
    case customers
    /// Receivables (the finance screen): due this week, contracts, overdue by age per customer and rep.
    case receivables
    /// Service tickets (to come).
    case tickets

    /// The screens that have a number key and a context but are not built yet.
    public static let upcomingScreens: [KeyContext] = [.tickets]

    /// Whether bindings missing here are looked up in `generic`. Text-entry contexts do not
    /// inherit, so `q` or `j` typed into a field stay text.
    public var inheritsGeneric: Bool {
        switch self {
        case .search, .form, .prompt: false
        case .generic, .board, .detail, .inbox, .screening, .help, .pools, .dashboard, .customers, .receivables, .tickets: true
        }
    }

    /// A title for the help screen, such as "Board".
    public var title: String {
        switch self {
        case .generic: "General"
        case .board: "Board"
        case .detail: "Lead detail"
        case .inbox: "Inbox"
        case .screening: "Screening queue"
        case .search: "Search"
        case .form: "Forms"
        case .prompt: "Prompt"
        case .help: "Help"
        case .pools: "Pools"
        case .dashboard: "Dashboard"
        case .customers: "Customers"
        case .receivables: "Receivables"
        case .tickets: "Tickets"
        }
    }

    /// Contexts in declaration order, which is the order of `keymap.conf` and of the dump.
    public static func < (lhs: KeyContext, rhs: KeyContext) -> Bool {
        let order = KeyContext.allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}
