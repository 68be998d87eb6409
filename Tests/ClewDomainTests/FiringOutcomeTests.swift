import ClewDomain
import Testing

/// Every rule outcome has one spelling: the line rule review (`clew report rules`) and the
/// tick's report show, which tests and people read.
@Suite("Firing outcomes")
struct FiringOutcomeTests {
    static let spellings: [(FiringOutcome, String)] = [
        (.assigned(to: "alice", why: "least loaded"), "assigned to alice (least loaded)"),
        (.assigned(to: "alice", why: nil), "assigned to alice"),
        (.skipped("carol is away"), "skipped: carol is away"),
        (.noRoomInTeam(supervisor: "bob"), "left in screening: no one in team:bob has room"),
        (.sentToPool("华东公海"), "sent to pool 华东公海"),
        (.escalated(to: "bob"), "escalated to bob"),
        (.escalated(to: nil), "escalated to no supervisor"),
        (.reminded("alice"), "reminded alice"),
        (.reminderSkippedInsideWindow, "skipped: created inside the reminder window"),
        (.flaggedStalled(told: nil), "flagged stalled; told no one"),
        (.markedOverdue(told: "alice"), "marked overdue; told alice"),
        (.returnedToPool(from: nil, pool: "east"), "returned from ? to pool east"),
        (.taskScheduled(id: 7, for: "alice", due: "2026-11-24 10:00"), "task #7 for alice, due 2026-11-24 10:00"),
        (.taskGiven(id: 8, to: "fred", cc: []), "task #8 for fred"),
        (.taskGiven(id: 8, to: "fred", cc: ["bob", "erin"]), "task #8 for fred, cc bob, erin"),
        (.nobodyForTask(who: "finance", task: "开票"), "no finance to give '开票' to"),
        (.notified(["bob", "erin"]), "notified bob, erin"),
        (.nobodyToNotify("legal"), "no legal to notify"),
        (.emailQueued(id: 3, to: "wang@example.com"), "email #3 to wang@example.com queued"),
        (.noCustomerEmail, "no customer email; nothing sent"),
        (.noTemplate("welcome"), "no template 'welcome'; nothing sent"),
        (.tagged("价格敏感"), "tagged 价格敏感"),
        (.alreadyTagged("价格敏感"), "already tagged 价格敏感"),
        (.keywordTagged("竞品", riskAlertTo: "bob"), "tagged 竞品; risk alert to bob"),
        (.keywordTagged("竞品", riskAlertTo: nil), "tagged 竞品"),
        (.moved(to: "contract"), "moved to contract"),
        (.notMoved(status: "won", stage: nil), "not moved (lead is won, in no stage)"),
        (.riskAlert(to: "bob"), "risk alert to bob"),
        (.noSupervisorToAlert, "no supervisor to alert"),
        (.claimed(by: "dave"), "claimed by dave"),
        (.all([.tagged("A"), .notified(["bob"])]), "tagged A; notified bob"),
        (.all([]), ""),
    ]

    @Test(arguments: spellings)
    func spelling(_ outcome: FiringOutcome, _ text: String) {
        #expect(outcome.description == text)
    }

    @Test func kindsAreTheFiringLogsSpelling() {
        #expect(FiringKind.allCases.map(\.rawValue) == ["assignment", "trigger", "cadence", "keyword", "timer", "pool"])
    }
}
