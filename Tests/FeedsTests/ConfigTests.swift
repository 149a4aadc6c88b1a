import Feeds
import Foundation
import Logging
import PubsyncCore
import Testing

/// The `feed` kind's settings: defaults, derived item links, and errors that name the key.
@Suite struct ConfigTests {
    let configFile = URL(fileURLWithPath: "/srv/pubsync/pubsync.toml")

    func settings(_ values: [String: ConfigValue], website: WebsiteAddresses? = nil) -> ChannelSettings {
        ChannelSettings(name: "weibo", kind: "feed", values: values, configFile: configFile, environment: [:], website: website)
    }

    /// The website's addresses as the config loader hands them over (from the site channel's factory).
    var site: WebsiteAddresses {
        WebsiteAddresses(baseURL: "https://jtj.example.gov.cn/", itemURLTemplate: "https://jtj.example.gov.cn/items/{id}.html")
    }

    func configError(_ values: [String: ConfigValue], website: WebsiteAddresses? = nil) -> PubsyncError? {
        do {
            _ = try FeedConfig(settings: settings(values, website: website))
            return nil
        } catch {
            return error as? PubsyncError
        }
    }

    @Test func theFactoryServesKindFeedWithItsKeys() throws {
        let factory = FeedChannelFactory()
        #expect(factory.kind == "feed")
        #expect(factory.allowedKeys == ["output", "formats", "max_items", "text_limit", "title", "base_url", "item_url", "id_prefix"])
        let adapter = try factory.make(settings(["output": .string("out/feeds/weibo")], website: site), logger: Logger(label: "test"))
        #expect(adapter.name == "weibo")
        #expect(adapter is any WindowedChannel)
    }

    @Test func defaultsComeFromTheSiteChannel() throws {
        let config = try FeedConfig(settings: settings(["output": .string("out/feeds/weibo")], website: site))
        #expect(config.output.path == "/srv/pubsync/out/feeds/weibo")
        #expect(config.formats == [.rss, .atom, .json])
        #expect(config.maxItems == 50)
        #expect(config.textLimit == 140)
        #expect(config.itemURL("zbjt-2014-0012") == "https://jtj.example.gov.cn/items/zbjt-2014-0012.html")
        #expect(config.entryID("zbjt-2014-0012") == "tag:jtj.example.gov.cn,2014:items/zbjt-2014-0012")
        #expect(config.homeURL == "https://jtj.example.gov.cn/")
    }

    @Test func explicitSettingsWin() throws {
        let config = try FeedConfig(settings: settings([
            "output": .string("/var/www/feeds"), "formats": .array([.string("json"), .string("rss")]),
            "max_items": .integer(20), "text_limit": .integer(70), "title": .string("市交通运输局微博"),
            "base_url": .string("https://weibo.example.gov.cn/"), "item_url": .string("https://portal.example.gov.cn/items/{id}"),
            "id_prefix": .string("urn:jtj:items:"),
        ], website: site))
        #expect(config.formats == [.rss, .json])
        #expect(config.maxItems == 20 && config.textLimit == 70)
        #expect(config.itemURL("a") == "https://portal.example.gov.cn/items/a")
        #expect(config.entryID("a") == "urn:jtj:items:a")
        #expect(config.title == "市交通运输局微博")
    }

    @Test func withoutItemURLOrSiteTheErrorNamesItemURL() {
        let error = configError(["output": .string("out")])
        #expect(error?.code == .config)
        #expect(error?.message.contains("'item_url'") == true)
        #expect(error?.message.contains("/srv/pubsync/pubsync.toml") == true)
    }

    @Test func badValuesAreConfigErrorsNamingTheKey() {
        let base: [String: ConfigValue] = ["output": .string("out"), "item_url": .string("https://x.example/{id}")]
        let cases: [(String, ConfigValue)] = [
            ("formats", .array([.string("rss"), .string("html")])), ("formats", .array([])),
            ("max_items", .integer(0)), ("text_limit", .string("140")),
            ("item_url", .string("https://x.example/items")), ("item_url", .string("ftp://x.example/{id}")),
            ("base_url", .string("jtj.example.gov.cn")), ("id_prefix", .string("https://x.example/")),
        ]
        for (key, value) in cases {
            var values = base
            values[key] = value
            let error = configError(values)
            #expect(error?.code == .config, "\(key)")
            #expect(error?.message.contains("'\(key)'") == true, "\(key): \(String(describing: error))")
        }
        #expect(configError(["item_url": .string("https://x.example/{id}")])?.message.contains("'output'") == true)
    }

    @Test func theFingerprintFollowsWhatShapesTheFiles() throws {
        let base: [String: ConfigValue] = ["output": .string("out")]
        let a = try FeedConfig(settings: settings(base, website: site)).fingerprint
        let again = try FeedConfig(settings: settings(base, website: site)).fingerprint
        #expect(a == again)
        #expect(a.count == 64 && a.allSatisfy(\.isHexDigit))
        for (key, value) in [("text_limit", ConfigValue.integer(70)), ("max_items", .integer(10)), ("title", .string("新")),
                             ("formats", .array([.string("atom")])), ("item_url", .string("https://y.example/{id}"))] {
            var values = base
            values[key] = value
            #expect(try FeedConfig(settings: settings(values, website: site)).fingerprint != a, "\(key)")
        }
    }
}
