import ClewDomain
import ClewServices
import Foundation

/// The services of one session over the SQLite store, for one acting user: what the view
/// models and the TUI are given as their ``ClewServices/SessionServices``.
///
/// ```swift
/// let services = LiveServices(context: context, actor: actor)
/// let app = AppModel(services: services, language: .chinese)
/// ```
public struct LiveServices: SessionServices {
    /// The open database, the process definition and the clock the services run on.
    public let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    public var pipeline: Pipeline { context.pipeline }
    public var tagDimensions: [TagDimension] { context.process.tagDimensions }
    public var now: Date { context.clock.now() }
    public var timeZone: TimeZone { context.calendar.timeZone }

    public var leads: any LeadUseCases { LeadService(context: context, actor: actor) }
    public var board: any BoardUseCases { BoardService(context: context, actor: actor) }
    public var inbox: any InboxUseCases { InboxService(context: context, actor: actor) }
    public var screening: any ScreeningUseCases { ScreeningService(context: context, actor: actor) }
    public var search: any SearchUseCases { SearchService(context: context, actor: actor) }
    public var pools: any PoolUseCases { PoolService(context: context, actor: actor) }
    public var approvals: any ApprovalUseCases { ApprovalService(context: context, actor: actor) }
    public var receivables: any ReceivableUseCases { ReceivableService(context: context, actor: actor) }
    public var tasks: any TaskUseCases { TaskService(context: context, actor: actor) }
    public var tags: any TagUseCases { TagService(context: context, actor: actor) }
    public var reports: any DashboardReportSource { ReportService(context: context, actor: actor) }
}

extension LeadService: LeadUseCases {}


extension SearchService: SearchUseCases {}

extension ReceivableService: ReceivableUseCases {}

extension ReportService: DashboardReportSource {
    /// The report summaries' version (``ReportSummaries/fingerprint()``): the background tick's
    /// reminders and flags leave it alone, so they read nothing again.
    public func fingerprint() throws -> Int64? { try summariesVersion() }
}

extension ChangeFeed: ChangeSource {}
