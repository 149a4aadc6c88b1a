import Foundation
import PubsyncTesting
import Testing

@Suite("pubsync backup (real binary)")
struct BackupCommandTests {
    @Test("backup writes a copy that passes integrity_check; a workspace pointed at it lists the same items")
    func backupRoundTrip() throws {
        let workspace = try feedWorkspace()
        try workspace.importItems(12)
        #expect(try workspace.pubsync("sync").status == 0)
        let result = try workspace.pubsync("backup", "copy.db")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("integrity check ok"), "\(result.stdout)")
        let config = try String(contentsOfFile: workspace.directory.path("pubsync.toml"), encoding: .utf8)
        try workspace.directory.write("copy.toml", config.replacingOccurrences(of: "path = \"pubsync.db\"", with: "path = \"copy.db\""))
        let original = try workspace.pubsync("items", "--json").stdout
        let copy = try workspace.pubsync("--config", "copy.toml", "items", "--json")
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(copy.stdout == original)
        #expect(try workspace.pubsync("--config", "copy.toml", "status").status == 0)
        let again = try workspace.pubsync("backup", "copy.db")
        #expect(again.status == 2 && again.stderr.contains("already exists"))
    }
}
