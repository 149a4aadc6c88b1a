import Foundation
import PubsyncCore

/// A `LiveItemSource` over an array, standing in for the ledger in channel tests.
public final class ArrayLiveItems: LiveItemSource, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String: PublishedItem] = [:]

    /// Creates a source holding `items`.
    public init(_ items: [PublishedItem] = []) {
        for item in items { stored[item.id] = item }
    }

    /// Records a confirmed put (what the engine does after a flush).
    public func recordPut(_ item: PublishedItem) { lock.withLock { stored[item.id] = item } }

    /// Records a confirmed removal.
    public func recordRemove(_ id: String) { lock.withLock { _ = stored.removeValue(forKey: id) } }

    /// Everything recorded live, newest first.
    public var all: [PublishedItem] {
        lock.withLock { Array(stored.values) }.sorted { ($0.published, $0.id) > ($1.published, $1.id) }
    }

    public func items(category: String?, includeBody: Bool) async throws -> [PublishedItem] {
        all.filter { category == nil || $0.category == category }.map { includeBody ? $0 : Self.withoutBody($0) }
    }

    public func newest(limit: Int, includeBody: Bool) async throws -> [PublishedItem] {
        Array(all.prefix(limit)).map { includeBody ? $0 : Self.withoutBody($0) }
    }

    static func withoutBody(_ item: PublishedItem) -> PublishedItem {
        var copy = item
        copy.body = ""
        return copy
    }
}

/// Builders of sample items for channel tests.
public enum SampleItems {
    /// An item with realistic fields; `day` sets its publication date in June 2014.
    public static func item(_ id: String, revision: Int = 1, title: String? = nil, day: Int = 18, category: String = "政务公告",
                            body: String = "为方便群众，市交通运输局开通**12328**交通运输服务监督电话。") -> PublishedItem {
        let content = RevisionContent(title: title ?? "关于\(id)的公告", summary: "摘要 \(id)", body: body, category: category,
                                      unit: "市交通运输局", indexNumber: "004188191/2014-\(id)", docNumber: "淄交发〔2014〕12号",
                                      published: LocalDate(year: 2014, month: 6, day: day)!)
        return PublishedItem(id: id, revision: revision, title: content.title, summary: content.summary, body: content.body,
                             category: content.category, unit: content.unit, indexNumber: content.indexNumber,
                             docNumber: content.docNumber, published: content.published,
                             updated: Date(timeIntervalSince1970: 1_403_000_000 + Double(revision) * 3600),
                             contentHash: ContentHash.of(content) + (revision > 1 ? "" : ""))
    }
}
