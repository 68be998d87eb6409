import ClewDomain
import ClewServices

// MARK: - Errors in the reader's language

extension Localizer {
    /// What went wrong, in the interface language. English is the error's own description; in
    /// Chinese the typed errors a user meets in the TUI map to catalogue entries (the store and
    /// domain keep their English messages for the CLI), and anything else falls back to English
    /// behind a Chinese lead-in, so the line is never blank.
    /// `stageName` names a stage key in this language (the pipeline knows the names).
    public func error(_ error: any Error, stageName: (String) -> String = { $0 }) -> String {
        guard language == .zh else { return (error as? any BilingualError)?.english ?? String(describing: error) }
        if let text = chinese(error, stageName: stageName) { return text }
        return self("error.other", String(describing: error))
    }

    private func chinese(_ error: any Error, stageName: (String) -> String) -> String? {
        switch error {
        case let error as PermissionError:
            switch error {
            case let .notVisible(number): return self("error.not-visible", number)
            case let .denied(action, number, _, role, owner):
                return self("error.denied", self.role(role), self("action.\(action.rawValue)"), number, owner ?? "—")
            case let .lacks(_, _, role): return self("disabled.role", self.role(role))
            case .impersonationRefused: return self("error.impersonation")
            }
        case let error as StageMoveError:
            switch error {
            case let .unknownStage(name, _): return self("error.unknown-stage", name)
            case let .alreadyInStage(name): return self("error.already-in-stage", stageName(name))
            case let .currentStageNotDone(name): return self("error.stage-not-done", stageName(name))
            case let .notActive(status): return self("error.move-not-active", self.status(status))
            case let .notAtContractStage(_, contract): return self("error.not-at-contract", stageName(contract))
            }
        case let error as LifecycleError:
            if case let .illegalTransition(_, status) = error { return self("error.illegal-transition", self.status(status)) }
            return nil
        case let error as StoreError:
            switch error {
            case .busy: return self("error.busy")
            case let .staleVersion(_, changedBy, _): return self("error.stale", changedBy)
            case let .notFound(what): return self("error.not-found", what)
            default: return nil
            }
        case let error as DateExpressionError:
            if case let .unrecognized(text) = error { return self("error.date", text) }
            return nil
        case let error as FollowUpError:
            switch error {
            case .missingContent: return self("error.follow-up-content")
            case .dueWithoutAction: return self("error.follow-up-due")
            case .dueBeforeContact: return self("error.follow-up-due-before")
            case let .unknownMethod(text): return self("error.follow-up-method", text)
            }
        case let error as DuplicateLeadError:
            return self("error.duplicate", error.number, error.owner ?? "—")
        case is HiddenDuplicateError:
            return self("error.hidden-duplicate")
        case let error as CommandError:
            switch error {
            case .empty: return self("error.command-empty")
            case let .unknown(name, suggestion): return self("error.command-unknown", name) + (suggestion.map { self("error.did-you-mean", $0) } ?? "")
            case let .usage(usage): return self("error.usage", usage)
            }
        case let error as UIError:
            return format(error.key, error.arguments)
        case let error as any BilingualError:
            return error.chinese
        default:
            return nil
        }
    }

    /// The text for `key` with an array of arguments.
    func format(_ key: String, _ arguments: [String]) -> String {
        var text = self(key)
        for (index, argument) in arguments.enumerated() { text = text.replacingOccurrences(of: "{\(index)}", with: argument) }
        return text
    }
}

/// An error the view models raise themselves, named by its catalogue entry.
public struct UIError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The catalogue key, such as `error.amount`.
    public var key: String
    public var arguments: [String]

    public init(_ key: String, _ arguments: String...) {
        self.key = key
        self.arguments = arguments
    }

    /// The English text.
    public var description: String { Localizer(.en).format(key, arguments) }
}
