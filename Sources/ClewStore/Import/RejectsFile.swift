import ClewServices
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `FILE.rejects.csv`: every rejected row with its row number (as a spreadsheet shows it), the reason, and its original
/// cells under the original headers — fix the cells and import the file again (`row` and
/// `reason` are ignored then). Cells are neutralised (``CellSafety/rejects``): no escape
/// sequences, and a leading `'` before a formula, which the import removes again. Written to a
/// `.part` file beside it while the import runs and moved into place when the import finishes;
/// an interrupted import leaves the `.part` file, and `clew import --resume` cuts it back to the
/// rows committed (``committedBytes()``) and carries on appending.
final class RejectsFile {
    let path: String
    let partPath: String
    private let handle: FileHandle
    private let writer: CSVWriter
    private var finished = false

    /// - Parameters:
    ///   - part: the file written while the import runs.
    ///   - resumeAt: continue the part file from this many bytes (a resumed import), instead of
    ///     starting it afresh.
    init(path: String, part: String, headers: [String], resumeAt: UInt64? = nil) throws {
        self.path = path
        partPath = part
        // A path the user named: created with the user's own group (a team install), new, never
        // through a symlink; moved over the name at the end (a symlink there is replaced, not followed).
        // A resumed import reopens its own part file, again never through a symlink.
        let resuming = resumeAt != nil && FileManager.default.fileExists(atPath: part)
        let fd = Privilege.asUser {
            resuming ? open(part, O_RDWR | O_NOFOLLOW | O_CLOEXEC) : open(part, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        }
        guard fd >= 0 else {
            throw ImportFileError.unreadable(path: path, reason: "cannot write the rejects file there; use --rejects PATH")
        }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        if resuming, let resumeAt {
            try handle.truncate(atOffset: resumeAt)
            try handle.seekToEnd()
        }
        let fresh = !resuming || resumeAt == 0
        writer = try CSVWriter(handle: handle, encoding: .utf8, safety: .rejects, byteOrderMark: fresh)
        if fresh { try writer.write(["row", "reason"] + headers) }
    }

    func write(row: Int, reason: String, cells: [String]) throws {
        try writer.write([String(row), reason] + cells)
    }

    /// Writes out what is buffered and returns the part file's length: what a chunk's commit
    /// records, so a resumed import knows where the committed rows' rejects end.
    func committedBytes() throws -> UInt64 {
        try writer.flush()
        return try handle.offset()
    }

    /// Moves the file into place (replacing an older one).
    func keep() throws {
        guard !finished else { return }
        finished = true
        try writer.flush()
        try handle.close()
        try Privilege.asUser {
            guard rename(partPath, path) == 0 else {
                throw ImportFileError.unreadable(path: path, reason: "cannot write the rejects file there (\(String(cString: strerror(errno)))); use --rejects PATH")
            }
        }
    }

    /// Deletes the part file (an import that failed before committing anything, or had no rejects).
    func discard() {
        guard !finished else { return }
        finished = true
        try? handle.close()
        Privilege.asUser { _ = try? FileManager.default.removeItem(atPath: partPath) }
    }

    /// Closes the part file and leaves it for `clew import --resume`.
    func leave() {
        guard !finished else { return }
        finished = true
        try? writer.flush()
        try? handle.close()
    }
}
