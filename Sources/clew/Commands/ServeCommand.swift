import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `clew serve`: a thin launcher of `clew-serve`, the intake server. It replaces itself with the
/// `clew-serve` installed beside this `clew` (execv, the arguments passed on unchanged, no shell),
/// after dropping the team group for good: network code never runs with the setgid group, so
/// `clew-serve` opens the database as the user it runs as (a service account in the group).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the intake server (clew-serve, installed beside clew) with these arguments.",
        discussion: "Everything after `serve` goes to clew-serve unchanged: clew serve --port 8377; its own help: clew serve -- --help.")

    @Argument(parsing: .captureForPassthrough, help: "clew-serve's arguments (--db, --port, --socket, …).")
    var arguments: [String] = []

    func run() throws {
        let server = Self.server()
        guard access(server, X_OK) == 0 else {
            throw ServeLaunchError.notInstalled(server)
        }
        Privilege.dropForGood()
        // `clew serve -- --help`: the terminator is clew's, not clew-serve's.
        let passed = arguments.first == "--" ? Array(arguments.dropFirst()) : arguments
        let argv: [UnsafeMutablePointer<CChar>?] = ([server] + passed).map { strdup($0) } + [nil]
        execv(server, argv)
        // Only reached when execv failed.
        let reason = String(cString: strerror(errno))
        argv.forEach { free($0) }
        throw ServeLaunchError.cannotStart(server, reason)
    }

    /// `clew-serve` in the directory of the running `clew` (the real file, not a symlink to it).
    static func server() -> String {
        let running = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: running).deletingLastPathComponent().appendingPathComponent("clew-serve").path
    }
}

/// Why `clew serve` could not start the server.
enum ServeLaunchError: UserFacingError, Equatable {
    /// No executable `clew-serve` beside `clew`.
    case notInstalled(String)
    /// execv refused it.
    case cannotStart(String, String)

    var description: String {
        switch self {
        case let .notInstalled(path):
            "clew-serve is not installed at \(path) (install it beside clew: swift build -c release --product clew-serve) "
                + "(未安装 clew-serve,请将其安装在 clew 同一目录)"
        case let .cannotStart(path, reason):
            "cannot start \(path): \(reason) (无法启动 clew-serve)"
        }
    }
}
