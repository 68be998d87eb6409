import ClewDomain
import ClewServices
import Foundation

// The use cases that run over the ports (`ClewServices`), on a context's SQLite database: what
// the CLI, the bench and the store's tests call them with.

extension ScreeningService {
    /// The screening queue on `context`'s database.
    public init(context: ClewContext, actor: ActingUser) {
        self.init(store: SQLiteServiceStore(context: context), actor: actor)
    }
}

extension PoolService {
    /// The pools on `context`'s database.
    public init(context: ClewContext, actor: ActingUser) {
        self.init(store: SQLiteServiceStore(context: context), actor: actor)
    }
}

extension BoardService {
    /// The board on `context`'s database.
    public init(context: ClewContext, actor: ActingUser) {
        self.init(store: SQLiteServiceStore(context: context), actor: actor)
    }
}

extension LeadHandoverService {
    /// Handing leads over (assign, confirm, object, claim, return, reopen) on `context`'s database.
    public init(context: ClewContext, actor: ActingUser) {
        self.init(store: SQLiteServiceStore(context: context), actor: actor)
    }
}

extension LeadStageService {
    /// Moving leads through the pipeline and logging follow-ups on `context`'s database.
    public init(context: ClewContext, actor: ActingUser) {
        self.init(store: SQLiteServiceStore(context: context), actor: actor)
    }
}

extension ApprovalService {
    /// Deciding approval requests on `context`'s database.
    public init(context: ClewContext, actor: ActingUser) {
        self.init(store: SQLiteServiceStore(context: context), actor: actor)
    }
}

extension LeadClosingService {
    /// Closing leads on `context`'s database.
    public init(context: ClewContext, actor: ActingUser) {
        self.init(store: SQLiteServiceStore(context: context), actor: actor)
    }
}

extension LeadConversionService {
    /// Converting leads on `context`'s database.
    public init(context: ClewContext, actor: ActingUser) {
        self.init(store: SQLiteServiceStore(context: context), actor: actor)
    }
}

extension LeadMergingService {
    /// Merging leads on `context`'s database.
    public init(context: ClewContext, actor: ActingUser) {
        self.init(store: SQLiteServiceStore(context: context), actor: actor)
    }
}

extension TagService {
    /// Manual tags on `context`'s database.
    public init(context: ClewContext, actor: ActingUser) {
        self.init(store: SQLiteServiceStore(context: context), actor: actor)
    }
}

extension LeadRegistrationService {
    /// Registering leads on `context`'s database.
    public init(context: ClewContext, actor: ActingUser) {
        self.init(store: SQLiteServiceStore(context: context), actor: actor)
    }
}

extension LeadDetailsService {
    /// Editing leads' details, their events and notes on `context`'s database.
    public init(context: ClewContext, actor: ActingUser) {
        self.init(store: SQLiteServiceStore(context: context), actor: actor)
    }
}

extension LeadGradingService {
    /// Grading leads on `context`'s database.
    public init(context: ClewContext, actor: ActingUser) {
        self.init(store: SQLiteServiceStore(context: context), actor: actor)
    }
}
