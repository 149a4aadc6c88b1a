import Crypto
import Foundation
import Logging
import PortalPush
import PubsyncCore

/// The ledger view a session gets; the portal adapter never reads it.
struct NoLiveItems: LiveItemSource {
    func items(category: String?, includeBody: Bool) async throws -> [PublishedItem] { [] }
    func newest(limit: Int, includeBody: Bool) async throws -> [PublishedItem] { [] }
}

/// Collects every log message and metadata value, so tests can grep them for the token.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return lines.joined(separator: "\n")
    }

    var logger: Logger {
        var logger = Logger(label: "portal-test") { _ in RecordingHandler(recorder: self) }
        logger.logLevel = .trace
        return logger
    }
}

struct RecordingHandler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        recorder.append("\(level) \(message) \(metadata ?? [:]) \(self.metadata)")
    }
}

/// Records the adapter's waits (and really sleeps them, so the server's clock moves on).
final class SleepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var waits: [Double] = []

    var recorded: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return waits
    }

    var sleep: @Sendable (Double) async throws -> Void {
        { seconds in
            self.lock.withLock { self.waits.append(seconds) }
            try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
        }
    }
}

enum Fixture {
    /// Short backoff for tests; `Retry-After` is still honoured.
    static func policy(_ recorder: SleepRecorder? = nil) -> PortalRetryPolicy {
        var policy = PortalRetryPolicy(baseDelay: 0.02, maxDelay: 0.2, retryAfterCap: 5, throttleJitter: 0.05, maxThrottleWaits: 30)
        if let recorder { policy.sleep = recorder.sleep }
        return policy
    }

    /// Channel settings for `server` with the given extra keys.
    static func settings(_ server: PortalServer, _ extra: [String: ConfigValue] = [:],
                         environment: [String: String]? = nil) -> ChannelSettings {
        var values: [String: ConfigValue] = [
            "url": .string(server.baseURL),
            "token_env": .string(PortalServer.tokenVariable),
            "public_url": .string("https://portal.example.gov.cn/items/{id}"),
            "timeout_s": .integer(10),
        ]
        values.merge(extra) { _, new in new }
        return ChannelSettings(name: "portal", kind: "http-push", values: values,
                               configFile: URL(fileURLWithPath: "/tmp/pubsync.toml"),
                               environment: environment ?? [PortalServer.tokenVariable: PortalServer.token])
    }

    static func adapter(_ server: PortalServer, _ extra: [String: ConfigValue] = [:], environment: [String: String]? = nil,
                        sleeps: SleepRecorder? = nil, logs: LogRecorder = LogRecorder()) throws -> any ChannelAdapter {
        try PortalPushFactory(retryPolicy: policy(sleeps)).make(settings(server, extra, environment: environment), logger: logs.logger)
    }

    static func session(_ adapter: any ChannelAdapter, logs: LogRecorder = LogRecorder(),
                        files: AttachmentFiles? = nil) async throws -> any ChannelSession {
        try await adapter.openSession(SessionContext(now: Date(), timeZone: TimeZone(identifier: "Asia/Shanghai")!,
                                                     logger: logs.logger, live: NoLiveItems(), attachments: files))
    }

    /// Puts `bytes` into `files` under their SHA-256 and returns the attachment naming them.
    static func attachment(_ bytes: Data, name: String, mediaType: String, in files: AttachmentFiles) throws -> Attachment {
        let sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let url = files.url(for: sha256)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
        return Attachment(sha256: sha256, name: name, title: (name as NSString).deletingPathExtension, size: bytes.count,
                          mediaType: mediaType)
    }

    /// A deterministic 64-hex-digit stand-in for the store's SHA-256 (FNV-1a, four lanes).
    static func contentHash(_ text: String) -> String {
        (0..<4).map { lane -> String in
            var hash: UInt64 = 0xcbf29ce484222325 &+ UInt64(lane)
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
            let hex = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// An item with a body of mixed Chinese and ASCII Markdown.
    static func item(_ id: String, revision: Int = 1, title: String? = nil, body: String? = nil) -> PublishedItem {
        let hash = contentHash("\(id)-\(revision)-\(title ?? "")-\(body ?? "")")
        return PublishedItem(id: id, revision: revision, title: title ?? "关于\(id)的公告", summary: "摘要 summary",
                             body: body ?? "# 标题\n\n正文 **bold** 与 [链接](https://jtj.example.gov.cn/a?b=1&c=2)。",
                             category: "政务公告", unit: "市交通运输局", indexNumber: "004188191/2014-\(id)",
                             docNumber: "淄交发〔2014〕12号", published: LocalDate("2014-06-18")!,
                             updated: Date(timeIntervalSince1970: 1_400_000_000), contentHash: hash)
    }
}
