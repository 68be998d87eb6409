/// An event trigger (DESIGN §4–§5): when `event` happens to a lead, run `actions`.
public struct TriggerRule: Hashable, Codable, Sendable {
    public var name: String
    public var event: TriggerEvent
    public var actions: [TriggerAction]
    /// When the tasks its `task:` actions create are due (`2 working days`, as seed 000 asks).
    public var taskDue: ProcessDuration
    /// Who is copied on those tasks (抄送): `supervisor`, `rep`, a role or a login.
    public var cc: [String]

    /// The due time of a trigger task when the file names none.
    public static let defaultTaskDue = ProcessDuration.workingDays(1)

    public init(name: String, event: TriggerEvent, actions: [TriggerAction], taskDue: ProcessDuration = TriggerRule.defaultTaskDue,
                cc: [String] = []) {
        self.name = name
        self.event = event
        self.actions = actions
        self.taskDue = taskDue
        self.cc = cc
    }

    /// The events this rule's actions cause in turn (for cycle detection).
    public var causedEvents: [TriggerEvent] {
        actions.compactMap {
            switch $0 {
            case let .addTag(tag): .tagAdded(tag)
            case let .moveStage(stage): .stageEntered(stage)
            default: nil
            }
        }
    }
}

/// What a trigger listens for; written `stage-entered:contract`, `lead-won`, `tag-added:competitor`.
public enum TriggerEvent: Hashable, Codable, Sendable, CustomStringConvertible {
    case stageEntered(String)
    case stageLeft(String)
    case gradeChanged
    case leadWon
    case leadLost
    case tagAdded(String)
    case contractSigned

    /// Every event name, for suggestions.
    public static let names = ["stage-entered", "stage-left", "grade-changed", "lead-won", "lead-lost", "tag-added", "contract-signed"]

    public var description: String {
        switch self {
        case let .stageEntered(s): "stage-entered:\(s)"
        case let .stageLeft(s): "stage-left:\(s)"
        case .gradeChanged: "grade-changed"
        case .leadWon: "lead-won"
        case .leadLost: "lead-lost"
        case let .tagAdded(t): "tag-added:\(t)"
        case .contractSigned: "contract-signed"
        }
    }

    /// The event in words, for notifications: `entered stage proposal`, `won`.
    public var summary: String {
        switch self {
        case let .stageEntered(s): "entered stage \(s)"
        case let .stageLeft(s): "left stage \(s)"
        case .gradeChanged: "grade changed"
        case .leadWon: "won"
        case .leadLost: "lost"
        case let .tagAdded(t): "tagged \(t)"
        case .contractSigned: "contract signed"
        }
    }

    /// Parses the written form; nil for an unknown event or a missing or extra argument.
    public init?(parsing text: String) {
        let (name, argument) = TriggerAction.split(text)
        switch (name, argument) {
        case let ("stage-entered", s?): self = .stageEntered(s)
        case let ("stage-left", s?): self = .stageLeft(s)
        case ("grade-changed", nil): self = .gradeChanged
        case ("lead-won", nil): self = .leadWon
        case ("lead-lost", nil): self = .leadLost
        case let ("tag-added", t?): self = .tagAdded(t)
        case ("contract-signed", nil): self = .contractSigned
        default: return nil
        }
    }
}

/// What a trigger does; written `task:finance:开票 Issue the invoice`, `notify:supervisor`,
/// `email-customer:contract-confirmation`, `add-tag:hot`, `move-stage:proposal`, `risk-alert`.
public enum TriggerAction: Hashable, Codable, Sendable, CustomStringConvertible {
    /// A task for a role relative to the lead (`rep`, `supervisor`) or a department (`finance`).
    case task(for: String, title: String)
    /// An inbox notification to `rep`, `supervisor` or a login.
    case notify(String)
    /// A message to the customer through the outbox, from a named template.
    case emailCustomer(template: String)
    case addTag(String)
    case moveStage(String)
    /// A risk alert to the supervisor.
    case riskAlert

    /// Every action name, for suggestions.
    public static let names = ["task", "notify", "email-customer", "add-tag", "move-stage", "risk-alert"]

    public var description: String {
        switch self {
        case let .task(who, title): "task:\(who):\(title)"
        case let .notify(who): "notify:\(who)"
        case let .emailCustomer(template): "email-customer:\(template)"
        case let .addTag(tag): "add-tag:\(tag)"
        case let .moveStage(stage): "move-stage:\(stage)"
        case .riskAlert: "risk-alert"
        }
    }

    /// Parses the written form.
    public init?(parsing text: String) {
        let (name, argument) = Self.split(text)
        switch (name, argument) {
        case let ("task", rest?):
            let parts = rest.split(separator: ":", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
            self = .task(for: parts[0], title: parts[1])
        case let ("notify", who?): self = .notify(who)
        case let ("email-customer", template?): self = .emailCustomer(template: template)
        case let ("add-tag", tag?): self = .addTag(tag)
        case let ("move-stage", stage?): self = .moveStage(stage)
        case ("risk-alert", nil): self = .riskAlert
        default: return nil
        }
    }

    /// `name:argument` → (name, argument or nil).
    static func split(_ text: String) -> (String, String?) {
        let parts = text.split(separator: ":", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard let name = parts.first else { return ("", nil) }
        let argument = parts.count == 2 && !parts[1].isEmpty ? parts[1] : nil
        return (name.lowercased(), argument)
    }
}
