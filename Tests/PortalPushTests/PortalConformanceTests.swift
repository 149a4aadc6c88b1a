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
        defer { _ = server.stop() }
        // A portal that answers 500 to everything, for the failed listing.
        let failing = try StubHTTPServer { _ in .json(500, #"{"error":"internal error"}"#) }
        defer { failing.stop() }
        try await ChannelConformance(output: .none(reason: "the portal is a remote service: pubsync writes no files for it"),
                                     failingListing: .adapter { try PortalTests.HostileAnswerTests.adapter(failing.baseURL) }) {
            try Fixture.adapter(server)
        }.run()
    }
}
