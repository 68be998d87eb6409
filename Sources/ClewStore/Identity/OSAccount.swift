#if canImport(Glibc)
import ClewServices
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The OS account running this process: `getuid()` → `getpwuid()`. `$USER` and `$LOGNAME` are
/// never consulted — anyone can set them. Clew's identity (DESIGN §8) starts here.
public enum OSAccount {
    /// The login and the GECOS full name (first comma-separated field), if any.
    public static func current() -> (login: String, fullName: String?)? {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        let login = String(cString: name)
        var fullName: String?
        if let gecos = entry.pointee.pw_gecos {
            let text = String(cString: gecos).split(separator: ",", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            fullName = text.isEmpty ? nil : text
        }
        return (login, fullName)
    }
}
