import ClewServices
/// Every table of the schema, each either written through the audited path or exempt from it
/// with the reason why.
///
/// ``Mutation`` writes audited records only: `insert`, `update` and `change` bump the record's
/// version (when it has one) and append an audit row per changed field in the same transaction.
/// A test reads the schema and fails for a table that is in neither list, so a new record type
/// cannot be added without deciding how its changes are kept.
public enum StoredTable: String, CaseIterable, Sendable {
    case lead, task, user, approval, outbox, customer, contact, opportunity, campaign
    case salesTarget = "sales_target"
    case note
    case followUp = "follow_up"
    case holiday
    case processDefinition = "process_definition"
    case importRun = "import"
    case leadExtra = "lead_extra"
    case leadEvent = "lead_event"
    case audit
    case leadSequence = "lead_sequence"
    case stageHistory = "stage_history"
    case notification
    case ruleFiring = "rule_firing"
    case lease
    case importLead = "import_lead"
    case leadSearch = "lead_search"
    case followUpSearch = "follow_up_search"
    case intakeToken = "intake_token", intakeRequest = "intake_request", leadConsent = "lead_consent"
    case reportStageDay = "report_stage_day", leadSLA = "lead_sla", reportSummaryState = "report_summary_state"
    case leadReach = "lead_reach"
    case reportCohortDay = "report_cohort_day", reportStagePairDay = "report_stage_pair_day"
    case leadTag = "lead_tag"
    case contract, contractLine = "contract_line", instalment, payment, paymentAllocation = "payment_allocation", invoice
    case userChannel = "user_channel"
    case leadTally = "lead_tally"

    /// How changes to a table are kept.
    public enum Policy: Equatable, Sendable {
        /// Every change goes through the audited path; `versioned` records carry a `version`
        /// column bumped by every change (optimistic concurrency).
        case audited(versioned: Bool)
        /// Not audited row by row, for `reason`.
        case exempt(reason: String)
    }

    /// How this table's changes are kept.
    public var policy: Policy {
        switch self {
        case .lead, .task, .user, .approval, .outbox, .customer, .contact, .opportunity, .campaign, .salesTarget, .leadTag,
             .contract, .contractLine, .instalment, .userChannel:
            .audited(versioned: true)
        case .note, .followUp, .leadEvent:
            .audited(versioned: false)  // append-only: each row is created once, with its audit row, and never changed
        case .holiday, .processDefinition, .importRun, .leadExtra, .intakeToken:
            .audited(versioned: false)
        case .payment, .paymentAllocation, .invoice:
            .audited(versioned: false)  // append-only: a payment is corrected by its reversal, never edited
        case .audit: .exempt(reason: "the audit trail itself; append-only by trigger")
        case .leadSequence: .exempt(reason: "the counter behind lead numbers; each number it gives is audited on its lead")
        case .stageHistory: .exempt(reason: "derived from the lead's audited stage changes, kept for reports")
        case .notification: .exempt(reason: "inbox delivery of changes audited where they happened; read marks are the reader's own")
        case .ruleFiring: .exempt(reason: "the automation's own log of what each rule did; it is the audit of the rules")
        case .lease: .exempt(reason: "coordination between processes, rewritten every few seconds; holds no business data")
        case .importLead: .exempt(reason: "an import's bookkeeping of which rows became which leads; each lead's creation is audited")
        case .leadSearch, .followUpSearch: .exempt(reason: "full-text index derived from audited records by triggers")
        case .intakeRequest: .exempt(reason: "an Idempotency-Key's kept answer, bookkeeping for retried posts; the post itself is audited on its lead")
        case .reportStageDay: .exempt(reason: "a summary of stage_history kept by triggers in the transaction of each change; rebuilt from it, holds nothing of its own")
        case .leadSLA: .exempt(reason: "a summary of each assignment's SLA outcome, derived from the audited confirmation and follow-ups when they happen")
        case .leadReach: .exempt(reason: "a summary of stage_history (the stages each lead visited) kept by triggers in the same transaction")
        case .reportCohortDay: .exempt(reason: "a summary of the leads per registration day kept by triggers in the transaction of each change; holds nothing of its own")
        case .reportStagePairDay: .exempt(reason: "report_stage_day under combined dimensions (owner or creator with one attribute), kept by triggers in the same transaction")
        case .reportSummaryState: .exempt(reason: "the summaries' bookkeeping (time zone, filled, a change counter); no business data")
        case .leadTally: .exempt(reason: "the board's column totals per status, stage and owner, kept by triggers on lead in the transaction of each change; holds nothing of its own")
        case .leadConsent: .exempt(reason: "written once with a post, in the transaction of the post's `intake` audit row on the lead, which says it")
        }
    }

    /// Whether the table carries a `version` column bumped by every change.
    public var isVersioned: Bool { policy == .audited(versioned: true) }

    /// The name the audit trail uses for the table's records (`entity`).
    public var entity: String {
        switch self {
        case .importRun: "import"
        default: rawValue
        }
    }
}
