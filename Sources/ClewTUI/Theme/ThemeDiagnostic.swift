import ClewDomain

/// A problem on one line of a theme file (`mine.theme:4: unknown colour 'rde'; did you mean
/// 'red'?`).
public typealias ThemeDiagnostic = ConfigDiagnostic
