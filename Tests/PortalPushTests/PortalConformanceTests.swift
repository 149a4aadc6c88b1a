import Foundation
import PortalPush
import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Portal channel: conformance")
struct PortalConformanceTests {
    @Test("the http-push adapter against a real pubsync-portal passes the shared conformance suite")
    func conformance() async throws {
        let server = try PortalServer()
        try await ChannelConformance { try Fixture.adapter(server) }.run()
        _ = server.stop()
    }
}
