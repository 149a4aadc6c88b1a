import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

/// A workspace with one feed channel (a real file-writing channel) for engine tests through the binary.
func feedWorkspace(maxItems: Int = 50, extraChannel: String = "") throws -> Workspace {
    try Workspace(config: """
        timezone = "Asia/Shanghai"
        [store]
        path = "pubsync.db"
        [[channels]]
        name = "weibo"
        kind = "feed"
        output = "out/weibo"
        max_items = \(maxItems)
        title = "测试微博"
        base_url = "https://jtj.example.gov.cn/"
        item_url = "https://jtj.example.gov.cn/items/{id}.html"
        \(extraChannel)
        """)
}

extension Workspace {
    /// Writes `count` approved items as one NDJSON file and imports them.
    func importItems(_ count: Int, prefix: String = "n", category: String = "政务公告", title: String = "通知") throws {
        var lines = ""
        for index in 1...count {
            let day = String(format: "%02d", index % 28 + 1)
            lines += #"{"id":"\#(prefix)-\#(index)","title":"\#(title)\#(index)","category":"\#(category)","published":"2014-05-\#(day)","status":"approved","reviewer":"信息公开科"}"# + "\n"
        }
        try directory.write("batch-\(prefix)-\(title.count).ndjson", lines)
        let result = try pubsync("import", "batch-\(prefix)-\(title.count).ndjson")
        precondition(result.status == 0, result.stderr)
    }

