// Fuzzes the HTML every channel publishes, with an oracle: the output of `HTMLSanitizer` (and of
// the Markdown pipeline that ends in it), read back by a browser-like tokenizer, holds no
// script, event handler, javascript:/data:/vbscript: URL, svg/math/form/style (`HTMLOracle`); and
// the Markdown pipeline's plain-prose fast path makes exactly Ink's HTML.
import ChannelSupport
import FuzzSupport

let sanitizer = HTMLSanitizer()
let markdown = MarkdownRenderer(allowRawHTML: false)
let markdownWithHTML = MarkdownRenderer(allowRawHTML: true)

FuzzDriver.run { bytes in
    guard let mode = bytes.first else { return }
    let input = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let output: String
    switch mode % 3 {
    case 0: output = sanitizer.clean(input)
    case 1: output = markdownWithHTML.html(from: input)
    default:
        output = markdown.html(from: input)
        _ = markdown.plainText(from: input)
        // Plain prose skips Ink (`PlainProse`): the HTML must be what Ink makes.
        let reference = markdown.inkHTML(from: input)
        FuzzExpect.that(output == reference, "the fast path differs from Ink: \(output.prefix(200)) vs \(reference.prefix(200))")
    }
    let problems = HTMLOracle.violations(in: output)
    FuzzExpect.that(problems.isEmpty, "\(problems.joined(separator: "; ")) in output: \(output.prefix(400))")
}
