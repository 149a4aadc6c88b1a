import Foundation
@testable import PubsyncCore
import Testing

@Suite("Planner (pure)")
struct PlannerTests {
    let today = LocalDate("2014-06-18")!
    let routing = ChannelRouting()

    func candidate(_ id: String, status: ItemStatus = .approved, category: String = "政务公告", channels: [String]? = nil,
                   published: String = "2014-06-01", hash: String = "h1", ledger: LedgerRow? = nil) -> PlanCandidate {
        PlanCandidate(id: id, status: status, approvedRev: status == .draft ? nil : 1, category: category, channels: channels,
                      published: LocalDate(published), contentHash: status == .draft ? nil : hash, ledger: ledger)
    }

    func live(_ id: String, hash: String = "h1", fingerprint: String = "fp", channel: String = "site") -> LedgerRow {
        LedgerRow(channel: channel, itemID: id, rev: 1, contentHash: hash, publishedHash: ContentHash.change(contentHash: hash, fingerprint: fingerprint),
                  remoteRef: nil, state: .live, pendingOp: nil, removalReason: nil, firstPublishedAt: nil, lastPublishedAt: nil, attempts: 0,
                  lastError: nil, rejectedHash: nil)
    }

    func plan(_ candidates: [PlanCandidate], routing: ChannelRouting? = nil, fingerprint: String = "fp") -> ChannelPlan {
        Planner.plan(channel: "site", routing: routing ?? self.routing, fingerprint: fingerprint, today: today, candidates: candidates)
    }

    @Test("new approved, due items are put; drafts and future items are not")
    func reviewAndDueDates() {
        let result = plan([
            candidate("a"),
            candidate("draft", status: .draft),
            candidate("tomorrow", published: "2014-06-19"),
            candidate("today", published: "2014-06-18"),
        ])
        #expect(result.puts.map(\.id) == ["a", "today"])
        #expect(result.puts.allSatisfy { $0.reason == .new })
    }

    @Test("a half-approved sensitive item (still a draft) is never due")
    func halfApprovedSensitive() {
        #expect(plan([candidate("s", status: .draft)]).isEmpty)
    }

    @Test("routing: the item's own channel list wins over categories")
    func routingRules() {
        let onlyNotices = ChannelRouting(include: ["政务公告"])
        let result = plan([
            candidate("notice"),
            candidate("news", category: "部门动态"),
            candidate("news-for-site", category: "部门动态", channels: ["site"]),
            candidate("notice-elsewhere", channels: ["portal"]),
        ], routing: onlyNotices)
        #expect(result.puts.map(\.id) == ["news-for-site", "notice"])
        let excluded = plan([candidate("notice"), candidate("news", category: "部门动态")], routing: ChannelRouting(exclude: ["部门动态"]))
        #expect(excluded.puts.map(\.id) == ["notice"])
    }

    @Test("unchanged items are left alone; a new hash is an update")
    func hashChanges() {
        let result = plan([candidate("same", ledger: live("same")), candidate("changed", hash: "h2", ledger: live("changed"))])
        #expect(result.unchanged == 1)
        #expect(result.puts.map(\.id) == ["changed"])
        #expect(result.puts.first?.reason == .update)
    }

    @Test("a new adapter fingerprint (a template edit) republishes everything")
    func fingerprintChange() {
        let result = plan([candidate("a", ledger: live("a")), candidate("b", ledger: live("b"))], fingerprint: "fp2")
        #expect(result.puts.map(\.id) == ["a", "b"])
    }

    @Test("retractions come first and cover every channel row, even a never-confirmed put")
    func retractionOrdering() {
        var failedPut = live("timed-out")
        failedPut.rev = nil
        failedPut.state = .failed
        failedPut.pendingOp = .put
        let result = plan([
            candidate("new"),
            candidate("gone", status: .retracted, ledger: live("gone")),
            candidate("timed-out", status: .retracted, ledger: failedPut),
            candidate("never-published", status: .retracted),
            candidate("unrouted", category: "其他", ledger: live("unrouted")),
        ], routing: ChannelRouting(exclude: ["其他"]))
        #expect(result.ops.map(\.id) == ["gone", "timed-out", "new", "unrouted"])
        #expect(result.retractions.allSatisfy { $0.removalReason == .retracted })
        #expect(result.removals.map(\.removalReason) == [.unrouted])
    }

    @Test("a rejected item is not retried until its content changes")
    func rejectedItems() {
        var rejected = live("r")
        rejected.rev = nil
        rejected.state = .rejected
        rejected.rejectedHash = ContentHash.change(contentHash: "h1", fingerprint: "fp")
        #expect(plan([candidate("r", ledger: rejected)]).rejected == 1)
        #expect(plan([candidate("r", hash: "h2", ledger: rejected)]).puts.map(\.id) == ["r"])
    }

    @Test("failed and pending rows are retried")
    func retries() {
        var failed = live("f")
        failed.state = .failed
        failed.pendingOp = .put
        #expect(plan([candidate("f", ledger: failed)]).puts.first?.reason == .retry)
    }

    @Test("removed rows come back as new when routed again")
    func removedThenRouted() {
        var removed = live("x")
        removed.rev = nil
        removed.state = .removed
        #expect(plan([candidate("x", ledger: removed)]).puts.first?.reason == .new)
        #expect(plan([candidate("x", category: "其他", ledger: removed)], routing: ChannelRouting(exclude: ["其他"])).isEmpty)
    }
}
