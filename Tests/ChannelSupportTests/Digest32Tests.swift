import ChannelSupport
import PubsyncCore
import Crypto
import Testing

@Suite struct Digest32Tests {
    @Test("hex round-trips and matches the SHA-256's own hex; other text is refused")
    func hexRoundTrip() {
        var generator = SplitMix64(seed: 32)
        for length in [0, 1, 55, 64, 1000] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let digest = Digest32(sha256: bytes)
            let expected = SHA256.hash(data: bytes).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
            #expect(digest.description == expected)
            var out: [UInt8] = []
            digest.appendHex(to: &out)
            #expect(out == Array(expected.utf8))
            #expect(Digest32(hex: out[...]) == digest)
        }
        let good = Array(String(repeating: "0f", count: 32).utf8)
        #expect(Digest32(hex: good[...]) != nil)
        #expect(Digest32(hex: Array(String(repeating: "0F", count: 32).utf8)[...]) == nil)
        #expect(Digest32(hex: good.dropLast()) == nil)
        #expect(Digest32(hex: Array(String(repeating: "0g", count: 32).utf8)[...]) == nil)
    }
}
