import ClewServices
import Foundation

/// Which views reload after other commits (issue 16 §5): each view only when the records it
/// shows changed — never for this process's own change, already reloaded, nor for a commit that
/// touched no business record (a lease renewal).
struct ReloadPlan: Hashable, Sendable {
    var board = false
    var inbox = false
    var screening = false
    var detail = false
    var pools = false
    /// The finance and customer screens.
    var receivables = false
    /// The dashboard (which then reads its figures only if the report summaries' version moved).
    var dashboard = false

    /// Records behind the board, the screening queue and the pools: leads, users (teams, capacity)
    /// and the process (stages, pools).
    static let leadLists: Set<String> = ["lead", "user", "process"]
    /// Records the inbox shows besides its leads and notifications.
    static let inboxRecords: Set<String> = ["task", "approval"]
    /// Records the lead detail shows besides the lead itself.
    static let detailRecords: Set<String> = ["task", "approval", "contact", "customer", "opportunity"]

    /// Records behind the finance and customer screens.
    static let receivableRecords: Set<String> = ["contract", "contract_line", "instalment", "payment", "payment_allocation", "invoice", "customer", "contact"]

    /// Records the dashboard counts besides the leads and users: payments received (回款, the
    /// campaigns' ROI), contracts, campaigns (costs), targets, opportunities and customers.
    static let dashboardRecords: Set<String> = ["payment", "contract", "campaign", "sales_target", "opportunity", "customer"]

    /// The plan for `changes`: `inboxLeads` are the leads the inbox lists, `detailLead` the open lead.
    init(_ changes: ChangeSet, inboxLeads: Set<Int64>, detailLead: Int64?) {
        guard !changes.isEmpty else { return }
        board = changes.touches(Self.leadLists)
        screening = board
        pools = changes.touches(["lead", "process"])
        receivables = changes.touches(Self.receivableRecords)
        dashboard = board || changes.touches(Self.dashboardRecords)
        inbox = changes.notified || changes.touches(Self.inboxRecords) || changes.touches(leads: inboxLeads)
        if let detailLead { detail = changes.touches(leads: [detailLead]) || changes.touches(Self.detailRecords) }
    }

    /// Everything (this process's own change, or `Ctrl-R`).
    static let everything = ReloadPlan(board: true, inbox: true, screening: true, detail: true, pools: true, receivables: true, dashboard: true)

    private init(board: Bool, inbox: Bool, screening: Bool, detail: Bool, pools: Bool, receivables: Bool, dashboard: Bool) {
        self.receivables = receivables
        self.dashboard = dashboard
        self.board = board
        self.inbox = inbox
        self.screening = screening
        self.detail = detail
        self.pools = pools
    }
}

/// How many times each view reloaded since the model started (the reload cost issue 16 §5
/// counts before and after).
public struct ReloadCounts: Hashable, Sendable {
    public var board = 0
    public var inbox = 0
    public var screening = 0
    public var detail = 0
    public var pools = 0
    public var receivables = 0
    /// Dashboard figures read again (a fingerprint check that found nothing new is not counted).
    public var dashboard = 0

    /// Every reload, all views together.
    public var total: Int { board + inbox + screening + detail + pools + receivables + dashboard }
}
