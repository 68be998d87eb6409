import Foundation

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
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil) else {
            throw ImportFileError.unreadable(path: path, reason: "cannot write the rejects file there; use --rejects PATH")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporaryPath))
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
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporaryPath, toPath: path)
    }

    /// Deletes the temporary file (an import that failed, or had no rejects).
    func discard() {
        guard !finished else { return }
        finished = true
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }
}
