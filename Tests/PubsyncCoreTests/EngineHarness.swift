import Foundation
import Logging
@testable import PubsyncCore
import PubsyncTesting

/// A store, a config with in-memory channels, and an engine on a pinned clock.
final class EngineHarness: @unchecked Sendable {
    let directory = TemporaryDirectory()
    let store: ItemStore
    var channels: [String: MemoryChannel] = [:]
    var routing: [String: ChannelRouting] = [:]
    var order: [String] = []
    var now: Date

    init(channels names: [String] = ["site"], today: String = "2014-06-18") throws {
        now = ISO8601DateFormatter().date(from: "\(today)T04:00:00Z")!
        let clockBox = ClockBox()
        store = try ItemStore(path: directory.path("pubsync.db"), clock: { clockBox.now })
        clockBox.now = now
        self.clockBox = clockBox
        for name in names {
            channels[name] = MemoryChannel(name: name)
            routing[name] = ChannelRouting()
            order.append(name)
        }
    }

    private let clockBox: ClockBox

    /// Moves the clock to noon (Shanghai) of `day`.
    func setToday(_ day: String) {
        now = ISO8601DateFormatter().date(from: "\(day)T04:00:00Z")!
        clockBox.now = now
    }

    /// Moves the clock forward.
    func advance(seconds: TimeInterval) {
        now = now.addingTimeInterval(seconds)
        clockBox.now = now
    }

    var config: PubsyncConfig {
        let file = directory.url.appendingPathComponent("pubsync.toml")
        let configured = order.map { name in
            ConfiguredChannel(settings: ChannelSettings(name: name, kind: "memory", values: [:], configFile: file, environment: [:]),
                              routing: routing[name]!, adapter: channels[name]!)
        }
        return PubsyncConfig(file: file, timeZone: TimeZone(identifier: "Asia/Shanghai")!, storePath: store.path,
                             channels: configured, audit: AuditSettings(rules: [], wordsFile: nil))
    }

    func engine(failpoint: Failpoint? = nil) -> SyncEngine {
        let box = clockBox
        return SyncEngine(store: store, config: config, logger: Logger(label: "test"), failpoint: failpoint, clock: { box.now })
    }

    @discardableResult
    func sync(_ options: SyncOptions = SyncOptions(), only: [String]? = nil) async throws -> [String: ChannelSyncResult] {
        let config = self.config
        let selected = only.map { names in config.channels.filter { names.contains($0.name) } } ?? config.channels
        let results = try await engine().run(selected, options: options)
        return Dictionary(uniqueKeysWithValues: results.map { ($0.name, $0) })
    }

    /// Imports approved items `ids` (category 政务公告 unless given).
    func add(_ ids: [String], category: String = "政务公告", published: String = "2014-06-01", title: String = "标题") throws {
        try store.importItems(actor: "tester", approveBy: "信息公开科") { emit in
            for id in ids {
                var draft = Fixtures.draft(id, title: title)
                draft.content.category = category
                draft.content.published = LocalDate(published)!
                try emit(draft)
            }
        }
    }

    /// A logical dump of every table, to prove a dry run wrote nothing.
    func dump() throws -> String {
        try store.read { db in
            var out = ""
            for table in ["items", "revisions", "approvals", "journal", "ledger", "cursors", "flags", "events"] {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2") { out += "\(table): \(row)\n" }
            }
            return out
        }
    }
}

final class ClockBox: @unchecked Sendable {
    var now = Date()
}

import GRDB
