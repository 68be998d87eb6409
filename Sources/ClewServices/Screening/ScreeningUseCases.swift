import ClewDomain
import Foundation

/// The supervisors' "pending screening" queue (待筛选): its count, pages with scores and
/// assignment suggestions, the whole queue for bulk assignment, and the reps one may assign to.
public protocol ScreeningUseCases: Sendable {
    /// How many leads wait for screening in the actor's reach.
    func count() throws -> Int
    /// A page of the queue, oldest first, each with its score and suggested reps.
    func items(offset: Int, limit: Int) throws -> [ScreeningItem]
    /// Every lead of the queue (up to a limit), for planning a bulk assignment.
    func wholeQueue() throws -> [ScreeningEntry]
    /// The reps the actor may assign to, with their workload.
    func assignableReps() throws -> [AssignmentSuggestion.Candidate]
}
