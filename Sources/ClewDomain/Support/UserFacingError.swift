/// An error whose message is written for the person at the keyboard.
///
/// Every error a command can end with conforms, so the CLI prints `clew: <description>` and exits 1,
/// and the TUI shows the same text in its status line. Messages say what was wrong and, where it
/// helps, what to do instead:
///
/// ```swift
/// throw LifecycleError.illegalTransition(event: .confirm, from: .screening)
/// // "cannot confirm a lead in screening: only an assigned lead can be confirmed"
/// ```
public protocol UserFacingError: Error, CustomStringConvertible, Sendable {}
