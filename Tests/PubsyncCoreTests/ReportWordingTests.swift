import Foundation
import GRDB
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Part one's report: wording and typed counting")
struct ReportWordingTests {
    /// The harness's channels with these titles (a channel left out keeps no title).
    func channels(_ harness: EngineHarness, titles: [String: String]) -> [ConfiguredChannel] {
        harness.config.channels.map { channel in
            var values = channel.settings.values
            if let title = titles[channel.name] { values["title"] = .string(title) }
            let settings = ChannelSettings(name: channel.name, kind: channel.settings.kind, values: values,
                                           configFile: channel.settings.configFile, environment: [:])
            return ConfiguredChannel(settings: settings, routing: channel.routing, adapter: channel.adapter)
        }
    }

    @Test("a retraction's removal is its own event action, and only it counts as retracted")
    func typedRemovalActions() async throws {
        let harness = try EngineHarness(channels: ["site"], today: "2015-03-01")
        try harness.add(["kept", "moved", "gone"], published: "2014-05-01")
        try await harness.sync()
        harness.routing["site"] = ChannelRouting(exclude: ["部门动态"])
        try harness.add(["moved"], category: "部门动态", published: "2014-05-01", title: "改栏目")
        _ = try harness.store.approve(item: "moved", by: "信息公开科", role: .reviewer)
        try harness.store.retract(["gone"], by: "王主任", reason: "removed")
        try await harness.sync()
        let actions = try harness.store.events(limit: 100).filter { $0.channel == "site" }.map { "\($0.item ?? ""):\($0.action)" }
        #expect(actions.contains("gone:taken-down"))
        #expect(actions.contains("moved:removed"))
        let report = try harness.store.disclosureReport(from: LocalDate("2014-01-01")!, to: LocalDate("2014-12-31")!,
                                                        asOf: harness.now.addingTimeInterval(1), channels: harness.config.channels)
        #expect(report.channels[0].counts == .init(published: 3, updated: 0, retracted: 1))
    }

    @Test("a store written before typed actions counts its old retraction removals")
    func migratesOldRemovalEvents() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("pubsync.db")
        let queue = try DatabaseQueue(path: path)
        try StoreMigrations.migrator.migrate(queue, upTo: "v3-disclosure-metadata")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO events (at, actor, action, item_id, channel, rev, detail) VALUES
                    (1, 'pubsync', 'removed', 'a', 'site', NULL, 'retracted'),
                    (2, 'pubsync', 'removed', 'b', 'site', NULL, 'unrouted')
                """)
        }
        let store = try ItemStore(path: path)
        let actions = try store.events(limit: 10).map { "\($0.item ?? ""):\($0.action)" }
        #expect(actions == ["a:taken-down", "b:removed"])
    }

    @Test("headings name the office and the year, channels go by their titles, times are in words")
    func wording() async throws {
        let harness = try EngineHarness(channels: ["site", "portal", "weibo"], today: "2015-01-31")
        try harness.add(["a", "b"], published: "2014-05-01")
        try await harness.sync()
        let configured = channels(harness, titles: ["site": "淄博市交通运输局网站", "portal": "淄博市人民政府门户网站"])
        let context = ReportContext(channels: configured, timeZone: TimeZone(identifier: "Asia/Shanghai")!, office: "淄博市交通运输局")
        let report = try harness.store.disclosureReport(from: LocalDate("2014-01-01")!, to: LocalDate("2014-12-31")!,
                                                        asOf: nil, now: harness.now, context: context)
        #expect(report.channels.map(\.title) == ["淄博市交通运输局网站", "淄博市人民政府门户网站", "weibo"])
        for text in [report.markdown(), report.html()] {
            #expect(text.contains("淄博市交通运输局2014年政府信息主动公开情况统计"))
            #expect(text.contains("在淄博市交通运输局网站主动公开政府信息2条"))
            #expect(text.contains("统计截至2015年1月31日 12:00"))
            #expect(!text.contains("（site）") && !text.contains("（portal）"))
            #expect(!text.contains("2015-01-31T"))
        }
        let json = try JSONDecoder().decode(DisclosureReport.JSON.self, from: Data(try report.jsonText().utf8))
        #expect(json.channels.map(\.name) == ["site", "portal", "weibo"])
        #expect(json.as_of == "2015-01-31T12:00:00+08:00")
        #expect(json.office == "淄博市交通运输局" && json.filed == nil)
    }

    @Test("times in words in the configured zone")
    func timesInWords() {
        let moment = ISO8601DateFormatter().date(from: "2015-01-31T02:05:00Z")!
        #expect(ReportTime.words(moment, in: TimeZone(identifier: "Asia/Shanghai")!) == "2015年1月31日 10:05")
        #expect(ReportTime.words(moment, in: TimeZone(identifier: "UTC")!) == "2015年1月31日 2:05")
        let end = ReportTime.endOfDay(LocalDate("2014-12-31")!, in: TimeZone(identifier: "Asia/Shanghai")!)
        #expect(Timestamp.rfc3339(end, in: TimeZone(identifier: "Asia/Shanghai")!) == "2014-12-31T23:59:59+08:00")
    }
}
