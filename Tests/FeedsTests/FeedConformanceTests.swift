import Feeds
import Foundation
import Logging
import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Feed channel: conformance")
struct FeedConformanceTests {
    @Test("the feed adapter passes the shared conformance suite")
    func conformance() async throws {
        let directory = TemporaryDirectory()
        let file = directory.url.appendingPathComponent("pubsync.toml")
        let settings = ChannelSettings(name: "weibo", kind: "feed",
                                       values: ["output": .string("out/weibo"), "base_url": .string("https://jtj.example.gov.cn/"),
                                                "item_url": .string("https://jtj.example.gov.cn/items/{id}.html"), "title": .string("测试")],
                                       configFile: file, environment: [:])
        // Every put rewrites the three feed files at the top of the folder.
        let layout = ChannelConformance.FolderLayout(url: directory.url.appendingPathComponent("out/weibo")) { _ in
            FeedFormat.allCases.map(\.fileName)
        }
        try await ChannelConformance(windowed: true, output: .folder(layout)) {
            try FeedChannelFactory().make(settings, logger: Logger(label: "test"))
        }.run()
        _ = directory
    }
}
