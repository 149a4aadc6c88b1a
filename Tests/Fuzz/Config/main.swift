// Fuzzes the config loader (TOMLKit, then every section's checks, the site and feed channels'
// settings included): any text gives a config or a `.config` error naming the file.
import Feeds
import Foundation
import FuzzSupport
import Logging
import PubsyncCore
import StaticSite

let loader = ConfigLoader(factories: [StaticSiteFactory(), FeedChannelFactory()], environment: [:])
let file = FuzzFiles.folder.appendingPathComponent("pubsync.toml")
let quiet = Logger(label: "fuzz", factory: { _ in SwiftLogNoOpLogHandler() })

FuzzDriver.run { bytes in
    do {
        _ = try loader.load(text: String(decoding: bytes, as: UTF8.self), file: file, logger: quiet)
    } catch let error as PubsyncError {
        FuzzExpect.that(error.code == .config, "code \(error.code) for a bad config: \(error.message)")
        FuzzExpect.that(error.message.contains(file.path), "the message does not name the file: \(error.message)")
    } catch {
        FuzzExpect.that(false, "an error that is not a PubsyncError: \(error)")
    }
}
