import Foundation
import PubsyncCore

/// Deterministic bench items: about 2 KB of mixed Chinese/ASCII Markdown each, spread over
/// `columns` columns, item 0 the oldest.
struct Generator: Sendable {
    var count: Int
    var columns: Int = 10

    static let categories = ["政务公告", "政策文件", "部门动态", "出行指南", "财政预决算", "人事信息", "规划计划", "行政许可", "应急管理", "建议提案",
                             "公路建设", "水路运输", "城市交通", "安全生产", "执法监督", "统计数据"]
    static let slugs = ["notices", "policies", "news", "travel", "budget", "personnel", "plans", "permits", "emergency", "proposals",
                        "roads", "waterways", "urban", "safety", "enforcement", "statistics"]

    var columnTable: [String: String] {
        Dictionary(uniqueKeysWithValues: (0..<columns).map { (Self.categories[$0], Self.slugs[$0]) })
    }

    func id(_ index: Int) -> String { "item-" + Self.pad(index, 6) }

    static func pad(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// Publication date: five items a day, counting up from 2008-01-01.
    func date(_ index: Int) -> LocalDate {
        LocalDate(Date(timeIntervalSince1970: 1_199_188_800 + Double(index / 5) * 86_400), in: TimeZone(identifier: "UTC")!)
    }

    func item(_ index: Int, revision: Int = 1, includeBody: Bool = true) -> PublishedItem {
        let category = Self.categories[index % columns]
        let title = revision == 1 ? "关于2014年第\(index)号交通运输服务事项（G\(index % 300)国道）的公告"
            : "关于2014年第\(index)号交通运输服务事项的更正公告（第\(revision)版）"
        return PublishedItem(
            id: id(index), revision: revision, title: title, summary: "第\(index)号事项的简要说明。",
            body: includeBody ? body(index, revision: revision) : "", category: category, unit: "市交通运输局",
            indexNumber: "004188191/2014-" + Self.pad(index, 5), docNumber: index % 3 == 0 ? "" : "淄交发〔2014〕\(index)号",
            published: date(index), updated: Date(timeIntervalSince1970: 1_400_000_000 + Double(index) * 60 + Double(revision) * 7),
            contentHash: "h\(index)r\(revision)")
    }

    func body(_ index: Int, revision: Int) -> String {
        var text = "## 一、基本情况\n\n"
        text += "为进一步规范交通运输服务，提升 **12328** 服务监督电话的受理效率，根据《中华人民共和国道路运输条例》和 Road Transport Regulation (2014 rev. \(revision))，现将第 \(index) 号事项公告如下。"
        text += "本事项涉及 G\(index % 300) 国道 K\(index % 97)+\(index % 1000) 至 K\(index % 97 + 12) 路段，施工期间请过往车辆减速慢行，注意安全。\n\n"
        text += "## 二、具体安排\n\n"
        text += "1. 施工时间：2014年6月\(index % 28 + 1)日至2014年9月30日，每日 8:00–18:00；\n"
        text += "2. 绕行路线：经 S\(index % 50) 省道、*滨莱高速* 绕行；\n"
        text += "3. 咨询电话：0533-12328，或访问 [交通运输部网站](https://www.mot.gov.cn/) 查询实时路况。\n\n"
        text += "| 路段 | 起止桩号 | 管制方式 |\n|:--|:--|--:|\n| G\(index % 300) | K\(index % 97)–K\(index % 97 + 12) | 半幅通行 |\n| S\(index % 50) | K3–K9 | 限速 40 km/h |\n\n"
        text += "## 三、其他事项\n\n"
        text += "请各运输企业提前做好车辆调度安排，合理规划运输线路。对于因施工造成的不便，敬请谅解。"
        text += "Transport operators should plan routes in advance; details are published on the bureau website and the city portal. "
        text += "如有疑问，请在工作日与信息公开科联系（电话 0533-3180000，电子邮件 xxgk@example.gov.cn）。\n\n"
        text += "> 本公告自发布之日起施行，由市交通运输局负责解释。\n\n"
        text += "特此公告。\n"
        return text
    }
}

/// The live set the bench's ledger holds: every index below `count` except removed ones, each
/// at its revision. Items are generated on demand, so the bench's own memory stays small.
final class BenchLedger: LiveItemSource, @unchecked Sendable {
    let generator: Generator
    private let lock = NSLock()
    private(set) var live: [Int: Int] = [:]  // index → revision

    init(generator: Generator) { self.generator = generator }

    /// The bodiless live list, prepared (untimed) before a session the way a store holds its
    /// rows sorted by an index, and dropped after it: the bench times the adapter, not the
    /// generator's string formatting, and does not keep a second copy of the site in memory.
    private var prepared: [PublishedItem]?

    func record(_ index: Int, revision: Int) { lock.withLock { live[index] = revision } }

    func prepare() {
        let snapshot = lock.withLock { live }
        let items = snapshot.map { generator.item($0.key, revision: $0.value, includeBody: false) }
            .sorted { $0.published != $1.published ? $0.published > $1.published : $0.id > $1.id }
        lock.withLock { prepared = items }
    }

    func release() { lock.withLock { prepared = nil } }

    func items(category: String?, includeBody: Bool) async throws -> [PublishedItem] {
        let all: [PublishedItem]
        if !includeBody, let ready = lock.withLock({ prepared }) {
            all = ready
        } else {
            let snapshot = lock.withLock { live }
            all = snapshot.map { generator.item($0.key, revision: $0.value, includeBody: includeBody) }
                .sorted { $0.published != $1.published ? $0.published > $1.published : $0.id > $1.id }
        }
        return category == nil ? all : all.filter { $0.category == category }
    }

    func newest(limit: Int, includeBody: Bool) async throws -> [PublishedItem] {
        Array(try await items(category: nil, includeBody: includeBody).prefix(limit))
    }
}
