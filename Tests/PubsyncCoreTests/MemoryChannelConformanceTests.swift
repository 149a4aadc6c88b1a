import PubsyncTesting
import Testing

@Suite("Conformance suite self-test")
struct MemoryChannelConformanceTests {
    @Test("the in-memory channel passes the conformance suite")
    func memoryChannel() async throws {
        let channel = MemoryChannel(name: "memory")
        try await ChannelConformance(output: .none(reason: "the in-memory channel writes no files"), failingListing: .adapter {
            let broken = MemoryChannel(name: "memory")
            broken.faults.failListing = true
            return broken
        }) { channel }.run()
    }
}
