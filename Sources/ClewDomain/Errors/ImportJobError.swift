/// Why an import could not be started, resumed, finished or undone (the rows' own problems are
/// reported per line in the import summary, not here).
public enum ImportJobError: BilingualError, Equatable {
    /// Another process is still running that import.
    case stillRunning(id: Int64, file: String, process: String)
    /// The file changed size since the import began: resuming would skip or double rows.
    case fileChanged(id: Int64, file: String, from: Int64, to: Int64)
    /// The import was started by an older Clew that did not record its options.
    case notResumable(id: Int64)
    /// The import is no longer running (undone, or finished by another process).
    case noLongerRunning(id: Int64)
    /// The import was undone while it ran.
    case undoneWhileRunning(id: Int64)
    /// Only an admin or the importer may undo an import.
    case undoNotAllowed(id: Int64, importer: String)
    /// A test's interruption after so many chunks (`interruptAfterChunks`).
    case interrupted(afterChunks: Int)

    public var english: String {
        switch self {
        case let .stillRunning(id, file, process):
            "import #\(id) of \(file) is still running (process \(process)); wait for it, or stop that process first"
        case let .fileChanged(id, file, from, to):
            "\(file) changed since import #\(id) began (\(from) → \(to) bytes); undo it with 'clew import undo \(id)' and import the file again"
        case let .notResumable(id): "import #\(id) cannot be resumed (it was started by an older Clew); undo it with 'clew import undo \(id)'"
        case let .noLongerRunning(id): "import #\(id) is no longer running; see 'clew import list'"
        case let .undoneWhileRunning(id): "import #\(id) was undone while it ran"
        case let .undoNotAllowed(id, importer): "only an admin or \(importer), who ran import #\(id), can undo it"
        case let .interrupted(chunks): "interrupted after \(chunks) chunk\(chunks == 1 ? "" : "s") (test)"
        }
    }

    public var chinese: String {
        switch self {
        case let .stillRunning(id, file, process): "导入 #\(id)（\(file)）仍在运行（进程 \(process)），请等待或先停止该进程"
        case let .fileChanged(id, file, from, to):
            "\(file) 在导入 #\(id) 开始后被修改（\(from) → \(to) 字节），请用 'clew import undo \(id)' 撤销后重新导入"
        case let .notResumable(id): "导入 #\(id) 由旧版 Clew 开始，无法续传；请用 'clew import undo \(id)' 撤销"
        case let .noLongerRunning(id): "导入 #\(id) 已不在运行，见 'clew import list'"
        case let .undoneWhileRunning(id): "导入 #\(id) 在运行时被撤销"
        case let .undoNotAllowed(id, importer): "只有管理员或执行导入 #\(id) 的 \(importer) 可以撤销"
        case let .interrupted(chunks): "已在第 \(chunks) 批后中断（测试）"
        }
    }
}
