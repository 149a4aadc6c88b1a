@testable import PubsyncCore
import Testing

@Suite("Content hash")
struct ContentHashTests {
    @Test("the hash is SHA-256 hex and changes with any field")
    func changesWithFields() {
        let base = Fixtures.content()
        let hash = ContentHash.of(base)
        #expect(hash.count == 64)
        #expect(ContentHash.of(base) == hash)
        var other = base
        other.title += " "
        #expect(ContentHash.of(other) != hash)
        other = base
        other.sensitive = true
        #expect(ContentHash.of(other) != hash)
        other = base
        other.channels = []
        #expect(ContentHash.of(other) != hash)
    }

    @Test("field boundaries cannot be shifted to collide")
    func boundaries() {
        var a = Fixtures.content()
        a.title = "ab"
        a.summary = "c"
        var b = a
        b.title = "a"
        b.summary = "bc"
        #expect(ContentHash.of(a) != ContentHash.of(b))
    }

    @Test("dates parse only when real")
    func dates() {
        #expect(LocalDate("2016-02-29") != nil)
        #expect(LocalDate("2014-02-29") == nil)
        #expect(LocalDate("2014-13-01") == nil)
        #expect(LocalDate("2014-06-18")?.description == "2014-06-18")
        #expect(LocalDate("2014-12-31")!.ordinal + 1 == LocalDate("2015-01-01")!.ordinal)
    }
}
