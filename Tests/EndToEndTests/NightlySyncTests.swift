import Foundation
import PubsyncTesting
import Testing

@Suite("Scripts/nightly-sync (the cron wrapper)")
struct NightlySyncTests {
    @Test("two runs at once: one succeeds, one exits 75 quietly; log and metrics are written")
    func concurrentRuns() throws {
        var demo = try DemoDeployment()
        demo.portal?.stop()
        // A slow portal holds the first run's lock long enough for the second to find it taken.
        let slow = try PortalProcess(runner: demo.workspace.runner, database: demo.workspace.directory.path("portal.db"), extra: ["--latency-ms", "150"])
        demo.portal = slow
        let config = try String(contentsOfFile: demo.workspace.directory.path("pubsync.toml"), encoding: .utf8)
        let fixed = config.replacingOccurrences(of: #"url = "http://127.0.0.1:\d+""#, with: "url = \"http://127.0.0.1:\(slow.port)\"", options: .regularExpression)
        try demo.workspace.directory.write("pubsync.toml", fixed)
        #expect(try demo.run("import", demo.seed("items")).status == 0)
        let script = demo.repo.appendingPathComponent("Scripts/nightly-sync")
        let arguments = [demo.workspace.directory.path("pubsync.toml"), "--metrics", demo.workspace.directory.path("metrics/pubsync.prom"),
                         "--log", demo.workspace.directory.path("nightly.log"), "--pubsync", demo.workspace.runner.executable("pubsync").path]
        let first = Process()
        first.executableURL = script
        first.arguments = arguments
        first.environment = ProcessInfo.processInfo.environment.merging(demo.env) { _, new in new }
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        // Wait until the first run holds the lock (its holder line names "sync").
        let lockFile = demo.workspace.directory.path("pubsync.db.lock")
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !((try? String(contentsOfFile: lockFile, encoding: .utf8)) ?? "").contains("(pubsync sync)") {
            usleep(50_000)
        }
        let second = try demo.workspace.runner.run(script, arguments, in: demo.workspace.directory.url, environment: demo.env)
        first.waitUntilExit()
        #expect(second.status == 75)
        #expect(second.stderr.isEmpty && second.stdout.isEmpty)
        #expect(first.terminationStatus == 0)
        let log = try String(contentsOfFile: demo.workspace.directory.path("nightly.log"), encoding: .utf8)
        #expect(log.split(separator: "\n").count == 2)
        #expect(log.contains("exit=75") && log.contains("exit=0"))
        let metrics = try String(contentsOfFile: demo.workspace.directory.path("metrics/pubsync.prom"), encoding: .utf8)
        #expect(metrics.contains("pubsync_exit_code 0"))
        #expect(metrics.contains("pubsync_last_success_timestamp_seconds "))
        // The 2014 archive (98 on the site, 111 on the portal) and the 2013 政府信息公开指南 and 制度.
        #expect(metrics.contains(#"pubsync_channel_live_items{channel="site"} 100"#))
        #expect(metrics.contains(#"pubsync_channel_live_items{channel="portal"} 113"#))
        #expect(metrics.contains(#"pubsync_channel_live_items{channel="weibo"} 47"#))
        #expect(metrics.contains(#"pubsync_pending_retractions{channel="portal"} 0"#))
        // The check's findings by rule: the seed's 行政审批 column is routed away from the site, so
        // blank, and its 政府信息公开年报 column stays blank until the year's report is published.
        #expect(metrics.contains(#"pubsync_check_findings{rule="column-empty"} 2"#))
        #expect(metrics.contains(#"pubsync_check_findings{rule="broken-link"} 0"#))
        slow.stop()
    }
}
