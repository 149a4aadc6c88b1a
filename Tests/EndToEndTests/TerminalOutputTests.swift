import Foundation
import PubsyncTesting
import Testing

@Suite("human output on a terminal: no raw control characters, a progress line that adds up and is cleared")
struct TerminalOutputTests {
    static let hostile = "标题\u{1B}]0;owned\u{07}\u{1B}[2J\r改"

    @Test("items, show and log escape ESC, BEL and CR from titles")
    func itemsAndLog() throws {
        let workspace = try feedWorkspace()
        let line = try JSONSerialization.data(withJSONObject: ["id": "esc-1", "title": Self.hostile, "category": "政务公告",
                                                               "published": "2014-05-01", "status": "approved", "reviewer": "信息公开科"])
        try workspace.directory.write("esc.ndjson", String(decoding: line, as: UTF8.self) + "\n")
        #expect(try workspace.pubsync("import", "esc.ndjson").status == 0)
        for arguments in [["items"], ["show", "esc-1"], ["log"]] {
            let result = try workspace.runner.pubsync(arguments, in: workspace.directory.url)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            for control in ["\u{1B}", "\u{07}", "\r"] {
                #expect(!(result.stdout + result.stderr).contains(control), "\(arguments) printed a raw control character")
            }
            if arguments != ["log"] { #expect(result.stdout.contains("\\u{1b}"), "\(arguments): \(result.stdout)") }
        }
    }

    @Test("sync prints a portal's message with its control characters escaped")
    func portalMessage() throws {
        let stub = try StubHTTPServer { _ in .json(422, #"{"error":"bad \u001b[31mred\u0007 \r title"}"#) }
        defer { stub.stop() }
        let workspace = try portalWorkspace(url: stub.baseURL, items: 2)
        let result = try workspace.pubsync("sync", environment: ["PUBSYNC_PORTAL_TOKEN": "tok-1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("HTTP 422"), "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{07}") && !result.stderr.contains("\r"), "\(result.stderr)")
    }

    @Test("the progress line counts each channel against its own total and is erased before the summary")
    func progressLine() throws {
        let workspace = try feedWorkspace(extraChannel: """
            [[channels]]
            name = "weibo2"
            kind = "feed"
            output = "out/weibo2"
            title = "二"
            base_url = "https://jtj.example.gov.cn/"
            item_url = "https://jtj.example.gov.cn/items/{id}.html"
            """)
        try workspace.importItems(30)
        // `script` gives the binary a terminal, so it draws its progress line.
        let command = "\(workspace.runner.executable("pubsync").path) sync"
        let result = try workspace.runner.run(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"],
                                              in: workspace.directory.url, timeout: 120)
        #expect(result.status == 0, "\(result.stdout)")
        let output = result.stdout
        // The channels publish at the same time: one line shows each, `weibo: 3/30 · weibo2: 1/30 operations`.
        let counts = try Regex(#"(weibo2?): (\d+)/(\d+)"#)
        var channels = Set<String>()
        for match in output.matches(of: counts) {
            let done = Int(match.output[2].substring ?? "") ?? 0, total = Int(match.output[3].substring ?? "") ?? 0
            #expect(done <= total && total == 30, "progress \(done)/\(total)")
            channels.insert(String(match.output[1].substring ?? ""))
        }
        #expect(channels == ["weibo", "weibo2"], "a count for each channel: \(output.debugDescription)")
        #expect(output.contains("30/30 operations"), "\(output.debugDescription)")
        // The summary lines start on an erased line, never after a leftover "30/30 operations".
        #expect(!output.contains("operationsweibo") && !output.contains("operations\r\nweibo"), "\(output.debugDescription)")
        #expect(output.contains("\r\u{1B}[Kweibo: put 30"), "\(output.debugDescription)")
    }
}
