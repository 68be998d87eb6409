import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `FILE.rejects.csv`: every rejected row with its row number (as a spreadsheet shows it), the reason, and its original
/// cells under the original headers — fix the cells and import the file again (`row` and
/// `reason` are ignored then). Cells are neutralised (``CellSafety/rejects``): no escape
/// sequences, and a leading `'` before a formula, which the import removes again. Written to a temporary file first and moved into place only when
/// the import commits.
final class RejectsFile {
    let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private let writer: CSVWriter
    private var finished = false

    init(path: String, headers: [String]) throws {
        self.path = path
        temporaryPath = path + ".part-\(ProcessInfo.processInfo.processIdentifier)"
        // A path the user named: created with the user's own group (a team install), new, never
        // through a symlink; moved over the name at the end (a symlink there is replaced, not followed).
        let temporary = temporaryPath
        let fd = Privilege.asUser { open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600) }
        guard fd >= 0 else {
            throw ImportFileError.unreadable(path: path, reason: "cannot write the rejects file there; use --rejects PATH")
        }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        writer = try CSVWriter(handle: handle, encoding: .utf8, safety: .rejects)
        try writer.write(["row", "reason"] + headers)
    }

    func write(row: Int, reason: String, cells: [String]) throws {
        try writer.write([String(row), reason] + cells)
    }

    /// Moves the file into place (replacing an older one).
    func keep() throws {
        guard !finished else { return }
        finished = true
        try writer.flush()
        try handle.close()
        try Privilege.asUser {
            guard rename(temporaryPath, path) == 0 else {
                throw ImportFileError.unreadable(path: path, reason: "cannot write the rejects file there (\(String(cString: strerror(errno)))); use --rejects PATH")
            }
        }
    }

    /// Deletes the temporary file (an import that failed, or had no rejects).
    func discard() {
        guard !finished else { return }
        finished = true
        try? handle.close()
        Privilege.asUser { _ = try? FileManager.default.removeItem(atPath: temporaryPath) }
    }
}
