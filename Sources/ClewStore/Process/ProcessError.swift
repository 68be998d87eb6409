import ClewDomain
import ClewServices

/// Why a process file was not applied.
public enum ProcessError: UserFacingError, Equatable {
    /// The file has problems; nothing changed.
    case invalid([ConfigDiagnostic])
    /// The file was exported from version `file` but `current` is in force now.
    case outdated(file: Int, current: Int)
    /// Removing `stages` would orphan these leads.
    case stageHasLeads(stages: [String], leads: [String])

    public var description: String {
        switch self {
        case let .invalid(diagnostics):
            "the process file has \(diagnostics.count) problem\(diagnostics.count == 1 ? "" : "s"); nothing was applied:\n"
                + diagnostics.map(\.description).joined(separator: "\n")
        case let .outdated(file, current):
            "the file is version \(file) but version \(current) is in force; export it again and redo your changes"
        case let .stageHasLeads(stages, leads):
            "cannot remove stage\(stages.count == 1 ? "" : "s") \(stages.joined(separator: ", ")): \(leads.count) lead\(leads.count == 1 ? "" : "s") still there (\(leads.joined(separator: ", "))); move \(leads.count == 1 ? "it" : "them") first"
        }
    }
}