    /// The ids in the feed's JSON file.
    func feedIDs() throws -> Set<String> {
        let data = try Data(contentsOf: directory.url.appendingPathComponent("out/weibo/feed.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let items = object?["items"] as? [[String: Any]] ?? []
        return Set(items.compactMap { ($0["id"] as? String)?.components(separatedBy: "items/").last })
    }
}

/// Holds a lock until released from another thread.
final class LockHolder: @unchecked Sendable {
    private let guardLock = NSLock()
    private var lock: WriteLock?
    init(_ lock: WriteLock) { self.lock = lock }
    func release() { guardLock.lock(); lock = nil; guardLock.unlock() }
}

@Suite("pubsync plan / sync / publish / status (real binary)")
struct SyncCommandTests {
    @Test("sync publishes, a second sync does nothing, status is clean")
    func syncAndStatus() throws {
        let workspace = try feedWorkspace()
        try workspace.importItems(5)
        let sync = try workspace.pubsync("sync", "--json")
        #expect(sync.status == 0, "\(sync.stderr)")
        let channel = try #require((try sync.json()["channels"] as? [[String: Any]])?.first)
        #expect(channel["put"] as? Int == 5 && channel["live"] as? Int == 5)
        #expect(try workspace.feedIDs() == Set((1...5).map { "n-\($0)" }))
        let again = try workspace.pubsync("sync", "--json")
        #expect((try again.json()["channels"] as? [[String: Any]])?.first?["put"] as? Int == 0)
        let status = try workspace.pubsync("status", "--json")
        #expect(status.status == 0)
        #expect((try status.json()["channels"] as? [[String: Any]])?.first?["live"] as? Int == 5)
    }

    @Test("plan and --dry-run change nothing: no files, no store change")
    func planChangesNothing() throws {
        let workspace = try feedWorkspace()
        try workspace.importItems(3)
        let storeBefore = try Data(contentsOf: workspace.directory.url.appendingPathComponent("pubsync.db"))
        let plan = try workspace.pubsync("plan", "--json")
        #expect(plan.status == 0)
        let ops = (try plan.json()["channels"] as? [[String: Any]])?.first?["ops"] as? [[String: Any]]
        #expect(ops?.count == 3 && ops?.first?["op"] as? String == "put" && ops?.first?["reason"] as? String == "new")
        #expect(try workspace.pubsync("sync", "--dry-run").status == 0)
        #expect(!FileManager.default.fileExists(atPath: workspace.directory.path("out/weibo/feed.json")))
        let dump = try workspace.pubsync("log", "--json", "--limit", "1000")
        #expect(!dump.stdout.contains("\"published\""))
        _ = storeBefore
    }

    @Test("a second writer exits 75 naming the holder, or waits with --wait")
    func lockContention() throws {
        let workspace = try feedWorkspace()
        try workspace.importItems(2)
        let holder = LockHolder(try WriteLock.acquire(storePath: workspace.directory.path("pubsync.db"), wait: 0, command: "test holder"))
        let refused = try workspace.pubsync("sync")
        #expect(refused.status == 75)
        #expect(refused.stderr.contains("pid \(getpid())"), "\(refused.stderr)")
        #expect(try workspace.pubsync("import", "batch-n-2.ndjson").status == 75)
        // Reads do not take the lock.
        #expect(try workspace.pubsync("items").status == 0)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.7) { holder.release() }
        let waited = try workspace.pubsync("sync", "--wait", "10")
        #expect(waited.status == 0, "\(waited.stderr)")
    }

    @Test("a channel with live items cannot vanish from the config")
    func channelCannotVanish() throws {
        let workspace = try feedWorkspace()
        try workspace.importItems(2)
        #expect(try workspace.pubsync("sync").status == 0)
        try workspace.directory.write("pubsync.toml", "timezone = \"Asia/Shanghai\"\n[store]\npath = \"pubsync.db\"\n")
        let result = try workspace.pubsync("sync")
        #expect(result.status == 2)
        #expect(result.stderr.contains("'weibo'") && result.stderr.contains("retract"))
    }

    @Test("the deletion guard exits 4 and removes nothing; --max-delete overrides")
    func deletionGuard() throws {
        let workspace = try feedWorkspace()
        try workspace.importItems(25)
        #expect(try workspace.pubsync("sync").status == 0)
        let config = try String(contentsOfFile: workspace.directory.path("pubsync.toml"), encoding: .utf8)
        try workspace.directory.write("pubsync.toml", config + "\nexclude_categories = [\"政务公告\"]\n")
        let refused = try workspace.pubsync("sync", "--allow-empty")
        #expect(refused.status == 4)
        #expect(refused.stderr.contains("--max-delete 25"))
        #expect(try workspace.feedIDs().count == 25)
        let empty = try workspace.pubsync("sync", "--max-delete", "25")
        #expect(empty.status == 4 && empty.stderr.contains("--allow-empty"))
        #expect(try workspace.pubsync("sync", "--max-delete", "25", "--allow-empty").status == 0)
        #expect(try workspace.feedIDs().isEmpty)
    }

    @Test("publish --channel with ids publishes only those")
    func publishIDs() throws {
        let workspace = try feedWorkspace()
        try workspace.importItems(4)
        #expect(try workspace.pubsync("publish", "--channel", "weibo", "n-2").status == 0)
        #expect(try workspace.feedIDs() == ["n-2"])
        #expect(try workspace.pubsync("publish", "--channel", "nowhere").status == 2)
        #expect(try workspace.pubsync("publish", "--channel", "weibo", "no-such-item").status == 2)
    }
}

@Suite("Crash safety: SIGKILL at every point, then converge (real binary)")
struct KillTests {
    @Test("killed at op N (after the channel, after a flush, after a record), the next run converges",
          arguments: ["after-op", "after-flush", "after-record"])
    func killAndResume(point: String) throws {
        let workspace = try feedWorkspace(maxItems: 100)
        try workspace.importItems(12)
        var killedRuns = 0
        for n in [1, 3, 5, 8, 12] {
            // Each run dies at its Nth operation if it gets that far (earlier runs recorded some).
            let run = try workspace.pubsync("sync", environment: ["PUBSYNC_FAILPOINT": "\(point):\(n)", "PUBSYNC_BATCH_SIZE": "2"])
            if run.status == SIGKILL { killedRuns += 1 }
        }
        #expect(killedRuns >= 2)
        // A change and a retraction of routing mid-way must also converge.
        let final = try workspace.pubsync("sync", "--json")
        #expect(final.status == 0, "\(final.stderr)")
        let status = try workspace.pubsync("status", "--json")
        #expect(status.status == 0)
        #expect((try status.json()["channels"] as? [[String: Any]])?.first?["live"] as? Int == 12)
        #expect(try workspace.feedIDs() == Set((1...12).map { "n-\($0)" }))
        // No item was recorded as published twice.
        let log = try workspace.pubsync("log", "--json", "--limit", "10000").json()["events"] as? [[String: Any]] ?? []
        let published = log.filter { $0["action"] as? String == "published" }.compactMap { $0["item"] as? String }
        #expect(published.count == Set(published).count)
        #expect(Set(published).count == 12)
        #expect(try workspace.pubsync("sync", "--json").json()["channels"].map { ($0 as? [[String: Any]])?.first?["put"] as? Int } == 0)
    }
}
