import ClewServices
import ClewViewModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps an unfinished form on disk when the terminal goes away (SIGHUP from a dropped SSH
/// session, SIGTERM, quitting with a form open), so it is offered again next time.
///
/// The run loop refreshes an in-memory snapshot after every key; a signal handler, running on
/// another thread, only writes that snapshot out — it never touches the view models.
///
/// The draft goes to ``path``; when that cannot be written (the home directory is missing or
/// read-only), to the same name in ``fallbackDirectory`` (`/tmp/clew-drafts-UID`, 0700, used
/// only when it is a real directory owned by this user), and ``savedPath`` says where.
///
/// A draft is the user's own file: every read and write runs inside ``asUser``, which the setgid
/// `clew` of a team install sets to run with the user's own group (never the install's).
public final class DraftStore: @unchecked Sendable {
    /// The file the draft goes to.
    public let path: String
    /// Where the draft goes when ``path`` cannot be written.
    public let fallbackDirectory: String
    private let lock = NSLock()
    private var snapshot: Data?
    private var saved: String?
    /// Runs its argument with the user's own group and umask (the team install's `Privilege.asUser`).
    private let asUser: @Sendable (() -> Void) -> Void

    public init(path: String, fallbackDirectory: String = NSTemporaryDirectory() + "/clew-drafts-\(getuid())",
                asUser: @escaping @Sendable (() -> Void) -> Void) {
        self.path = path
        self.fallbackDirectory = fallbackDirectory
        self.asUser = asUser
    }

    /// Where the last ``persist()`` wrote the draft (nil when there was none or nothing worked).
    public var savedPath: String? { lock.withLock { saved } }

    /// The fallback file (same name as ``path``).
    var fallbackPath: String { fallbackDirectory + "/" + (path as NSString).lastPathComponent }

    /// Remembers the open form (nil when none is open).
    public func update(_ draft: FormDraft?) {
        let data = draft.flatMap { try? JSONEncoder().encode($0) }
        lock.withLock { snapshot = data }
    }

    /// Writes the remembered form to disk (its own directory, else the fallback); returns where.
    @discardableResult
    public func persist() -> String? {
        guard let data = lock.withLock({ snapshot }) else { return nil }
        var written: String?
        asUser { written = write(data) }
        return written
    }

    /// ``persist()``'s work, with the user's own group (a draft is the user's file).
    private func write(_ data: Data) -> String? {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var written: String?
        if Self.write(data, to: path) {
            written = path
        } else if Self.ownPrivateDirectory(fallbackDirectory), Self.write(data, to: fallbackPath) {
            written = fallbackPath
        }
        lock.withLock { saved = written }
        return written
    }

    /// The saved draft (from either place), removed from disk as it is taken.
    public func take() -> FormDraft? {
        var draft: FormDraft?
        asUser { draft = takeFile() }
        return draft
    }

    private func takeFile() -> FormDraft? {
        for candidate in [path, fallbackPath] {
            guard let data = FileManager.default.contents(atPath: candidate) else { continue }
            try? FileManager.default.removeItem(atPath: candidate)
            if let draft = try? JSONDecoder().decode(FormDraft.self, from: data) { return draft }
        }
        return nil
    }

    /// Writes `data` to `file`, 0600, never through a symlink.
    private static func write(_ data: Data, to file: String) -> Bool {
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do { try handle.write(contentsOf: data) } catch { return false }
        return true
    }

    /// Creates `directory` 0700 if missing; true when it is a real directory owned by this user
    /// and closed to others (so no one else can plant or read a draft there).
    private static func ownPrivateDirectory(_ directory: String) -> Bool {
        _ = mkdir(directory, 0o700)
        var info = stat()
        guard lstat(directory, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFDIR && info.st_uid == getuid() && info.st_mode & 0o077 == 0
    }
}
