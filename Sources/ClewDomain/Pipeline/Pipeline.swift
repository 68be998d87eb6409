import Foundation

/// The ordered stages an active lead moves through, and the rules for moving between them.
///
/// Moving forward one stage needs the current stage done (a follow-up logged in it); moving back
/// is always allowed; skipping ahead over one or more stages needs the supervisor's approval, so
/// ``planMove(from:to:currentStageDone:)`` answers ``StageMove/skip(to:skipping:)`` and the
/// service files an approval request instead of moving.
public struct Pipeline: Hashable, Codable, Sendable {
    /// The stages in order.
    public var stages: [StageDefinition]

    public init(stages: [StageDefinition]) { self.stages = stages }

    /// The default pipeline of DESIGN §4.
    public static let standard = Pipeline(stages: [
        StageDefinition(key: "discovery", englishName: "Discovery", chineseName: "需求沟通", expected: .workingDays(3)),
        StageDefinition(key: "proposal", englishName: "Proposal", chineseName: "方案呈现", expected: .workingDays(2)),
        StageDefinition(key: "negotiation", englishName: "Negotiation", chineseName: "商务谈判", expected: .days(15)),
        StageDefinition(key: "contract", englishName: "Contract", chineseName: "合同签订", owner: .supervisor, expected: .workingDays(5)),
    ])

    /// The first stage, entered when a lead becomes active.
    public var firstStage: StageDefinition? { stages.first }

    /// The stage with `key`, matched by key, English or Chinese name (case-insensitive).
    public func stage(named name: String) -> StageDefinition? {
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        return stages.first {
            $0.key == wanted || $0.englishName.lowercased() == wanted || $0.chineseName == wanted
        }
    }

    /// The position of the stage with `key`.
    public func index(of key: String) -> Int? { stages.firstIndex { $0.key == key } }

    /// Resolves a stage name or throws ``StageMoveError/unknownStage(_:suggestion:)``.
    public func resolve(_ name: String) throws(StageMoveError) -> StageDefinition {
        guard let stage = stage(named: name) else {
            throw .unknownStage(name, suggestion: Suggestion.closest(to: name, in: stages.map(\.key)))
        }
        return stage
    }

    /// Decides what moving a lead from `current` to `target` means.
    ///
    /// - Parameters:
    ///   - current: the key of the lead's current stage.
    ///   - target: the stage name the user asked for.
    ///   - currentStageDone: whether the work of the current stage is recorded.
    /// - Throws: ``StageMoveError`` for an unknown stage, a move to the same stage, or a forward
    ///   move out of a stage that is not done.
    public func planMove(from current: String, to target: String, currentStageDone: Bool) throws(StageMoveError) -> StageMove {
        let destination = try resolve(target)
        guard let from = index(of: current) else { throw .unknownStage(current, suggestion: nil) }
        guard let to = index(of: destination.key) else { throw .unknownStage(target, suggestion: nil) }
        if to == from { throw .alreadyInStage(destination.key) }
        if to < from { return .backward(to: destination.key) }
        if to == from + 1 {
            guard currentStageDone else { throw .currentStageNotDone(current) }
            return .forward(to: destination.key)
        }
        return .skip(to: destination.key, skipping: stages[(from + 1)..<to].map(\.key))
    }

    /// The contract stage (合同签订): the last one. Entering it is the `contract-signed` event,
    /// and deals are won from it.
    public var contractStage: StageDefinition? { stages.last }

    /// Decides whether a deal in `current` may be won (issue 11 §4): from the contract stage, or
    /// from an earlier one when the actor approves the skip themself (the owner's supervisor or
    /// an admin); a rep moves the deal to the contract stage first (a skip there files an
    /// approval request).
    ///
    /// - Throws: ``StageMoveError/notAtContractStage(_:contract:)``.
    public func planWin(from current: String?, actorApprovesSkips: Bool) throws(StageMoveError) -> WinPlan {
        guard let contract = contractStage else { return .fromContract }
        if current == contract.key { return .fromContract }
        guard actorApprovesSkips else { throw .notAtContractStage(current, contract: contract.key) }
        let from = current.flatMap(index(of:)).map { $0 + 1 } ?? 0
        return .skipping(Array(stages[min(from, stages.count - 1)...].map(\.key)))
    }

    /// When a deal that entered `stage` at `entered` is expected to leave it.
    public func plannedExit(of stage: String, enteredAt entered: Date, calendar: WorkingCalendar) -> Date? {
        guard let definition = self.stage(named: stage) else { return nil }
        switch definition.expected {
        case let .workingDays(n): return calendar.addingWorkingDays(n, to: entered)
        case let .days(n): return entered.addingTimeInterval(TimeInterval(n) * 86_400)
        }
    }
}

/// What a requested stage move turns out to be.
public enum StageMove: Hashable, Sendable {
    /// One stage forward: allowed because the current stage is done.
    case forward(to: String)
    /// Back to an earlier stage: allowed.
    case backward(to: String)
    /// Ahead over `skipping`: needs the supervisor's approval.
    case skip(to: String, skipping: [String])
}

/// How a deal may be won.
public enum WinPlan: Hashable, Sendable {
    /// It is in the contract stage.
    case fromContract
    /// The actor approves skipping these stages (the contract stage last among them).
    case skipping([String])
}

/// Why a stage move was refused.
public enum StageMoveError: UserFacingError, Equatable {
    case unknownStage(String, suggestion: String?)
    case alreadyInStage(String)
    case currentStageNotDone(String)
    case notActive(LeadStatus)
    /// A deal is won from the contract stage; this one is in another.
    case notAtContractStage(String?, contract: String)

    public var description: String {
        switch self {
        case let .unknownStage(name, suggestion):
            "no stage named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case let .alreadyInStage(stage): "the lead is already in \(stage)"
        case let .currentStageNotDone(stage):
            "stage \(stage) is not done: log a follow-up in it before moving on"
        case let .notAtContractStage(stage, contract):
            "a deal is won from the \(contract) stage (合同签订), and this one is in \(stage ?? "no stage"): "
                + "move it there first (clew lead move NUMBER \(contract); skipping stages needs the supervisor's approval)"
        case let .notActive(status):
            status == .assigned
                ? "the lead is assigned but its owner has not confirmed it yet"
                : "only an active lead moves between stages (this one is \(status))"
        }
    }
}
