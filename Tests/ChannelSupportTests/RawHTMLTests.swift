import ChannelSupport
import Foundation
import Testing

/// Regressions found by `Scripts/fuzz` (the HTML target): with raw HTML kept, a `<p` that no
/// `>` follows made Ink loop forever, growing memory, so a sync never finished.
@Suite("Markdown with raw HTML: a `<` no `>` follows renders as text")
struct RawHTMLTests {
    /// Renders on another thread and gives up after `seconds`, so a regression fails instead of hanging the run.
    static func render(_ markdown: String, seconds: Double = 10) -> String? {
        final class Box: @unchecked Sendable { var html: String? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            box.html = MarkdownRenderer(allowRawHTML: true).html(from: markdown)
            done.signal()
        }
        return done.wait(timeout: .now() + seconds) == .success ? box.html : nil
    }

    @Test("an unclosed <p, <P or <pre at the end is text", arguments: ["<p", "x <p", "<P c", "段落\n\n<pre 5", "<b>b</b> <p"])
    func unclosed(markdown: String) throws {
        let html = try #require(Self.render(markdown), "rendering did not finish")
        #expect(html.contains("&lt;"))
        #expect(!html.contains("<p c") && !html.contains("<pre 5"))
    }

    @Test("a <p whose only > carries a combining mark, or after a backslash, is text (found by Scripts/fuzz: Ink looped)",
          arguments: ["<p>\u{35E}", "<P>\u{35E}", "\\<p>x", "a\\<p>x>", "x\n\\<p>", "\\\\<p>b</p>"])
    func noTagForInk(markdown: String) throws {
        let html = try #require(Self.render(markdown), "rendering did not finish")
        #expect(html.contains("&lt;"))
    }

    @Test("the fuzzer's input with a combining mark after >, from the seed corpus")
    func combiningMarkInput() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let bytes = try Data(contentsOf: root.appendingPathComponent("Tests/Fuzz/Corpus/html-sanitizer/timeout-greater-than-with-mark.md"))
        #expect(bytes.first == UInt8(ascii: "1"))
        #expect(Self.render(String(decoding: bytes.dropFirst(), as: UTF8.self)) != nil, "rendering did not finish")
    }

    @Test("tags before the last > still pass the allow-list as before")
    func tagsKept() throws {
        #expect(Self.render("<b>粗</b> 与 <p") == "<b>粗</b><p>与 &lt;p</p>")
    }

    @Test("the fuzzer's input, from the seed corpus")
    func corpusInput() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let bytes = try Data(contentsOf: root.appendingPathComponent("Tests/Fuzz/Corpus/html-sanitizer/timeout-unclosed-p.md"))
        // The target's first byte picks the pipeline: "1" is Markdown with raw HTML.
        #expect(bytes.first == UInt8(ascii: "1"))
        let html = try #require(Self.render(String(decoding: bytes.dropFirst(), as: UTF8.self)), "rendering did not finish")
        #expect(html.contains("&lt;p c"))
    }
}
