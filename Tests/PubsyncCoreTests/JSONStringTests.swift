import Foundation
import PubsyncCore
import Testing

@Suite struct JSONStringTests {
    @Test("literals decode to the text again, with nothing that ends a script or opens a tag")
    func roundTrip() throws {
        let alphabet = Array("a\"\\</>\n\r\t\u{0}\u{1F}\u{7F}\u{2028}\u{2029}\u{2027}é淄交发〔〕😀 ")
        var state: UInt64 = 2026
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for _ in 0..<2_000 {
            let text = String((0..<(next() % 12)).map { _ in alphabet[next() % alphabet.count] })
            let literal = JSONString.literal(text)
            let decoded = try JSONDecoder().decode(String.self, from: Data(literal.utf8))
            #expect(decoded == text)
            #expect(!literal.contains("<") && !literal.contains("\u{2028}") && !literal.contains("\u{2029}") && !literal.contains("\n"))
        }
        #expect(JSONString.literal("a\"b\\c<\u{1}\n\u{2028}") == #""a\"b\\c\u003c\u0001\n\u2028""#)
    }
}
