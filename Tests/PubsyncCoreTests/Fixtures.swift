import Foundation
@testable import PubsyncCore
import PubsyncTesting

/// Builders shared by the core tests.
enum Fixtures {
    static func markdown(id: String, title: String = "关于开通12328交通运输服务监督电话的公告", category: String = "政务公告",
                         published: String = "2014-06-18", index: String? = nil, extra: String = "", body: String = "正文。") -> String {
        var lines = ["---", "id: \(id)", "title: \(title)", "category: \(category)", "unit: 市交通运输局", "published: \(published)"]
        if let index { lines.append("index_number: \(index)") }
        if !extra.isEmpty { lines.append(extra) }
        lines.append("---")
        return lines.joined(separator: "\n") + "\n" + body + "\n"
    }

    static func content(title: String = "标题", published: String = "2014-06-18", sensitive: Bool = false) -> RevisionContent {
        RevisionContent(title: title, body: "正文", category: "政务公告", published: LocalDate(published)!, sensitive: sensitive)
    }

    static func draft(_ id: String, title: String = "标题", index: String = "", sensitive: Bool = false,
                      approve: Bool = false, reviewer: String? = nil, leader: String? = nil) -> ImportDraft {
        var content = content(title: title, sensitive: sensitive)
        content.indexNumber = index
        return ImportDraft(id: id, content: content, wantsApproval: approve, reviewer: reviewer, leader: leader,
                           source: SourceLocation(file: "test.md"))
    }

    static func store(_ directory: TemporaryDirectory) throws -> ItemStore {
        try ItemStore(path: directory.path("pubsync.db"))
    }

    /// Imports drafts in one call.
    @discardableResult
    static func importing(_ store: ItemStore, _ drafts: [ImportDraft], approveBy: String? = nil) throws -> ImportSummary {
        try store.importItems(actor: "tester", approveBy: approveBy) { emit in
            for draft in drafts { try emit(draft) }
        }
    }
}
