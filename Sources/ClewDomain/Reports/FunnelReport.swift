/// The funnel (漏斗, seeds 000/001): how many leads of a cohort reached each step, moved on, and
/// were lost there, with step-to-step and cumulative conversion.
///
/// Counted from the stage history, not from current status alone: a lead that reached
/// 商务谈判 and is still there counts for every step up to 商务谈判 (HubSpot's cumulative mode), so
/// the counts never increase down the funnel.
///
/// ```swift
/// let funnel = FunnelReport(pipeline: .standard, outcomes: rows)
/// funnel.steps.map(\.reached)   // [120, 96, 80, 61, 40, 22, 9, 5]
/// ```
public struct FunnelReport: Hashable, Sendable, Codable {
    /// One step of the funnel.
    public struct Step: Hashable, Sendable, Codable {
        /// `registered`, `valid`, `assigned`, a stage key, or `won`.
        public var key: String
        public var englishName: String
        public var chineseName: String
        /// Leads of the cohort that reached this step (or a later one).
        public var reached: Int
        /// Of those, leads that went on to the next step.
        public var movedOn: Int
        /// Leads whose furthest step this is and that are still open here.
        public var stillHere: Int
        /// Leads lost with this as their furthest step, by lost-reason key.
        public var lostHere: [String: Int]
        /// `movedOn / reached` (nil when nothing reached the step).
        public var stepConversion: Double?
        /// `reached / registered`.
        public var cumulativeConversion: Double?

        public var lostTotal: Int { lostHere.values.reduce(0, +) }
    }

    /// What became of a group of leads of the cohort: how far they got and where they are now.
    /// The store counts leads by these three values; everything else is derived here.
    public struct Outcome: Hashable, Sendable {
        /// The furthest step reached before the pipeline: 0 registered only, 1 valid, 2 assigned.
        public var intake: Int
        /// The index in the pipeline of the furthest stage entered, if any.
        public var furthestStage: Int?
        public var status: LeadStatus
        /// The lost reason's key, for lost leads.
        public var lostReason: String?
        public var count: Int

        public init(intake: Int, furthestStage: Int?, status: LeadStatus, lostReason: String?, count: Int) {
            self.intake = intake
            self.furthestStage = furthestStage
            self.status = status
            self.lostReason = lostReason
            self.count = count
        }
    }

    public var steps: [Step]

    /// Leads of the cohort (the first step's count).
    public var registered: Int { steps.first?.reached ?? 0 }

    /// Builds the funnel from counted outcomes.
    public init(pipeline: Pipeline, outcomes: [Outcome]) {
        let intakeSteps: [(String, String, String)] = [
            ("registered", "Registered", "已登记"), ("valid", "Valid", "有效线索"), ("assigned", "Assigned", "已分配"),
        ]
        let stageCount = pipeline.stages.count
        // Position of each outcome's furthest step in the list: intake steps, then stages, then won.
        let wonPosition = intakeSteps.count + stageCount
        var furthest = Array(repeating: 0, count: wonPosition + 1)
        var open = Array(repeating: 0, count: wonPosition + 1)
        var lost = Array(repeating: [String: Int](), count: wonPosition + 1)
        for outcome in outcomes {
            var position = min(max(outcome.intake, 0), intakeSteps.count - 1)
            if let stage = outcome.furthestStage, stage >= 0, stage < stageCount { position = intakeSteps.count + stage }
            if outcome.status == .won { position = wonPosition }
            furthest[position] += outcome.count
            switch outcome.status {
            case .lost: lost[position][outcome.lostReason ?? "other", default: 0] += outcome.count
            case .won, .merged: break
            default: open[position] += outcome.count
            }
        }
        var reached = Array(repeating: 0, count: wonPosition + 1)
        var running = 0
        for position in stride(from: wonPosition, through: 0, by: -1) {
            running += furthest[position]
            reached[position] = running
        }
        let names = intakeSteps + pipeline.stages.map { ($0.key, $0.englishName, $0.chineseName) } + [("won", "Won", "成交")]
        let registered = reached[0]
        steps = names.enumerated().map { position, name in
            let movedOn = position < wonPosition ? reached[position + 1] : 0
            return Step(
                key: name.0, englishName: name.1, chineseName: name.2, reached: reached[position], movedOn: movedOn,
                stillHere: open[position], lostHere: lost[position],
                stepConversion: position < wonPosition && reached[position] > 0 ? Double(movedOn) / Double(reached[position]) : nil,
                cumulativeConversion: registered > 0 ? Double(reached[position]) / Double(registered) : nil)
        }
    }
}
