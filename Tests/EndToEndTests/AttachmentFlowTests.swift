import Crypto
import Foundation
import PubsyncTesting
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Attachments through the real binaries on all three channels of the demo deployment, with a
/// real `pubsync-portal` on 127.0.0.1: the seed's real PDF and XLSX.
@Suite("Attachments on the site, the portal and the feeds (real binaries)")
struct AttachmentFlowTests {
    static let id = "zbjt-2014-att1"
    static let siteBase = "https://jtj.zibo.example.gov.cn/"

    /// Copies the seed's PDF and XLSX next to a 政务公告 item that attaches both; returns the item file.
    static func writeItem(_ workspace: Workspace, repo: URL) throws -> String {
        let seedFiles = repo.appendingPathComponent("seeds/zibo-transport-2014/items/files")
        let names = try FileManager.default.contentsOfDirectory(atPath: seedFiles.path).filter { $0.hasSuffix(".pdf") || $0.hasSuffix(".xlsx") }.sorted()
        #expect(names.count == 2, "the seed has one PDF and one XLSX: \(names)")
        try FileManager.default.createDirectory(at: workspace.directory.url.appendingPathComponent("att/files"), withIntermediateDirectories: true)
        for name in names {
            try FileManager.default.copyItem(at: seedFiles.appendingPathComponent(name),
                                             to: workspace.directory.url.appendingPathComponent("att/files/\(name)"))
        }
        let list = names.map { "  - {file: files/\($0), title: 附件 \($0)}" }.joined(separator: "\n")
        return try workspace.directory.write("att/notice.md", """
            ---
            id: \(id)
            title: 关于公开2014年部门预算的公告
            category: 政务公告
            unit: 市交通运输局
            index_number: 004188191/2014-09901
            published: 2014-12-31
            status: approved
            reviewer: 信息公开科
            attachments:
            \(list)
            ---
            附件为部门预算及“三公”经费预算。
            """)
    }

    /// A config with one site channel over the store at `store`.
    static func siteConfig(store: String) -> String {
        """
        timezone = "Asia/Shanghai"
        [store]
        path = "\(store)"
        [[channels]]
        name = "site"
        kind = "static-site"
        output = "out/site"
        base_url = "\(siteBase)"
        title = "淄博市交通运输局"
        """
    }

    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    /// `(sha256, name)` of the item's attachments, from `show --json`.
    static func attachments(_ run: (String...) throws -> BinaryRunner.Result) throws -> [(sha: String, name: String)] {
        let show = try run("show", id, "--json").json()
        let revision = try #require((show["revisions"] as? [[String: Any]])?.last)
        return (revision["attachments"] as? [[String: Any]] ?? []).compactMap { file in
            guard let sha = file["sha256"] as? String, let name = file["name"] as? String else { return nil }
            return (sha, name)
        }
    }

