import Mustache
import PubsyncCore
import Testing

@Suite("Template contexts: wrapped values render as plain dictionaries and strings do")
struct TemplateContextTests {
    static let template = """
        {{title}}|{{#summary}}[{{summary}}]{{/summary}}{{^missing}}none{{/missing}}|{{#empty}}<{{empty}}>{{/empty}}|\
        {{uppercased(code)}}{{#empty(empty)}}E{{/empty(empty)}}|{{#rows}}{{title}}:{{href}}:{{site}};{{/rows}}{{^rows}}no rows{{/rows}}|\
        {{#extra}}{{k}}/{{title}}{{/extra}}|{{#flag}}F{{/flag}}{{^off}}off{{/off}}|{{count}}|{{#numbers}}{{.}},{{/numbers}}{{sorted(numbers)}}|\
        {{#rows}}{{#first}}first{{/first}}{{/rows}}{{count(rows)}}|{{#title}}{{title}}{{/title}}|{{.missing}}{{rows.0}}
        """

    static var context: [String: Any] { [
        "title": "标题 \"<&>'\u{301}", "summary": "摘要", "empty": "", "code": "abc", "site": "站",
        "rows": [["title": "一", "href": "a.html"], ["title": "二", "href": "b.html", "first": true]] as [[String: Any]],
        "extra": ["k": "值"], "flag": true, "off": false, "count": 3, "numbers": [3, 1, 2],
    ] }

    @Test("sections, inverted sections, transforms, nested look-ups and escaping are unchanged")
    func sameOutput() throws {
        var library = MustacheLibrary()
        try MarkupTemplates.register(Self.template, named: "t", in: &library)
        let plain = library.render(Self.context, withTemplate: "t")
        let wrapped = library.render(TemplateContext(wrapping: Self.context), withTemplate: "t")
        #expect(plain != nil)
        #expect(wrapped == plain)
        #expect(plain?.contains("标题 &quot;&lt;&amp;&gt;&#39;\u{301}") == true)
        #expect(plain?.contains("一:a.html:站;二:b.html:站;") == true)
        #expect(plain?.contains("ABC") == true)
    }

    @Test("an empty context and empty rows render as before")
    func emptyRows() throws {
        var library = MustacheLibrary()
        try MarkupTemplates.register(Self.template, named: "t", in: &library)
        let context: [String: Any] = ["rows": [[String: Any]]()]
        #expect(library.render(TemplateContext(wrapping: context), withTemplate: "t") == library.render(context, withTemplate: "t"))
    }
}
