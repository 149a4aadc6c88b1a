import Foundation
import Logging
@testable import PubsyncCore
import PubsyncTesting
import Testing

/// A channel kind for config tests: accepts `output` and builds a no-op adapter description.
struct StubFactory: ChannelFactory {
    let kind = "test-kind"
    let allowedKeys: Set<String> = ["output", "limit"]
    func make(_ settings: ChannelSettings, logger: Logger) throws -> any ChannelAdapter {
        _ = try settings.requiredPath("output")
        _ = try settings.integer("limit", in: 1...100)
        return MemoryChannel(name: settings.name)
    }
}

@Suite("Config: pubsync.toml")
struct ConfigTests {
    let directory = TemporaryDirectory()
    let loader = ConfigLoader(factories: [StubFactory()], environment: [:])

    func load(_ text: String) throws -> PubsyncConfig {
        try loader.load(text: text, file: directory.url.appendingPathComponent("pubsync.toml"))
    }

    func failure(_ text: String) throws -> String {
        let error = try #require(throws: PubsyncError.self) { _ = try load(text) }
        #expect(error.code == .config)
        #expect(error.exitCode == 2)
        return error.message
    }

    @Test("a good config loads, with paths relative to its folder")
    func goodConfig() throws {
        let config = try load("""
            timezone = "Asia/Shanghai"
            [store]
            path = "data/pubsync.db"
            [[channels]]
            name = "site"
            kind = "test-kind"
            output = "out"
            include_categories = ["政务公告"]
            [audit]
            rules = ["cn-id-number"]
            """)
        #expect(config.timeZone.identifier == "Asia/Shanghai")
        #expect(config.storePath == directory.url.appendingPathComponent("data/pubsync.db").standardizedFileURL.path)
        #expect(config.channels.map(\.name) == ["site"])
        #expect(config.channels[0].routing.accepts(channel: "site", category: "政务公告", itemChannels: nil))
        #expect(!config.channels[0].routing.accepts(channel: "site", category: "新闻", itemChannels: nil))
        #expect(config.channels[0].routing.accepts(channel: "site", category: "新闻", itemChannels: ["site"]))
    }

    @Test("an unknown kind is named with the known ones")
    func unknownKind() throws {
        let message = try failure("[store]\npath = \"p.db\"\n[[channels]]\nname = \"x\"\nkind = \"ftp\"\n")
        #expect(message.contains("channels[1].kind") && message.contains("ftp") && message.contains("test-kind"))
    }

    @Test("a duplicate channel name is refused")
    func duplicateName() throws {
        let message = try failure("[store]\npath = \"p.db\"\n[[channels]]\nname = \"x\"\nkind = \"test-kind\"\noutput = \"a\"\n[[channels]]\nname = \"x\"\nkind = \"test-kind\"\noutput = \"b\"\n")
        #expect(message.contains("duplicate") && message.contains("'x'"))
    }

    @Test("a missing key is named")
    func missingKey() throws {
        #expect(try failure("[store]\npath = \"p.db\"\n[[channels]]\nname = \"x\"\nkind = \"test-kind\"\n").contains("'output' is missing"))
        #expect(try failure("timezone = \"UTC\"\n").contains("'store' is missing"))
    }

    @Test("a wrong type is named")
    func wrongType() throws {
        #expect(try failure("[store]\npath = 3\n").contains("store.path"))
        #expect(try failure("[store]\npath = \"p.db\"\n[[channels]]\nname = \"x\"\nkind = \"test-kind\"\noutput = \"a\"\nlimit = \"ten\"\n").contains("'limit' must be an integer"))
    }

    @Test("an unknown timezone is named")
    func badTimezone() throws {
        #expect(try failure("timezone = \"Mars/Olympus\"\n[store]\npath = \"p.db\"\n").contains("Mars/Olympus"))
    }

    @Test("an unknown key is refused, so typos surface")
    func unknownKey() throws {
        #expect(try failure("[store]\npath = \"p.db\"\n[[channels]]\nname = \"x\"\nkind = \"test-kind\"\noutput = \"a\"\noutptu = \"b\"\n").contains("outptu"))
    }

    @Test("invalid TOML names the line")
    func invalidTOML() throws {
        #expect(try failure("[store]\npath = \"p.db\n").contains("pubsync.toml:2"))
    }

    @Test("the config is found by --config, else $PUBSYNC_CONFIG, else ./pubsync.toml")
    func location() {
        #expect(PubsyncConfig.locate(explicit: "/etc/a.toml", environment: ["PUBSYNC_CONFIG": "/b.toml"]).path == "/etc/a.toml")
        #expect(PubsyncConfig.locate(explicit: nil, environment: ["PUBSYNC_CONFIG": "/b.toml"]).path == "/b.toml")
        #expect(PubsyncConfig.locate(explicit: nil, environment: [:]).lastPathComponent == "pubsync.toml")
    }

    @Test("init's commented template is itself a valid config once its kinds exist")
    func initTemplateParses() throws {
        let text = InitTemplate.config.replacingOccurrences(of: "static-site", with: "test-kind")
            .replacingOccurrences(of: "base_url = \"https://www.example.gov.cn/\"\n", with: "")
            .replacingOccurrences(of: "title = \"本单位政府信息公开\"\n", with: "")
        let stripped = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("[channels.columns]") && !$0.hasPrefix("\"政") }.joined(separator: "\n")
        _ = try load(stripped)
    }
}
