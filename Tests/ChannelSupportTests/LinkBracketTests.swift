@testable import ChannelSupport
import Foundation
import Testing

/// Regressions found by `Scripts/fuzz` (the HTML target): Ink retries every `[` inside every
/// failed link try, so twenty-odd `[` open at once in a paragraph took minutes (a sync that never
/// finished on one item); and a numeric character reference of ten digits overflowed and stopped
/// the process.
@Suite("Markdown: nested brackets render in linear time; huge character references are text")
struct LinkBracketTests {
    /// Renders on another thread and gives up after `seconds`, so a regression fails instead of hanging the run.
    static func render(_ markdown: String, rawHTML: Bool = false, seconds: Double = 10) -> String? {
        final class Box: @unchecked Sendable { var html: String? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            box.html = MarkdownRenderer(allowRawHTML: rawHTML).html(from: markdown)
            done.signal()
        }
        return done.wait(timeout: .now() + seconds) == .success ? box.html : nil
    }

    static func corpus(_ name: String) throws -> (mode: UInt8, text: String) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let bytes = try Data(contentsOf: root.appendingPathComponent("Tests/Fuzz/Corpus/html-sanitizer/\(name)"))
        return (bytes.first ?? 0, String(decoding: bytes.dropFirst(), as: UTF8.self))
    }

    @Test("forty brackets open at once render at once, every bracket kept as text", arguments: [
        String(repeating: "[", count: 40) + "x]",
        String(repeating: "![", count: 40) + "x](y)",
        String(repeating: "[`]`", count: 40),
        String(repeating: "[&]];", count: 40),
        String(repeating: "[a](b]) [", count: 40),
        "x  \n\n" + String(repeating: "[  \n\n", count: 40),
    ])
    func nested(markdown: String) throws {
        let html = try #require(Self.render(markdown), "rendering did not finish")
        #expect(!html.contains("\u{E001}"))
    }

    @Test("with raw HTML, brackets inside inline elements are bounded too")
    func nestedInHTML() throws {
        let markdown = String(repeating: "[<b>]]</b>", count: 40) + " <i>x</i>"
        let html = try #require(Self.render(markdown, rawHTML: true), "rendering did not finish")
        #expect(html.contains("<b>"))
    }

    @Test("a paragraph of many links still links them all; brackets in code stay brackets")
    func ordinaryLinks() throws {
        let many = (1...12).map { "[第\($0)号](/items/\($0).html)" }.joined(separator: "、")
        #expect(try #require(Self.render(many)).components(separatedBy: "<a href=").count == 13)
        let code = try #require(Self.render("`a[[[[[[[[0]` 与 [[[[[[[["))
        #expect(code == "<p><code>a[[[[[[[[0]</code> 与 [[[[[[[[</p>")
    }

    @Test("the fuzzer's input, from the seed corpus, renders within the per-input limit")
    func corpusInput() throws {
        let input = try Self.corpus("timeout-nested-brackets.md")
        #expect(input.mode == UInt8(ascii: "2"))  // the target's Markdown pipeline without raw HTML
        let started = ContinuousClock.now
        let html = try #require(Self.render(input.text), "rendering did not finish")
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(html.hasPrefix("<p>" + String(repeating: "[", count: 24)))
    }

    @Test("the fuzzer's table with five open brackets: two stay link tries, three are text")
    func tableCorpusInput() throws {
        let input = try Self.corpus("timeout-brackets-in-table.md")
        let hidden = try #require(LinkBrackets.hide(input.text))
        #expect(hidden.filter { $0 == LinkBrackets.standIn }.count == 3)
        #expect(hidden.filter { $0 == "[" }.count == LinkBrackets.maxOpen)
        let started = ContinuousClock.now
        let html = try #require(Self.render(input.text), "rendering did not finish")
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(html.filter { $0 == "[" }.count == 5)
    }

    @Test("a numeric character reference past U+10FFFF is text, not an overflow", arguments: [
        "&#9999999999;", "&#5444444444;", "&#x1000000000;", "&#xFFFFFFFFF;", "&#1114112;", "&#x110000;",
    ])
    func hugeReference(reference: String) {
        #expect(HTMLSanitizer().clean("<p>\(reference)</p>") == "<p>&amp;\(reference.dropFirst())</p>")
        #expect(HTMLSanitizer.decodeEntities("a\(reference)") == "a\(reference)")
    }

    @Test("the fuzzer's character reference input, from the seed corpus")
    func referenceCorpusInput() throws {
        let input = try Self.corpus("crash-numeric-reference-overflow.html")
        #expect(input.mode == UInt8(ascii: "0"))  // the sanitiser alone
        #expect(HTMLSanitizer().clean(input.text).hasPrefix("<p>&amp;#9999999999; &amp;#x1000000000;"))
        #expect(HTMLSanitizer().clean("<p>&#1114111;&#x4E2D;</p>") == "<p>&#1114111;&#x4E2D;</p>")
    }
}
