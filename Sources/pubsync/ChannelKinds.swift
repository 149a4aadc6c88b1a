import Feeds
import PortalPush
import Foundation
import PubsyncCore

/// The channel kinds this executable knows: the `kind` → adapter table.
enum ChannelKinds {
    /// Every registered factory.
    static var factories: [any ChannelFactory] {
        var factories: [any ChannelFactory] = [FeedChannelFactory(), PortalPushFactory()]
        if ProcessInfo.processInfo.environment["PUBSYNC_TEST_KINDS"] == "1" { factories.append(NullChannelFactory()) }
        return factories
    }
}
