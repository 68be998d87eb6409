import ClewDomain
import Foundation

/// What a note on a lead is (`note.kind`): a person's free text, or the text a change keeps
/// beside its audit row.
public enum NoteKind: String, CaseIterable, Hashable, Sendable {
    /// A free note (备注), which may mention people.
    case note
    /// A grade's reason, or what routing suggested.
    case grade
    /// A rep's objection to an assignment.
    case objection
    /// Why a lead went back to its pool.
    case `return`
    /// Why a closed lead was reopened.
    case reopen
    /// The values a merge kept where the merged details differed.
    case merge
}