    /// The file the site holds under `files/{sha}/`, if exactly one.
    static func siteFile(_ site: URL, sha: String) -> URL? {
        let folder = site.appendingPathComponent("files/\(sha)")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path), names.count == 1 else { return nil }
        return folder.appendingPathComponent(names[0])
    }

    /// The enclosure URLs each feed lists for the item's entry, parsed with XMLParser and JSONSerialization.
    static func enclosures(_ feeds: URL) throws -> (rss: [String], atom: [String], json: [String]) {
        let rss = try FeedLinks.collect(Data(contentsOf: feeds.appendingPathComponent("rss.xml")), entry: "item", marker: id) {
            $0 == "enclosure" ? $1["url"] : nil
        }
        let atom = try FeedLinks.collect(Data(contentsOf: feeds.appendingPathComponent("atom.xml")), entry: "entry", marker: id) {
            $0 == "link" && $1["rel"] == "enclosure" ? $1["href"] : nil
        }
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: feeds.appendingPathComponent("feed.json"))) as? [String: Any]
        let item = (object?["items"] as? [[String: Any]] ?? []).first { ($0["id"] as? String)?.hasSuffix(id) == true }
        let json = (item?["attachments"] as? [[String: Any]] ?? []).compactMap { $0["url"] as? String }
        return (rss, atom, json)
    }

    @Test("a PDF and an XLSX arrive byte-identical on site and portal, are listed in all three feeds, and go on retract")
    func everyChannel() throws {
        var demo = try DemoDeployment()
        defer { demo.portal?.stop(); demo.portal = nil }
        let file = try Self.writeItem(demo.workspace, repo: demo.repo)
        let imported = try demo.run("import", file)
        #expect(imported.status == 0, "\(imported.stderr)")
        let sync = try demo.run("sync")
        #expect(sync.status == 0, "\(sync.stdout)\(sync.stderr)")
        let files = try Self.attachments { try demo.workspace.runner.pubsync($0, in: demo.workspace.directory.url, environment: demo.env) }
        #expect(files.count == 2)
        let site = demo.workspace.directory.url.appendingPathComponent("out/site")
        let portal = try #require(demo.portal)
        let page = try String(contentsOf: site.appendingPathComponent("items/\(Self.id).html"), encoding: .utf8)
        for file in files {
            let onDisk = try #require(Self.siteFile(site, sha: file.sha), "the site holds files/\(file.sha)/")
            #expect(Self.sha256(try Data(contentsOf: onDisk)) == file.sha, "site copy of \(file.name) is byte-identical")
            #expect(page.contains("files/\(file.sha)/"), "the item page links \(file.name)")
            let (status, bytes) = try portal.get("/files/\(file.sha)")
            #expect(status == 200)
            #expect(Self.sha256(bytes) == file.sha, "portal copy of \(file.name) is byte-identical")
        }
        #expect(page.contains("（PDF，") && page.contains("（XLSX，"), "type and size shown")
        let stored = try #require(try demo.portalItem(Self.id))
        #expect((stored["attachments"] as? [[String: Any]])?.compactMap { $0["sha256"] as? String } == files.map(\.sha))

        let feeds = try Self.enclosures(demo.workspace.directory.url.appendingPathComponent("out/feeds/weibo"))
        #expect(feeds.rss.count == 1, "RSS 2.0: the first file")
        #expect(feeds.atom.count == 2 && feeds.json == feeds.atom && feeds.rss.first == feeds.atom.first)
        for url in feeds.atom {
            // The URL is where the site serves the file: the same bytes are at that path on disk.
            #expect(url.hasPrefix(Self.siteBase))
            let relative = try #require(String(url.dropFirst(Self.siteBase.count)).removingPercentEncoding)
            let data = try Data(contentsOf: site.appendingPathComponent(relative))
            #expect(files.contains { $0.sha == Self.sha256(data) }, "\(url) serves one of the attachments")
        }

        // A second, unrelated sync keeps the files in the feeds (the window is rebuilt from the ledger).
        try demo.workspace.directory.write("att/other.md", demo.workspace.item("zbjt-2014-att2", published: "2014-12-30",
                                                                                 extra: "status: approved\nreviewer: 信息公开科\n"))
        #expect(try demo.run("import", demo.workspace.directory.path("att/other.md")).status == 0)
        #expect(try demo.run("sync").status == 0)
        #expect(try Self.enclosures(demo.workspace.directory.url.appendingPathComponent("out/feeds/weibo")).atom == feeds.atom)

        let retract = try demo.run("retract", Self.id, "--reason", "附件有误", "--by", "信息公开科")
        #expect(retract.status == 0, "\(retract.stdout)\(retract.stderr)")
        for file in files {
            #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("files/\(file.sha)").path), "gone from the site")
            #expect(try portal.get("/files/\(file.sha)").0 == 404, "gone from the portal")
        }
        let after = try Self.enclosures(demo.workspace.directory.url.appendingPathComponent("out/feeds/weibo"))
        #expect(after.rss.isEmpty && after.atom.isEmpty && after.json.isEmpty)
        let reconcile = try demo.run("reconcile", "--json")
        #expect(reconcile.status == 0, "\(reconcile.stdout)\(reconcile.stderr)")
    }

    @Test("SIGKILL at any point of a site sync with attachments: the next run converges, files byte-identical, no temp file left",
          arguments: ["after-op", "after-flush", "after-record"])
    func killAndResume(point: String) throws {
        let workspace = try Workspace(config: Self.siteConfig(store: "pubsync.db"))
        // Eight items; every other one shares one file, the rest carry their own.
        try workspace.directory.write("items/files/shared.txt", "共用附件\n")
        for n in 1...8 {
            try workspace.directory.write("items/files/own-\(n).txt", "附件 \(n)\n")
            let file = n % 2 == 0 ? "files/shared.txt" : "files/own-\(n).txt"
            try workspace.directory.write("items/n-\(n).md", workspace.item("n-\(n)", published: "2014-06-\(10 + n)",
                                                                        extra: "status: approved\nreviewer: 信息公开科\nattachments: [\(file)]\n"))
        }
        #expect(try workspace.pubsync("import", "items").status == 0)
        var killed = 0
        for n in [1, 3, 5, 8] {
            let run = try workspace.pubsync("sync", environment: ["PUBSYNC_FAILPOINT": "\(point):\(n)", "PUBSYNC_BATCH_SIZE": "2"])
            if run.status == SIGKILL { killed += 1 }
        }
        #expect(killed >= 2)
        let final = try workspace.pubsync("sync")
        #expect(final.status == 0, "\(final.stderr)")
        let site = workspace.directory.url.appendingPathComponent("out/site")
        let all = try FileManager.default.subpathsOfDirectory(atPath: site.path)
        #expect(all.filter { $0.hasSuffix(".pubsync-tmp") }.isEmpty, "temp files left: \(all)")
        let files = all.filter { $0.hasPrefix("files/") && $0.hasSuffix(".txt") }
        #expect(files.count == 5, "one shared file and four own ones: \(files)")
        for path in files {
            let data = try Data(contentsOf: site.appendingPathComponent(path))
            #expect(path.split(separator: "/")[1] == Substring(Self.sha256(data)), "\(path) is byte-identical")
        }
        let reconcile = try workspace.pubsync("reconcile", "--json")
        #expect(reconcile.status == 0, "\(reconcile.stdout)\(reconcile.stderr)")
    }

    @Test("backup FILE, a fresh workspace whose [store] path is FILE, sync --full to a fresh site: every attachment is back")
    func backupRestore() throws {
        let siteConfig = { (store: String) in Self.siteConfig(store: store) }
        let first = try Workspace(config: siteConfig("pubsync.db"))
        let repo = try DemoDeployment.repoRoot()
        let file = try Self.writeItem(first, repo: repo)
        #expect(try first.pubsync("import", file).status == 0)
        #expect(try first.pubsync("sync").status == 0)
        let files = try Self.attachments { try first.runner.pubsync($0, in: first.directory.url) }
        #expect(files.count == 2)
        let backup = first.directory.path("backup.db")
        let made = try first.pubsync("backup", backup)
        #expect(made.status == 0, "\(made.stderr)")

        // `init` never overwrites a store: the fresh workspace starts empty, then points at the backup.
        let restored = try Workspace(config: siteConfig("empty.db"))
        try restored.directory.write("pubsync.toml", siteConfig(backup))
        let full = try restored.pubsync("sync", "--full")
        #expect(full.status == 0, "\(full.stdout)\(full.stderr)")
        let site = restored.directory.url.appendingPathComponent("out/site")
        for file in files {
            let onDisk = try #require(Self.siteFile(site, sha: file.sha), "the restored site holds \(file.name)")
            #expect(Self.sha256(try Data(contentsOf: onDisk)) == file.sha)
        }
    }
}

