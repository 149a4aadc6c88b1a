import ChannelSupport
import Testing

/// Markdown → plain text for feeds: the text of the same HTML every channel shows.
@Suite("Plain text: what a feed reader sees")
struct PlainTextTests {
    let renderer = MarkdownRenderer()

    @Test("markup, links, images and entities become the text a reader sees")
    func readableText() {
        let text = renderer.plainText(from: """
            # 标题

            正文 **粗体** 与 _斜体_，[plain link](https://a.example/a_(b)) 和 ![图片说明](p.png)。

            - 一 & 二
            - 1 < 2

            ```
            code <b>
            ```
            """)
        #expect(text == "标题 正文 粗体 与 斜体，plain link 和 图片说明 。 一 & 二 1 < 2 code <b>")
    }

    @Test("a raw <…> line stays text and does not garble the rest (issue 13 item 17)")
    func rawLine() {
        let text = renderer.plainText(from: "第一段\n<span>原样</span>\n\n[plain link](https://a.example/) 后文 (l)")
        #expect(text == "第一段 <span>原样</span> plain link 后文 (l)")
    }

    @Test("hostile markup comes out as its text, never as a tag")
    func hostile() {
        let text = renderer.plainText(from: "<img src=x onerror=alert(1)> [点我](javascript:alert(1))")
        #expect(text == "<img src=x onerror=alert(1)> 点我")
    }
}

@Suite("PlainText.collapse: one whitespace rule for plain text and feed fields")
struct CollapseTests {
    @Test("runs of spaces, newlines, tabs and no-break spaces become one space; ends trimmed")
    func collapse() {
        #expect(PlainText.collapse("  a \n\t b\u{00A0}\u{3000}c \r\n") == "a b c")
        #expect(PlainText.collapse(" \n ") == "")
    }
}
