// Fuzzes reconcile's inventory of a feed channel: the first byte picks the file (rss.xml,
// atom.xml or feed.json, each owned by the folder's manifest) the rest is written to;
// `inventory()` lists entries or throws an `.inventory` error naming the file, never crashes.
import Feeds
import Foundation
import FuzzSupport
import Logging
import PubsyncCore

let folder = FuzzFiles.folder.appendingPathComponent("feeds")
try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
// Inventory reads only the files the folder's manifest says pubsync created: claim all three.
_ = FuzzFiles.write(Array(("# pubsync output manifest v1\n" + FeedFormat.allCases.map { "\($0.fileName)\t-\t-\t-\t-\t-\n" }.joined()).utf8),
                    to: "feeds/.pubsync-manifest")
let channels: [FeedChannel] = FeedFormat.allCases.map { format in
    let config = FeedConfig(channel: "weibo", output: folder, formats: [format], title: "微博",
                            homeURL: "https://www.example.gov.cn/", itemURLTemplate: "https://www.example.gov.cn/items/{id}.html")
    return FeedChannel(config: config, logger: Logger(label: "fuzz", factory: { _ in SwiftLogNoOpLogHandler() }))
}

FuzzDriver.run { bytes in
    guard let mode = bytes.first else { return }
    let channel = channels[Int(mode) % channels.count]
    let file = FuzzFiles.write(bytes.dropFirst(), to: "feeds/" + channel.config.formats[0].fileName).path
    let outcome: String? = FuzzExpect.blocking {
        do {
            _ = try await channel.inventory()
            return nil
        } catch let error as PubsyncError {
            if error.code != .inventory { return "code \(error.code): \(error.message)" }
            return error.message.contains(file) ? nil : "the message does not name the file: \(error.message)"
        } catch {
            return "an error that is not a PubsyncError: \(error)"
        }
    }
    FuzzExpect.that(outcome == nil, outcome ?? "")
}