/// Collects attribute values of one entry's child elements in a feed file (XMLParser, namespaces off).
private final class FeedLinks: NSObject, XMLParserDelegate {
    let entry: String
    let marker: String
    let pick: (String, [String: String]) -> String?
    private var inEntry = false
    private var isOurs = false
    private var found: [String] = []
    private(set) var result: [String] = []

    init(entry: String, marker: String, pick: @escaping (String, [String: String]) -> String?) {
        self.entry = entry
        self.marker = marker
        self.pick = pick
    }

    static func collect(_ data: Data, entry: String, marker: String, pick: @escaping (String, [String: String]) -> String?) throws -> [String] {
        let collector = FeedLinks(entry: entry, marker: marker, pick: pick)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        guard parser.parse() else { throw CocoaError(.fileReadCorruptFile) }
        return collector.result
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == entry {
            (inEntry, isOurs, found) = (true, false, [])
        } else if inEntry {
            if name == "ps:item", attributes["id"] == marker { isOurs = true }
            if let value = pick(name, attributes) { found.append(value) }
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == entry {
            if isOurs { result = found }
            inEntry = false
        }
    }
}

extension PortalProcess {
    /// `GET {path}` with the token: the status and the body (bounded wait).
    func get(_ path: String) throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.timeoutInterval = 30
        request.setValue("Bearer \(Self.token)", forHTTPHeaderField: "Authorization")
        let box = AnswerBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, _ in
            box.data = data
            box.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + 30) == .success else { throw CocoaError(.fileReadUnknown) }
        return (box.status, box.data ?? Data())
    }
}

final class AnswerBox: @unchecked Sendable {
    var data: Data?
    var status = 0
}

extension DemoDeployment {
    /// The repository's root folder (where Package.swift is).
    static func repoRoot() throws -> URL {
        var root = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) { root.deleteLastPathComponent() }
        return root
    }
}
