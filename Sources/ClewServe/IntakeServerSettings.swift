import Foundation

/// How `clew-serve` runs: where it listens and its limits.
public struct IntakeServerSettings: Sendable {
    /// Where the server listens.
    public enum Address: Sendable, Equatable, CustomStringConvertible {
        /// A TCP port on a host address (default `127.0.0.1:8377`; behind nginx for TLS).
        case host(String, port: Int)
        /// A Unix socket (nginx's `proxy_pass http://unix:/run/clew/intake.sock`).
        case unixSocket(String)

        public var description: String {
            switch self {
            case let .host(host, port): "\(host):\(port)"
            case let .unixSocket(path): "unix:\(path)"
            }
        }
    }

    public var address: Address
    /// The largest body accepted (413 above it).
    public var bodyLimit: Int
    /// Seconds a connection may stay silent (a slow or stuck client is closed after it).
    public var idleTimeout: Int

    public static let defaultPort = 8377
    public static let defaultBodyLimit = 64 * 1024
    public static let defaultIdleTimeout = 10
    /// The body limits `--body-limit` accepts.
    public static let bodyLimits = 1_024...(16 * 1024 * 1024)
    /// The idle timeouts `--idle-timeout` accepts, in seconds.
    public static let idleTimeouts = 1...3_600

    public init(address: Address = .host("127.0.0.1", port: defaultPort), bodyLimit: Int = defaultBodyLimit,
                idleTimeout: Int = defaultIdleTimeout) {
        self.address = address
        self.bodyLimit = bodyLimit
        self.idleTimeout = idleTimeout
    }
}
