import ClewViewModel
import Foundation

/// Keeps an unfinished form on disk when the terminal goes away (SIGHUP from a dropped SSH
/// session, SIGTERM, quitting with a form open), so it is offered again next time.
///
/// The run loop refreshes an in-memory snapshot after every key; a signal handler, running on
/// another thread, only writes that snapshot out — it never touches the view models.
public final class DraftStore: @unchecked Sendable {
    /// The file the draft goes to.
    public let path: String
    private let lock = NSLock()
    private var snapshot: Data?

    public init(path: String) { self.path = path }

    /// Remembers the open form (nil when none is open).
    public func update(_ draft: FormDraft?) {
        let data = draft.flatMap { try? JSONEncoder().encode($0) }
        lock.withLock { snapshot = data }
    }

    /// Writes the remembered form to disk, or removes a stale file when there is none.
    public func persist() {
        let data = lock.withLock { snapshot }
        if let data {
            let directory = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600])
        }
    }

    /// The saved draft, removed from disk as it is taken.
    public func take() -> FormDraft? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        try? FileManager.default.removeItem(atPath: path)
        return try? JSONDecoder().decode(FormDraft.self, from: data)
    }
}
