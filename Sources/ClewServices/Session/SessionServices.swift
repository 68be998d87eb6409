import ClewDomain
import Foundation

/// Everything one session's screens may ask for, on behalf of one acting user: the use cases
/// by area, and the few facts about the process and the clock the screens show.
///
/// The view models and the TUI depend on this protocol only, never on a store: the SQLite
/// store's `LiveServices` implements it, and so will a PostgreSQL store.
public protocol SessionServices: Sendable {
    /// Who is acting (the OS user, as Clew knows them).
    var actor: ActingUser { get }
    /// The pipeline's stages, as the process defines them now.
    var pipeline: Pipeline { get }
    /// The process's tag dimensions (`[[tags]]`), for forms and the detail pane.
    var tagDimensions: [TagDimension] { get }
    /// The session's clock.
    var now: Date { get }
    /// The time zone the working calendar counts days in.
    var timeZone: TimeZone { get }
    /// Reading, registering and working leads.
    var leads: any LeadUseCases { get }
    /// The kanban board.
    var board: any BoardUseCases { get }
    /// The inbox: tasks, confirmations, notifications, approvals.
    var inbox: any InboxUseCases { get }
    /// The screening queue (supervisors and admins).
    var screening: any ScreeningUseCases { get }
    /// Full-text search.
    var search: any SearchUseCases { get }
    /// The lead pools.
    var pools: any PoolUseCases { get }
    /// Deciding approval requests.
    var approvals: any ApprovalUseCases { get }
    /// Contracts, payment plans and collection.
    var receivables: any ReceivableUseCases { get }
    /// Tasks.
    var tasks: any TaskUseCases { get }
    /// Manual tags on leads.
    var tags: any TagUseCases { get }
    /// The dashboard's figures.
    var reports: any DashboardReportSource { get }
}

extension SessionServices {
    /// Whether the actor may screen (supervisors and admins).
    public var canScreen: Bool { AccessPolicy.has(.screen, actor) }
}
