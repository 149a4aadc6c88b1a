import Foundation
import Logging
import PubsyncCore

/// Channel kinds for benchmarks and crash tests only, registered when `PUBSYNC_TEST_KINDS=1`:
/// `null` accepts every operation and keeps nothing, so a benchmark measures the engine alone.
struct NullChannelFactory: ChannelFactory {
    let kind = "null"
    let allowedKeys: Set<String> = []

    func make(_ settings: ChannelSettings, logger: Logger) throws -> any ChannelAdapter {
        NullChannel(name: settings.name)
    }
}

/// A channel that confirms everything and holds nothing.
struct NullChannel: ChannelAdapter {
    let name: String
    let fingerprint = "null-v1"
    let maxConcurrentOperations = 1

    func openSession(_ context: SessionContext) async throws -> any ChannelSession { Session() }

    func inventory() async throws -> [LiveEntry] {
        throw PubsyncError(.inventory, "the null channel keeps nothing to list", channel: name)
    }

    struct Session: ChannelSession {
        func put(_ item: PublishedItem) async throws -> PutReceipt { PutReceipt() }
        func remove(id: String, reason: RemovalReason) async throws {}
        func flush() async throws {}
    }
}
