import Feeds
import PubsyncCore

/// The channel kinds this executable knows: the `kind` → adapter table.
enum ChannelKinds {
    /// Every registered factory.
    static var factories: [any ChannelFactory] {
        [FeedChannelFactory()]
    }
}
