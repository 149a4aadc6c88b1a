import Crypto
import Foundation
import Logging
import PubsyncCore
@testable import StaticSite

/// The ledger as the engine would keep it: what is live on the channel, backed by an array.
final class ArrayLedger: LiveItemSource, @unchecked Sendable {
    private let lock = NSLock()
    private var live: [String: PublishedItem] = [:]

    init(_ items: [PublishedItem] = []) {
        for item in items { live[item.id] = item }
    }

    func items(category: String?, includeBody: Bool) async throws -> [PublishedItem] {
        let all = lock.withLock { Array(live.values) }
        return all.filter { category == nil || $0.category == category }
            .sorted { $0.published != $1.published ? $0.published > $1.published : $0.id > $1.id }
            .map { item in
                var copy = item
                if !includeBody { copy.body = "" }
                return copy
            }
    }

    func newest(limit: Int, includeBody: Bool) async throws -> [PublishedItem] {
        Array(try await items(category: nil, includeBody: includeBody).prefix(limit))
    }

    /// Records confirmed outcomes, as the engine does after `flush()` returns.
    func record(puts: [PublishedItem], removes: [String]) {
        lock.withLock {
            for item in puts { live[item.id] = item }
            for id in removes { live[id] = nil }
        }
    }

    var ids: Set<String> { lock.withLock { Set(live.keys) } }
}

/// A site in a temp folder with its ledger; `sync` runs one session like the engine.
struct TestSite {
    let directory: URL
    let output: URL
    var config: SiteConfig
    let ledger = ArrayLedger()
    /// The store's attachment folder the sessions copy files from.
    let store: AttachmentFiles

    init(columns: [String: String] = ["政务公告": "notices", "政策文件": "policies"], allowRawHTML: Bool = false,
         templates: URL? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("site-test-\(UUID().uuidString)")
        output = directory.appendingPathComponent("out")
        store = AttachmentFiles(storePath: directory.appendingPathComponent("pubsync.db").path)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        config = SiteConfig(output: output, baseURL: "https://jtj.example.gov.cn", title: "市交通运输局",
                            templatesDirectory: templates, columns: columns, allowRawHTML: allowRawHTML)
    }

    func adapter() throws -> StaticSiteAdapter {
        try StaticSiteAdapter(name: "site", config: config, logger: Logger(label: "test"))
    }

    func context() -> SessionContext {
        SessionContext(now: Date(timeIntervalSince1970: 1_500_000_000), timeZone: TimeZone(identifier: "Asia/Shanghai")!,
                       logger: Logger(label: "test"), live: ledger, attachments: store)
    }

    /// Puts `bytes` into the store's folder and returns the attachment naming them.
    func attachment(_ bytes: Data, name: String, mediaType: String = "application/pdf", title: String? = nil) throws -> Attachment {
        let sha256 = Hex.string(SHA256.hash(data: bytes))
        let url = store.url(for: sha256)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
        return Attachment(sha256: sha256, name: name, title: title ?? (name as NSString).deletingPathExtension, size: bytes.count,
                          mediaType: mediaType)
    }

    /// Puts and removes through one session, flushes, records the outcome in the ledger.
    @discardableResult
    func sync(put: [PublishedItem] = [], remove: [String] = [], adapter given: StaticSiteAdapter? = nil) async throws -> SiteFlushReport {
        let adapter = try given ?? adapter()
        let session = try adapter.openSiteSession(context())
        for item in put { _ = try await session.put(item) }
        for id in remove { try await session.remove(id: id, reason: .unrouted) }
        try await session.flush()
        ledger.record(puts: put, removes: remove)
        return session.lastFlush!
    }

    func path(_ relative: String) -> String { output.appendingPathComponent(relative).path }
    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }
    func read(_ relative: String) throws -> String { try String(contentsOfFile: path(relative), encoding: .utf8) }

    /// Every file under the output folder, relative paths.
    func files() -> Set<String> {
        var result = Set<String>()
        let enumerator = FileManager.default.enumerator(atPath: output.path)!
        while let path = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: self.path(path), isDirectory: &isFolder), !isFolder.boolValue {
                result.insert(path)
            }
        }
        return result
    }

    /// Sets every file's mtime far in the past, so a later write shows.
    func ageAllFiles() {
        for file in files() {
            try? FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 946_684_800)], ofItemAtPath: path(file))
        }
    }

    /// The files whose mtime is no longer the aged one.
    func touchedFiles() -> Set<String> {
        Set(files().filter { file in
            let date = (try? FileManager.default.attributesOfItem(atPath: path(file))[.modificationDate] as? Date) ?? nil
            return date != Date(timeIntervalSince1970: 946_684_800)
        })
    }

    /// Links (href/src) in HTML files that point at a missing file inside the site.
    func brokenLinks() throws -> [String] {
        var broken: [String] = []
        for file in files() where file.hasSuffix(".html") {
            let html = try read(file)
            let folder = URL(fileURLWithPath: path(file)).deletingLastPathComponent()
            for link in Self.links(in: html) where !link.contains(":") && !link.hasPrefix("#") {
                let target = folder.appendingPathComponent(link.removingPercentEncoding ?? link).standardizedFileURL.path
                if !FileManager.default.fileExists(atPath: target) { broken.append("\(file) → \(link)") }
            }
        }
        return broken
    }

    static func links(in html: String) -> [String] {
        var links: [String] = []
        var rest = html[...]
        while let range = rest.range(of: "href=\"") {
            rest = rest[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            links.append(String(rest[..<end]))
            rest = rest[end...]
        }
        return links
    }

    func removeAll() { try? FileManager.default.removeItem(at: directory) }
}

/// A test item; dates count back from 2014-12-31 by `day`, so higher numbers are older.
func makeItem(_ id: String, category: String = "政务公告", day: Int = 0, title: String? = nil, body: String = "正文 **内容**。",
              revision: Int = 1, docNumber: String = "淄交发〔2014〕1号") -> PublishedItem {
    // 2014-12-31 noon UTC, `day` days back.
    let published = LocalDate(Date(timeIntervalSince1970: 1_420_027_200 - Double(day) * 86_400), in: TimeZone(identifier: "UTC")!)
    return PublishedItem(id: id, revision: revision, title: title ?? "关于\(id)的公告", summary: "摘要\(id)", body: body,
                         category: category, unit: "市交通运输局", indexNumber: "004188191/2014-\(id)",
                         docNumber: docNumber, published: published, updated: Date(timeIntervalSince1970: 1_400_000_000 + Double(revision) * 60),
                         contentHash: "hash-\(id)-\(revision)")
}
