@testable import PubsyncCore
import Testing

@Suite("front matter anchors and aliases are found before parsing, and ordinary text is not")
struct YAMLAliasScanTests {
    @Test("found, with the line", arguments: [
        ("a: &x 1\nb: *x\n", 1, "&x"),
        ("id: 1\nlist: [1, *x]\n", 2, "*x"),
        ("id: 1\nlist:\n  - *x\n", 3, "*x"),
        ("id: 1\nmap: {k: *x}\n", 2, "*x"),
        ("id: 1\nt: !!str &a v\n", 2, "&a"),
        ("<<: *base\n", 1, "*base"),
    ])
    func found(yaml: String, line: Int, token: String) {
        let hit = YAMLAliasScan.first(in: yaml)
        #expect(hit?.line == line && hit?.token == token, "\(String(describing: hit))")
    }

    @Test("ordinary values are not anchors", arguments: [
        "title: A & B\n",
        "title: 5 * 3 = 15\n",
        "title: \"*重要* &通知\"\n",
        "title: '*x'\n",
        "summary: |\n  *not an alias*\n  &nor an anchor\ncategory: c\n",
        "title: a # *comment\n",
        "tags: [\"&a\", '*b']\n",
        "doc_number: 淄交发〔2014〕12号\n",
        "url: https://x.example/a?b=1&c=2\n",
    ])
    func ordinary(yaml: String) {
        #expect(YAMLAliasScan.first(in: yaml) == nil)
    }
}
