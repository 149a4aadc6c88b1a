import Foundation
import PubsyncTesting
import Testing

@Suite("Scripts/nightly-sync bounds a run and reports a lock held too long")
struct NightlyTimeoutTests {
    static var script: URL {
        var root = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) { root.deleteLastPathComponent() }
        return root.appendingPathComponent("Scripts/nightly-sync")
    }

    @Test("a sync longer than --timeout is stopped: exit 124, logged, the lock released")
    func timeout() throws {
        let scratch = TemporaryDirectory("pubsync-nightly-timeout")
        let portal = try PortalProcess(runner: BinaryRunner(), database: scratch.path("portal.db"), extra: ["--latency-ms", "4000"])
        defer { portal.stop() }
        let workspace = try portalWorkspace(url: "http://127.0.0.1:\(portal.port)", items: 3, timeout: 20)
        let result = try workspace.runner.run(Self.script, [workspace.directory.path("pubsync.toml"), "--timeout", "1.5",
                                                            "--log", workspace.directory.path("nightly.log"),
                                                            "--metrics", workspace.directory.path("pubsync.prom"),
                                                            "--pubsync", workspace.runner.executable("pubsync").path],
                                              in: workspace.directory.url, environment: ["PUBSYNC_PORTAL_TOKEN": PortalProcess.token], timeout: 60)
        #expect(result.status == 124, "\(result.stderr)")
        #expect(result.elapsed < 30)
        let log = try String(contentsOfFile: workspace.directory.path("nightly.log"), encoding: .utf8)
        #expect(log.contains("exit=124") && log.contains("timed out"), "\(log)")
        #expect(try String(contentsOfFile: workspace.directory.path("pubsync.prom"), encoding: .utf8).contains("pubsync_exit_code 124"))
        #expect(workspace.lockIsFree())
    }

    @Test("a lock held longer than --lock-alert: exit 75, the holder named on stderr, pubsync_lock_held_seconds")
    func lockAlert() throws {
        let workspace = try feedWorkspace()
        let lockFile = workspace.directory.path("pubsync.db.lock")
        let since = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-7200))
        try Data("pid 4242 since \(since) (pubsync sync)\n".utf8).write(to: URL(fileURLWithPath: lockFile))
        // flock(1) holds the same kind of lock pubsync takes, for a bounded time.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = ["-n", lockFile, "sleep", "30"]
        try holder.run()
        defer { holder.terminate(); holder.waitUntilExit() }
        let deadline = Date().addingTimeInterval(10)
        while workspace.lockIsFree(), Date() < deadline { usleep(20_000) }
        let result = try workspace.runner.run(Self.script, [workspace.directory.path("pubsync.toml"), "--lock-alert", "600",
                                                            "--metrics", workspace.directory.path("pubsync.prom"),
                                                            "--pubsync", workspace.runner.executable("pubsync").path],
                                              in: workspace.directory.url, timeout: 60)
        #expect(result.status == 75)
        #expect(result.stderr.contains("held by pid 4242 (pubsync sync)") && result.stderr.contains("more than 600 s"), "\(result.stderr)")
        let metrics = try String(contentsOfFile: workspace.directory.path("pubsync.prom"), encoding: .utf8)
        let held = metrics.split(separator: "\n").first { $0.hasPrefix("pubsync_lock_held_seconds ") }.flatMap { Double($0.split(separator: " ")[1]) }
        #expect((held ?? 0) >= 7190, "\(metrics)")
    }
}
