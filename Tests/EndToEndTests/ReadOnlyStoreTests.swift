import Foundation
import PubsyncTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("a store this user cannot write (real binary)")
struct ReadOnlyStoreTests {
    /// Runs pubsync as a user who cannot write the workspace: `nobody` when the tests run as
    /// root (root writes anything), else this user after the folder and files lost write permission.
    static func runReadOnly(_ workspace: Workspace, _ arguments: [String]) throws -> BinaryRunner.Result {
        let pubsync = workspace.runner.executable("pubsync").path
        if getuid() == 0 {
            return try workspace.runner.run(URL(fileURLWithPath: "/usr/bin/setpriv"),
                                            ["--reuid=65534", "--regid=65534", "--clear-groups", pubsync] + arguments,
                                            in: workspace.directory.url, timeout: 60)
        }
        return try workspace.runner.pubsync(arguments, in: workspace.directory.url, timeout: 60)
    }

    @Test("items, show, status and log work; a writing command is exit 2 with a clear message")
    func readOnlyStore() throws {
        let workspace = try feedWorkspace()
        try workspace.importItems(3)
        #expect(try workspace.pubsync("sync").status == 0)
        let folder = workspace.directory.url.path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("pubsync") }
        if getuid() == 0 {
            // nobody may read (and run the binary) but not write.
            chmod(folder, 0o755)
            for file in files { chmod(workspace.directory.path(file), 0o644) }
            guard access(workspace.runner.executable("pubsync").path, X_OK) == 0 else { return }
        } else {
            for file in files { chmod(workspace.directory.path(file), 0o444) }
            chmod(folder, 0o555)
        }
        defer {
            chmod(folder, 0o755)
            for file in files { chmod(workspace.directory.path(file), 0o644) }
        }
        let items = try Self.runReadOnly(workspace, ["items", "--json"])
        #expect(items.status == 0, "\(items.stderr)")
        #expect((try items.json()["items"] as? [Any])?.count == 3, "\(items.stdout)")
        let status = try Self.runReadOnly(workspace, ["status", "--json"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(try Self.runReadOnly(workspace, ["show", "n-1"]).status == 0)
        #expect(try Self.runReadOnly(workspace, ["log"]).status == 0)
        let write = try Self.runReadOnly(workspace, ["approve", "n-1", "--by", "甲"])
        #expect(write.status == 2, "\(write.stderr)")
        #expect(write.stderr.contains("read-only") && write.stderr.contains("pubsync.db"), "\(write.stderr)")
        #expect(!write.stderr.contains("attempt to write a readonly database"))
    }
}
