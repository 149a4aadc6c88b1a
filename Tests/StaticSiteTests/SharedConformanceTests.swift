import Foundation
import Logging
import PubsyncCore
import PubsyncTesting
import StaticSite
import Testing

@Suite("Static site: shared conformance suite")
struct SharedConformanceTests {
    @Test("the static-site adapter passes the conformance suite every channel runs")
    func conformance() async throws {
        let directory = TemporaryDirectory()
        let settings = ChannelSettings(name: "site", kind: "static-site",
                                       values: ["output": .string("out/site"), "base_url": .string("https://jtj.example.gov.cn/"),
                                                "title": .string("市交通运输局")],
                                       configFile: directory.url.appendingPathComponent("pubsync.toml"), environment: [:])
        let layout = ChannelConformance.FolderLayout(url: directory.url.appendingPathComponent("out/site"), subfolder: "items") {
            ["items/\($0).html"]
        }
        try await ChannelConformance(output: .folder(layout)) { try StaticSiteFactory().make(settings, logger: Logger(label: "test")) }.run()
        _ = directory
    }
}
