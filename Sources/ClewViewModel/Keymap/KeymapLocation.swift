/// Where the user's keymap file lives: `$XDG_CONFIG_HOME/clew/keymap.conf`, else
/// `~/.config/clew/keymap.conf` (DESIGN §9).
public enum KeymapLocation {
    /// The path of the user's keymap file for `environment`, or `nil` if neither
    /// `XDG_CONFIG_HOME` (absolute) nor `HOME` is set. The file need not exist.
    public static func userFile(environment: [String: String]) -> String? {
        configDirectory(environment: environment).map { $0 + "/clew/keymap.conf" }
    }

    /// `$XDG_CONFIG_HOME` if it is an absolute path (the XDG spec ignores relative ones), else
    /// `$HOME/.config`.
    public static func configDirectory(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return trimmed(xdg) }
        if let home = environment["HOME"], !home.isEmpty { return trimmed(home) + "/.config" }
        return nil
    }

    private static func trimmed(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
