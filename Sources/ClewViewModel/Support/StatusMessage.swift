/// The message in the status line: what just happened, or what went wrong.
public struct StatusMessage: Hashable, Sendable {
    public enum Kind: Sendable { case info, warning, error }

    public var text: String
    public var kind: Kind

    public init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }

    /// The message for an error thrown by a service: its user-facing text.
    public static func error(_ error: any Error) -> StatusMessage {
        StatusMessage(String(describing: error), kind: .error)
    }
}
