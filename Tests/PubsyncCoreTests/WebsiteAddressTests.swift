import Foundation
import Logging
@testable import PubsyncCore
import PubsyncTesting
import Testing

/// A website kind for config tests: its pages live under `home`.
struct WebsiteStubFactory: ChannelFactory {
    let kind = "test-site"
    let allowedKeys: Set<String> = ["home"]
    func make(_ settings: ChannelSettings, logger: Logger) throws -> any ChannelAdapter { MemoryChannel(name: settings.name) }
    func websiteAddresses(_ settings: ChannelSettings) -> WebsiteAddresses? {
        (try? settings.string("home")).flatMap { $0 }.map { WebsiteAddresses(baseURL: $0, itemURLTemplate: $0 + "p/{id}") }
    }
}

@Suite("Config: a website's addresses are resolved by the loader, not by the channels that link to it")
struct WebsiteAddressTests {
    let directory = TemporaryDirectory()

    func load(_ channels: String) throws -> PubsyncConfig {
        try ConfigLoader(factories: [StubFactory(), WebsiteStubFactory()], environment: [:])
            .load(text: "[store]\npath = \"p.db\"\n" + channels, file: directory.url.appendingPathComponent("pubsync.toml"))
    }

    @Test("every channel, before or after the website in the file, gets the first website's addresses")
    func handedToEveryChannel() throws {
        let config = try load("""
            [[channels]]
            name = "feed"
            kind = "test-kind"
            output = "out/feed"
            [[channels]]
            name = "site"
            kind = "test-site"
            home = "https://a.example.cn/"
            [[channels]]
            name = "mirror"
            kind = "test-site"
            home = "https://b.example.cn/"
            """)
        let expected = WebsiteAddresses(baseURL: "https://a.example.cn/", itemURLTemplate: "https://a.example.cn/p/{id}")
        #expect(config.channels.map(\.settings.website) == [expected, expected, expected])
    }

    @Test("without a website no channel gets addresses; a kind that is not a website gives none")
    func none() throws {
        let config = try load("[[channels]]\nname = \"feed\"\nkind = \"test-kind\"\noutput = \"out/feed\"\n")
        #expect(config.channels[0].settings.website == nil)
        #expect(StubFactory().websiteAddresses(config.channels[0].settings) == nil)
    }
}
