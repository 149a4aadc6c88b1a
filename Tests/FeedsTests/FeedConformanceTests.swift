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
        try await ChannelConformance(windowed: true) {
            try FeedChannelFactory().make(settings, logger: Logger(label: "test"))
        }.run()
        _ = directory
    }
}
