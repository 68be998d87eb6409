import ClewDomain
import ClewServices
import ClewStore
import Hummingbird
import Logging
import NIOCore

/// The intake server as one Hummingbird application: the routes, bound where the settings say,
/// closing connections idle for ``IntakeServerSettings/idleTimeout`` seconds.
///
/// ```swift
/// try await IntakeServer(routes: routes, settings: settings, logger: logger).application().runService()
/// ```
public struct IntakeServer: Sendable {
    public let routes: IntakeRoutes
    public let settings: IntakeServerSettings
    public let logger: Logger

    public init(routes: IntakeRoutes, settings: IntakeServerSettings, logger: Logger) {
        self.routes = routes
        self.settings = settings
        self.logger = logger
    }

    /// The application; `onRunning` gets the address it listens on (the port picked for `--port 0`).
    public func application(onRunning: @escaping @Sendable (String) async -> Void = { _ in }) -> some ApplicationProtocol {
        let address: BindAddress = switch settings.address {
        case let .host(host, port): .hostname(host, port: port)
        case let .unixSocket(path): .unixDomainSocket(path: path)
        }
        let logger = logger
        return Application(
            router: routes.router(),
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(settings.idleTimeout)))),
            configuration: ApplicationConfiguration(address: address, serverName: "clew-serve"),
            onServerRunning: { channel in
                let listening = channel.localAddress.map { address in
                    address.port.map { "\(address.ipAddress ?? "?"):\($0)" } ?? (address.pathname.map { "unix:\($0)" } ?? "\(address)")
                } ?? "?"
                logger.notice("clew-serve listening on \(listening)")
                await onRunning(listening)
            },
            logger: logger
        )
    }
}
