import Foundation
import PortalPush
import PubsyncCore
import Testing

extension PortalTests {
    @Suite("a portal killed mid-run")
    struct CrashTests {
        @Test("killed mid-run and restarted: repeating the run completes it without duplicates")
        func killedMidRun() async throws {
            let server = try PortalServer(["--latency-ms", "20"])
            defer { server.stop() }
            let adapter = try Fixture.adapter(server, ["max_attempts": .integer(2), "concurrency": .integer(4)])
            let items = (1...30).map { Fixture.item("k-\(String(format: "%02d", $0))") }

            // First run: the portal dies while the puts are under way.
            let session = try await Fixture.session(adapter)
            async let firstRun = FaultTests.putAll(session, items, concurrency: 4)
            try await Task.sleep(nanoseconds: 150_000_000)
            server.crash()
            let failed = await firstRun
            #expect(!failed.isEmpty, "some puts must fail while the portal is down")
            #expect(failed.values.allSatisfy { ($0 as? PubsyncError)?.code == .channel })

            // Next run: the engine repeats what was not confirmed; repeating everything is harmless too.
            try server.restartOnSamePort()
            let retry = try await Fixture.session(adapter)
            let secondRun = await FaultTests.putAll(retry, items, concurrency: 4)
            #expect(secondRun.isEmpty, "\(secondRun)")
            let live = try await adapter.inventory()
            #expect(live.map(\.id) == items.map(\.id))
            for item in items {
                #expect(try await server.item(item.id)?["writes"] as? Int == 1, "\(item.id) stored once")
            }
        }
    }
}
