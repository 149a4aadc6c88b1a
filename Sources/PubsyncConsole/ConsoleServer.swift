import Foundation
import Hummingbird
import Logging
import PubsyncCore

/// The staff console (`pubsync serve`): a server-rendered web console on the same store and
/// writers' lock as the CLI. Every change is made by the logged-in account through the store's
/// own methods, so the trail names that account.
public struct ConsoleServer: Sendable {
    /// The loaded config (channels for the dashboard and the report).
    let config: PubsyncConfig
    /// The store.
    let store: ItemStore
    /// How long a write waits for another run's lock before answering busy.
    let lockWait: TimeInterval
    let logger: Logger

    /// A console over `store`, with the config it was opened from.
    public init(config: PubsyncConfig, store: ItemStore, lockWait: TimeInterval = 10, logger: Logger) {
        self.config = config
        self.store = store
        self.lockWait = lockWait
        self.logger = logger
    }

    /// Serves until SIGTERM/SIGINT; `onListening` receives the bound port (useful with port 0).
    public func run(host: String, port: Int, onListening: @escaping @Sendable (Int) -> Void) async throws {
        let routes = try ConsoleRoutes(config: config, store: store, lockWait: lockWait)
        let app = Application(
            router: routes.buildRouter(),
            configuration: .init(address: .hostname(host, port: port), serverName: "pubsync-console"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) },
            logger: logger
        )
        try await app.runService()
    }
}
