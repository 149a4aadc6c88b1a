import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// The reference city-portal server: serves the Portal Push API over HTTP and keeps what it
/// receives in SQLite (attachment files beside it, in `{db}.files/`), with switches that make it fail, lag and throttle like a real portal.
@main
struct PortalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pubsync-portal",
        abstract: "Reference city-portal server speaking the Portal Push API."
    )

    @Option(help: "Address to listen on (loopback only in tests).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one (printed on the first stdout line).")
    var port = 8085

    @Option(name: .customLong("token-env"), help: "Environment variable holding the bearer token.")
    var tokenEnv: String

    @Option(help: "SQLite database file (created when missing).")
    var db: String

    @Option(name: .customLong("fail-every"), help: "Answer every Nth API request with 503.")
    var failEvery: Int?

    @Option(name: .customLong("latency-ms"), help: "Delay every API request by this many milliseconds.")
    var latencyMs: Int?

    @Option(help: "Allow at most this many API requests per second; others get 429.")
    var throttle: Int?

    @Flag(name: .customLong("retry-after-date"), help: "Send Retry-After as an HTTP date instead of seconds.")
    var retryAfterDate = false

    @Option(help: "Path prefix of the API, e.g. /api (items live at {base}/items).")
    var base = ""

    @Option(name: .customLong("max-body"), help: "Largest accepted request body in bytes.")
    var maxBody = 2 * 1024 * 1024

    @Option(name: .customLong("max-file"), help: "Largest accepted attachment file (PUT {base}/files/{sha256}) in bytes.")
    var maxFile = 512 * 1024 * 1024

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        if let failEvery, failEvery < 1 { throw ValidationError("--fail-every must be at least 1") }
        if let latencyMs, latencyMs < 0 { throw ValidationError("--latency-ms must not be negative") }
        if let throttle, throttle < 1 { throw ValidationError("--throttle must be at least 1") }
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if maxBody < 1024 { throw ValidationError("--max-body must be at least 1024") }
        if maxFile < 1 { throw ValidationError("--max-file must be at least 1") }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level '\(logLevel)' is not a level") }
        if tokenEnv.isEmpty { throw ValidationError("--token-env must name a variable") }
    }

    func run() async throws {
        // Logs go to stderr so that stdout carries only the "listening on" line tests read.
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "pubsync-portal")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info

        guard let token = ProcessInfo.processInfo.environment[tokenEnv], !token.isEmpty else {
            // Name the variable, never a value.
            throw ValidationError("the token variable \(tokenEnv) is not set or empty")
        }
        let store = try PortalStore(path: db)
        let faults = FaultInjector(failEvery: failEvery, latencyMs: latencyMs, throttle: throttle,
                                   retryAfterDate: retryAfterDate)
        let router = PortalRoutes(store: store, token: token, faults: faults, basePath: base,
                                  maxBody: maxBody, maxFile: maxFile, logger: logger).buildRouter()
        let host = self.host
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "pubsync-portal"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                FileHandle.standardOutput.write(Data("listening on \(host):\(bound)\n".utf8))
            },
            logger: logger
        )
        // SIGTERM/SIGINT trigger ServiceLifecycle's graceful shutdown: in-flight requests finish.
        try await app.runService()
        logger.info("stopped")
    }
}
