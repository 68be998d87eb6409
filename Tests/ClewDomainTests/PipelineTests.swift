import ClewDomain
import Foundation
import Testing

@Suite("Pipeline stage moves")
struct PipelineTests {
    let pipeline = Pipeline.standard

    @Test func forwardNeedsTheCurrentStageDone() throws {
        #expect(try pipeline.planMove(from: "discovery", to: "proposal", currentStageDone: true) == .forward(to: "proposal"))
        #expect(throws: StageMoveError.currentStageNotDone("discovery")) {
            try pipeline.planMove(from: "discovery", to: "proposal", currentStageDone: false)
        }
    }

    @Test func backwardIsAlwaysAllowed() throws {
        #expect(try pipeline.planMove(from: "negotiation", to: "discovery", currentStageDone: false) == .backward(to: "discovery"))
    }

    @Test func skippingNamesTheSkippedStages() throws {
        #expect(try pipeline.planMove(from: "discovery", to: "contract", currentStageDone: true)
            == .skip(to: "contract", skipping: ["proposal", "negotiation"]))
        // A skip is a request whether or not the current stage is done.
        #expect(try pipeline.planMove(from: "discovery", to: "negotiation", currentStageDone: false)
            == .skip(to: "negotiation", skipping: ["proposal"]))
    }

    @Test func stagesResolveByKeyEnglishOrChineseName() throws {
        #expect(try pipeline.resolve("方案呈现").key == "proposal")
        #expect(try pipeline.resolve("Negotiation").key == "negotiation")
        #expect(throws: StageMoveError.unknownStage("proposl", suggestion: "proposal")) { try pipeline.resolve("proposl") }
        #expect(StageMoveError.unknownStage("proposl", suggestion: "proposal").description == "no stage named 'proposl'; did you mean 'proposal'?")
    }

    @Test func sameStageIsRefused() {
        #expect(throws: StageMoveError.alreadyInStage("proposal")) {
            try pipeline.planMove(from: "proposal", to: "proposal", currentStageDone: true)
        }
    }

    @Test func plannedExitUsesWorkingDaysOrCalendarDays() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let calendar = WorkingCalendar.standard(timeZone: zone)
        // Friday 2026-11-20 10:00 + 3 working days = Wednesday 2026-11-25 10:00.
        let friday = CalendarDay(year: 2026, month: 11, day: 20).date(in: zone).addingTimeInterval(10 * 3_600)
        let discovery = try #require(pipeline.plannedExit(of: "discovery", enteredAt: friday, calendar: calendar))
        #expect(discovery == CalendarDay(year: 2026, month: 11, day: 25).date(in: zone).addingTimeInterval(10 * 3_600))
        let negotiation = try #require(pipeline.plannedExit(of: "negotiation", enteredAt: friday, calendar: calendar))
        #expect(negotiation == friday.addingTimeInterval(15 * 86_400))
    }
}
