import Feeds
import PortalPush
import StaticSite
import Foundation
import PubsyncCore

/// The channel kinds this executable knows: the `kind` → adapter table.
enum ChannelKinds {
    /// Every registered factory.
    static var factories: [any ChannelFactory] {
        var factories: [any ChannelFactory] = [StaticSiteFactory(), PortalPushFactory(), FeedChannelFactory()]
        if ProcessInfo.processInfo.environment["PUBSYNC_TEST_KINDS"] == "1" { factories.append(NullChannelFactory()) }
        return factories
    }
}
