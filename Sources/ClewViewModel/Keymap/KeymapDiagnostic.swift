import ClewDomain

/// A problem on one line of a keymap file (`keymap.conf:12: unknown action 'grdae'; did you
/// mean 'grade'?`).
public typealias KeymapDiagnostic = ConfigDiagnostic
