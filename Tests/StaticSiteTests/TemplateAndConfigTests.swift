import Foundation
import Logging
import PubsyncCore
import Testing
@testable import StaticSite

@Suite("Templates and config")
struct TemplateAndConfigTests {
    /// A new, empty folder for a test's templates (the caller removes it).
    static func templateFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("a template file in the templates folder overrides the embedded one")
    func override() async throws {
        let folder = try Self.templateFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{<base}}{{$content}}<p class=\"custom\">{{title}}|{{indexNumber}}</p>{{/content}}{{/base}}"
            .write(to: folder.appendingPathComponent("item.mustache"), atomically: true, encoding: .utf8)
        let site = try TestSite(templates: folder)
        defer { site.removeAll() }
        try await site.sync(put: [makeItem("t1", title: "A&B")])
        let page = try site.read("items/t1.html")
        #expect(page.contains("<p class=\"custom\">A&amp;B|004188191/2014-t1</p>"))
        #expect(page.contains("<html lang=\"zh-CN\">"))  // base is still the embedded one
    }

    @Test("a header template's override shows on every page, its links relative to each page's folder")
    func headerOverride() async throws {
        let folder = try Self.templateFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<header><a class=\"custom\" href=\"{{homeHref}}\">{{siteTitle}}</a>{{#nav}}<a href=\"{{href}}\">{{name}}</a>{{/nav}}</header>"
            .write(to: folder.appendingPathComponent("header.mustache"), atomically: true, encoding: .utf8)
        let site = try TestSite(templates: folder)
        defer { site.removeAll() }
        try await site.sync(put: [makeItem("h1"), makeItem("h2", category: "政策文件")])
        for (path, root) in [("index.html", ""), ("items/h1.html", "../"), ("catalogue/columns/notices/index.html", "../../../")] {
            let page = try site.read(path)
            #expect(page.contains("<header><a class=\"custom\" href=\"\(root)index.html\">"), "\(path)")
            #expect(page.contains("<a href=\"\(root)columns/notices/index.html\">政务公告</a>"), "\(path)")
            #expect(!page.contains("site-header"), "\(path)")
        }
    }

    @Test("a base template exported before header and footer were templates of their own makes the same pages")
    func legacyBase() async throws {
        let folder = try Self.templateFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The old base: the header and footer inline, rendered with each page's own context.
        try DefaultTemplates.base.replacingOccurrences(of: "{{{header}}}", with: DefaultTemplates.header)
            .replacingOccurrences(of: "{{{footer}}}", with: DefaultTemplates.footer)
            .write(to: folder.appendingPathComponent("base.mustache"), atomically: true, encoding: .utf8)
        let legacy = try TestSite(templates: folder), current = try TestSite()
        defer { legacy.removeAll(); current.removeAll() }
        let items = [makeItem("l1"), makeItem("l2", category: "政策文件", day: 1)]
        try await legacy.sync(put: items)
        try await current.sync(put: items)
        let pages = current.files().filter { $0.hasSuffix(".html") }
        #expect(pages.count > 5)
        for path in pages { #expect(try legacy.read(path) == current.read(path), "\(path)") }
    }

    @Test("a template that does not parse is a config error naming the file")
    func badTemplate() throws {
        let folder = try Self.templateFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{#rows}}unclosed".write(to: folder.appendingPathComponent("home.mustache"), atomically: true, encoding: .utf8)
        let site = try TestSite(templates: folder)
        defer { site.removeAll() }
        #expect { try site.adapter() } throws: { error in
            guard let error = error as? PubsyncError else { return false }
            return error.code == .config && error.message.contains("home.mustache")
        }
    }

    @Test("a custom template may print only the sanitised body unescaped", arguments: [
        ("item.mustache", "<h1>{{{title}}}</h1>", "line 1", "{{{title}}}"),
        ("column.mustache", "<ul>\n{{#rows}}<li>{{& summary }}</li>{{/rows}}</ul>", "line 2", "{{& summary }}"),
        ("home.mustache", "{{=<% %>=}}<%{title}%>", "line 1", "{{=<% %>=}}"),
        ("search.mustache", "<p>\n{{% CONTENT_TYPE: TEXT}}{{title}}</p>", "line 2", "{{% CONTENT_TYPE: TEXT}}"),
    ])
    func unescapedItemText(file: String, text: String, line: String, tag: String) throws {
        let folder = try Self.templateFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        let error = try #require(throws: PubsyncError.self) { try StaticSiteTemplates(directory: folder, channel: "site") }
        #expect(error.code == .config)
        #expect(error.message.contains(file) && error.message.contains(line) && error.message.contains(tag))
        // The body, which the Markdown pipeline sanitised, may be printed as HTML.
        try "<main>{{{ body }}}</main>".write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        #expect(throws: Never.self) { try StaticSiteTemplates(directory: folder, channel: "site") }
    }

    @Test("item text is escaped scalar by scalar: a quote or a < with a combining mark after it cannot end an attribute or open a tag")
    func combiningMarksEscaped() throws {
        let site = try TestSite()
        defer { site.removeAll() }
        let renderer = try site.adapter().renderer
        var item = makeItem("mark", title: "标题\"\u{301} onmouseover=\"alert(1)")
        item.summary = "摘要\"\u{301} http-equiv=\"refresh\" content=\"0;url=https://evil.example/"
        let page = try renderer.itemPage(item, nav: SiteNav(columns: []))
        // (Built with `+`: the #expect macro does not take a literal with a mark after a quote.)
        let mark = "\u{301}"
        let escapedSummary = "content=\"摘要&quot;" + mark + " http-equiv=&quot;refresh&quot;"
        let rawQuote = "\"" + mark + " "
        let escapedTitle = "<h1>标题&quot;" + mark + " onmouseover=&quot;alert(1)</h1>"
        #expect(page.contains(escapedSummary))
        #expect(!page.contains(rawQuote))
        #expect(page.contains(escapedTitle))
    }

    @Test("a page that cannot be rendered is an error, never an empty page")
    func renderFailureThrows() throws {
        let site = try TestSite()
        defer { site.removeAll() }
        let renderer = try site.adapter().renderer
        let error = try #require(throws: PubsyncError.self) { try renderer.render("no-such-template", [:]) }
        #expect(error.code == .channel && error.message.contains("no-such-template"))
        #expect(try !renderer.render("search", renderer.common(path: "search/index.html", nav: SiteNav(columns: []))).isEmpty)
    }

    @Test("export writes every default template and refuses to overwrite")
    func export() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tpl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try StaticSiteTemplates.exportDefaults(to: folder)
        #expect(files.map(\.lastPathComponent) == StaticSiteTemplates.fileNames)
        #expect(try String(contentsOf: folder.appendingPathComponent("item.mustache"), encoding: .utf8) == DefaultTemplates.item)
        try "mine".write(to: folder.appendingPathComponent("home.mustache"), atomically: true, encoding: .utf8)
        #expect(throws: PubsyncError.self) { try StaticSiteTemplates.exportDefaults(to: folder) }
        #expect(try String(contentsOf: folder.appendingPathComponent("home.mustache"), encoding: .utf8) == "mine")
        // The exported defaults, used as an override, change nothing.
        let defaults = try StaticSiteTemplates(directory: nil, channel: "site")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("home.mustache"))
        try StaticSiteTemplates.exportDefaults(to: folder.appendingPathComponent("again"))
        let exported = try StaticSiteTemplates(directory: folder.appendingPathComponent("again"), channel: "site")
        #expect(exported.texts == defaults.texts)
    }

    func settings(_ values: [String: ConfigValue]) -> ChannelSettings {
        ChannelSettings(name: "site", kind: "static-site", values: values,
                        configFile: URL(fileURLWithPath: "/etc/pubsync/pubsync.toml"), environment: [:])
    }

    @Test("the factory reads the keys and resolves paths against the config folder")
    func factory() throws {
        let factory = StaticSiteFactory()
        #expect(factory.kind == "static-site")
        #expect(factory.allowedKeys == ["output", "base_url", "title", "templates", "columns", "allow_raw_html", "column_order", "page_size",
                                        "sponsor", "operator", "contact", "site_code", "icp", "police_record", "error_report_url"])
        let config = try SiteConfig(settings([
            "output": .string("out/site"), "base_url": .string("https://jtj.example.gov.cn"),
            "columns": .table(["政务公告": .string("notices")]), "allow_raw_html": .bool(true),
        ]))
        #expect(config.output.path == "/etc/pubsync/out/site")
        #expect(config.baseURL == "https://jtj.example.gov.cn/")
        #expect(config.allowRawHTML)
        #expect(config.slug(for: "政务公告") == "notices")
        #expect(config.slug(for: "部门动态").hasPrefix("c-") && config.slug(for: "部门动态").count == 10)
    }

    @Test("bad settings are config errors naming the key", arguments: [
        (["base_url": ConfigValue.string("https://a.example/")], "output"),
        (["output": .string("o")], "base_url"),
        (["output": .string("o"), "base_url": .string("ftp://a")], "base_url"),
        (["output": .string("o"), "base_url": .string("https://a/"), "columns": .table(["x": .string("Bad Slug")])], "columns"),
        (["output": .string("o"), "base_url": .string("https://a/"), "allow_raw_html": .string("yes")], "allow_raw_html"),
    ])
    func badSettings(values: [String: ConfigValue], key: String) {
        #expect { _ = try StaticSiteFactory().make(settings(values), logger: Logger(label: "t")) } throws: { error in
            guard let error = error as? PubsyncError else { return false }
            return error.code == .config && error.message.contains("'\(key)'")
        }
    }

    @Test("the fingerprint covers settings that change the output")
    func fingerprint() throws {
        let base = SiteConfig(output: URL(fileURLWithPath: "/tmp/o"), baseURL: "https://a.example/", columns: ["政务公告": "notices"])
        func print(_ config: SiteConfig) throws -> String { try StaticSiteAdapter(name: "s", config: config, logger: Logger(label: "t")).fingerprint }
        let reference = try print(base)
        #expect(try print(base) == reference)
        var other = base; other.title = "别的标题"
        #expect(try print(other) != reference)
        other = base; other.columns = ["政务公告": "gonggao"]
        #expect(try print(other) != reference)
        other = base; other.allowRawHTML = true
        #expect(try print(other) != reference)
        other = base; other.baseURL = "https://b.example/"
        #expect(try print(other) != reference)
    }
}

@Suite("The site channel's public addresses (a feed's default item_url)")
struct WebsiteAddressesTests {
    func settings(_ base: String) -> ChannelSettings {
        ChannelSettings(name: "site", kind: "static-site", values: ["base_url": .string(base), "output": .string("out")],
                        configFile: URL(fileURLWithPath: "/srv/pubsync/pubsync.toml"), environment: [:])
    }

    @Test("item pages are items/{id}.html under base_url, with or without its final slash")
    func itemPages() {
        let factory = StaticSiteFactory()
        #expect(factory.websiteAddresses(settings("https://jtj.example.gov.cn/"))
                == WebsiteAddresses(baseURL: "https://jtj.example.gov.cn/", itemURLTemplate: "https://jtj.example.gov.cn/items/{id}.html"))
        #expect(factory.websiteAddresses(settings("https://jtj.example.gov.cn/site"))?.itemURLTemplate
                == "https://jtj.example.gov.cn/site/items/{id}.html")
        #expect(SitePaths.item("x") == "items/x.html")
    }

    @Test("a base_url without a host gives no addresses")
    func noHost() {
        #expect(StaticSiteFactory().websiteAddresses(settings("not a url")) == nil)
    }
}
