import Foundation
import GRDB

/// What `repeal` did.
public struct RepealOutcome: Sendable, Hashable {
    /// The new revision carrying the 废止日期.
    public var rev: Int
    /// Whether it became the approved (published) revision; a sensitive item still needs a leader.
    public var becameApproved: Bool
}

extension ItemStore {
    /// Repeals a 规章 or 行政规范性文件: a new revision of the approved one with `repealed` (and
    /// `repealed_by` when given), approved by `by` as reviewer, in one transaction. The next sync
    /// shows 废止 on every channel (from `date`).
    public func repeal(item id: String, on date: LocalDate, by: String, repealedBy: String?, reason: String?) throws -> RepealOutcome {
        let now = clock()
        return try write { db in
            guard let state = try itemState(db, id: id) else {
                throw PubsyncError(.notFound, "no item '\(id)' in the store", item: id)
            }
            guard state.status != .retracted else {
                throw PubsyncError(.conflict, "item '\(id)' is retracted; restore it before repealing", item: id)
            }
            guard let approvedRev = state.approvedRev else {
                throw PubsyncError(.conflict, "item '\(id)' has no approved revision: approve it, or take the draft back, instead of repealing", item: id)
            }
            guard state.headRev == approvedRev else {
                throw PubsyncError(.conflict, "item '\(id)' has revision \(state.headRev) awaiting approval: approve it (or re-import the approved text) before repealing", item: id)
            }
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM revisions WHERE item_id = ? AND rev = ?", arguments: [id, approvedRev]) else {
                throw PubsyncError(.store, "item '\(id)' has no revision \(approvedRev)", item: id)
            }
            var content = Self.revision(row).content
            guard content.metadata.isNormative else {
                let genre = content.metadata.genre.isEmpty ? "no genre" : "genre \(content.metadata.genre)"
                throw PubsyncError(.input, "item '\(id)' has \(genre): only a 规章 or 行政规范性文件 has a validity to repeal", item: id)
            }
            if let published = LocalDate(row["published"] as String), date < published {
                throw PubsyncError(.input, "--on \(date) is before the item's publication date \(published)", item: id)
            }
            content.metadata.repealed = date
            if let repealedBy { content.metadata.repealedBy = repealedBy }
            let rev = approvedRev + 1
            let hash = ContentHash.of(content)
            try insertRevision(db, item: id, rev: rev, content: content, hash: hash, author: by, at: now)
            try db.execute(sql: "UPDATE items SET head_rev = ?, updated_at = ? WHERE id = ?", arguments: [rev, now.timeIntervalSince1970, id])
            var detail = "rev \(rev): 废止 from \(date)"
            if let repealedBy { detail += " by \(repealedBy)" }
            if let reason { detail += "; reason: \(reason)" }
            try logEvent(db, at: now, actor: by, action: "repeal", item: id, rev: rev, detail: detail)
            let became = try recordApproval(db, item: id, rev: rev, by: by, role: .reviewer, at: now)
            return RepealOutcome(rev: rev, becameApproved: became)
        }
    }
}
