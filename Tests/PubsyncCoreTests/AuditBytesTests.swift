import Testing
@testable import PubsyncCore

@Suite("audit byte scanning")
struct AuditBytesTests {
    @Test("the eight-at-a-time digit search agrees with a byte-by-byte search")
    func swarAgreesWithBytes() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["0", "9", "/", ":", "，", "：", "０", "９", "Ｘ", "ｐ", "交", "通", "a", " ", "\u{EF}"]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...40, using: &generator))
                .map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { b in
                var expected: [Int] = []
                for i in 0..<b.count {
                    let c = b[i]
                    if c &- 0x30 < 10 || (c == 0xEF && i + 2 < b.count && b[i + 2] &- 0x90 < 10) { expected.append(i) }
                }
                var found: [Int] = []
                var i = 0
                while case let next = AuditBytes.nextDigitCandidate(b, from: i), next < b.count {
                    found.append(next)
                    i = next + 1
                }
                #expect(found == expected, "\(text)")
            }
        }
    }
}
