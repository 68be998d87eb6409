import ClewDomain
import ClewServices
import Foundation

extension InboxService {
    /// The inbox use cases on `context`'s database, in its working calendar's days.
    public init(context: ClewContext, actor: ActingUser) {
        self.init(store: SQLiteServiceStore(context: context), actor: actor, timeZone: context.calendar.timeZone)
    }
}
