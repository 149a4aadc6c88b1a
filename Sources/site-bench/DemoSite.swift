import Foundation
import Logging
import PubsyncCore
import StaticSite

/// A small site that exercises the edges the HTML checker should see: hostile text, raw
/// HTML, an empty configured column, an unconfigured column, archive pages, empty 文号.
enum DemoSite {
    static func write(to output: URL) async throws {
        let generator = Generator(count: 45, columns: 3)
        var columns = generator.columnTable
        columns["空栏目"] = "empty"
        let config = SiteConfig(output: output, baseURL: "https://jtj.example.gov.cn/", title: "市交通运输局", columns: columns)
        let adapter = try StaticSiteAdapter(name: "site", config: config, logger: Logger(label: "demo"))
        let ledger = BenchLedger(generator: generator)
        let session = try adapter.openSiteSession(SessionContext(now: Date(), timeZone: TimeZone(identifier: "Asia/Shanghai")!,
                                                                 logger: Logger(label: "demo"), live: ledger))
        for index in 0..<45 { _ = try await session.put(generator.item(index)) }
        var hostile = generator.item(45)
        hostile.id = "hostile"
        hostile.category = "未配置栏目"
        hostile.title = "<script>alert(1)</script> \"引号\" & 'apos'"
        hostile.docNumber = ""
        hostile.body = """
        <img src=x onerror=alert(1)>

        [点我](javascript:alert(1)) ![图](data:image/png;base64,AAAA) [x](https://a.example/" onmouseover="alert(1))

        <div class="x">raw <b>html</b></div> &copy; &bogus; &#0; 控制字符\u{1}

        | a | b |
        |:-:|--|
        | <i>1</i> | `<code>` |

        ```html
        <script>alert("in code")</script>
        ```
        """
        _ = try await session.put(hostile)
        try await session.flush()
    }
}
