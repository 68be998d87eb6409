import ClewDomain
import ClewStore
import Foundation

/// The services a session's view models call, for one acting user.
public struct ClewServices: Sendable {
    public let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    public var leads: LeadService { LeadService(context: context, actor: actor) }
    public var board: BoardService { BoardService(context: context, actor: actor) }
    public var inbox: InboxService { InboxService(context: context, actor: actor) }
    public var screening: ScreeningService { ScreeningService(context: context, actor: actor) }
    public var search: SearchService { SearchService(context: context, actor: actor) }
    public var pools: PoolService { PoolService(context: context, actor: actor) }
    public var reports: ReportService { ReportService(context: context, actor: actor) }
    public var approvals: ApprovalService { ApprovalService(context: context, actor: actor) }
    public var receivables: ReceivableService { ReceivableService(context: context, actor: actor) }
    public var tasks: TaskService { TaskService(context: context, actor: actor) }
    public var users: UserDirectory { UserDirectory(context: context) }
    public var pipeline: Pipeline { context.pipeline }
    public var now: Date { context.clock.now() }
    public var timeZone: TimeZone { context.calendar.timeZone }

    /// Whether the actor may screen (supervisors and admins).
    public var canScreen: Bool { AccessPolicy.has(.screen, actor) }
}
