import ArgumentParser
import Foundation
import Logging
import PortalPush
import PubsyncCore

/// Pushes N items through the http-push adapter to a running pubsync-portal and prints items/s;
/// can also write the same PUTs as a curl config, so a plain client can be timed against it.
@main
struct PortalBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal-bench",
        abstract: "Measure the http-push adapter's throughput against pubsync-portal."
    )

    @Option(help: "The portal's API base URL.")
    var url: String

    @Option(name: .customLong("token-env"), help: "Environment variable holding the token.")
    var tokenEnv = "PORTAL_BENCH_TOKEN"

    @Option(help: "Items per run.")
    var count = 10_000

    @Option(help: "Comma-separated concurrency levels, one run each.")
    var concurrency = "1,8"

    @Option(name: .customLong("write-curl"), help: "Instead of pushing, write bodies and a curl config into this folder.")
    var writeCurl: String?

    @Option(name: .customLong("id-prefix"), help: "Prefix of the item ids (each run adds its own).")
    var idPrefix = "bench"

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        if let writeCurl {
            try writeCurlConfig(folder: URL(fileURLWithPath: writeCurl), environment: environment)
            return
        }
        for level in concurrency.split(separator: ",").compactMap({ Int($0) }) {
            let adapter = try makeAdapter(concurrency: level, environment: environment)
            let items = (0..<count).map { Self.item(index: $0, prefix: "\(idPrefix)-c\(level)") }
            let session = try await adapter.openSession(SessionContext(
                now: Date(), timeZone: TimeZone(identifier: "Asia/Shanghai")!, logger: Logger(label: "portal-bench"),
                live: NoLive()))
            let next = Counter()
            let started = Date()
            let failures = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<level {
                    group.addTask {
                        var failed = 0
                        while let index = next.take(below: items.count) {
                            do { _ = try await session.put(items[index]) } catch { failed += 1 }
                        }
                        return failed
                    }
                }
                return try await group.reduce(0, +)
            }
            try await session.flush()
            let seconds = Date().timeIntervalSince(started)
            let rate = Double(count) / seconds
            print(String(format: "adapter concurrency=%d items=%d failed=%d seconds=%.2f items/s=%.1f", level, count, failures, seconds, rate))
        }
    }

    private func makeAdapter(concurrency: Int, environment: [String: String]) throws -> any ChannelAdapter {
        let settings = ChannelSettings(
            name: "portal", kind: "http-push",
            values: ["url": .string(url), "token_env": .string(tokenEnv), "concurrency": .integer(concurrency),
                     "public_url": .string("https://portal.example.gov.cn/items/{id}")],
            configFile: URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("pubsync.toml"),
            environment: environment)
        return try PortalPushFactory().make(settings, logger: Logger(label: "portal-bench"))
    }

    /// Writes `bodies/N.json` and `curl.cfg` (url + upload-file pairs) for the same items.
    private func writeCurlConfig(folder: URL, environment: [String: String]) throws {
        let adapter = try makeAdapter(concurrency: 8, environment: environment) as! PortalPushAdapter
        let bodies = folder.appendingPathComponent("bodies")
        try FileManager.default.createDirectory(at: bodies, withIntermediateDirectories: true)
        var config = ""
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        for index in 0..<count {
            let item = Self.item(index: index, prefix: "\(idPrefix)-curl")
            let file = bodies.appendingPathComponent("\(index).json")
            try adapter.requestBody(for: item).write(to: file)
            config += "url = \"\(base)/items/\(item.id)\"\nupload-file = \"\(file.path)\"\noutput = \"/dev/null\"\n"
        }
        try config.write(to: folder.appendingPathComponent("curl.cfg"), atomically: true, encoding: .utf8)
    }

    /// An item of about 2 KB: mixed Chinese and ASCII Markdown.
    static func item(index: Int, prefix: String) -> PublishedItem {
        let paragraph = "关于调整\(index)路公交线路的公告：自2014年6月18日起，Route \(index) runs via 人民路 and 共青团路 (every 10 min). "
        var body = "## 线路调整说明\n\n"
        while body.utf8.count < 1900 { body += paragraph + "\n\n" }
        body += "- 咨询电话 12328\n- 详见 [交通局网站](https://jtj.example.gov.cn/notice/\(index))\n"
        let hex = String(format: "%016llx", UInt64(index) &* 0x9E3779B97F4A7C15)
        return PublishedItem(id: String(format: "%@-%05d", prefix, index), revision: 1, title: "关于调整\(index)路公交线路的公告",
                             summary: "线路调整 summary \(index)", body: body, category: "政务公告", unit: "市交通运输局",
                             indexNumber: "004188191/2014-\(index)", docNumber: "淄交发〔2014〕\(index)号",
                             published: LocalDate("2014-06-18")!, updated: Date(), contentHash: String(repeating: hex, count: 4))
    }
}

/// Hands out indices to the workers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}

/// The portal adapter never reads the ledger view.
struct NoLive: LiveItemSource {
    func items(category: String?, includeBody: Bool) async throws -> [PublishedItem] { [] }
    func newest(limit: Int, includeBody: Bool) async throws -> [PublishedItem] { [] }
}
