import Foundation

/// Where an item stands in review and publication.
public enum ItemStatus: String, Sendable, Codable, CaseIterable {
    /// Never approved: nothing of it is published.
    case draft
    /// Has an approved revision, which is what channels publish.
    case approved
    /// Taken down; never published again until restored.
    case retracted
}

/// The role an approval is given in. A sensitive item needs both, by two different people.
public enum ApprovalRole: String, Sendable, Codable, CaseIterable {
    /// The reviewing office (审核).
    case reviewer
    /// A senior leader's second approval, needed for sensitive items.
    case leader
}

/// The content fields of one revision, as imported; the content hash covers exactly these.
public struct RevisionContent: Sendable, Hashable, Codable {
    /// Title.
    public var title: String
    /// Summary (may be empty).
    public var summary: String
    /// Markdown body.
    public var body: String
    /// Category (column).
    public var category: String
    /// Publishing body (发布机构).
    public var unit: String
    /// Index number (索引号); may be empty.
    public var indexNumber: String
    /// Document number (文号); may be empty.
    public var docNumber: String
    /// Publication date.
    public var published: LocalDate
    /// The item's own channel list; nil means the channels' routing rules decide.
    public var channels: [String]?
    /// Whether a second, senior approval is needed.
    public var sensitive: Bool
    /// The other disclosure fields (成文日期, 主题分类, 体裁, validity dates, `extra`…).
    public var metadata: DisclosureMetadata
    /// Files published with it, in the order the input lists them.
    public var attachments: [Attachment]

    /// Creates revision content.
    public init(title: String, summary: String = "", body: String, category: String, unit: String = "",
                indexNumber: String = "", docNumber: String = "", published: LocalDate,
                channels: [String]? = nil, sensitive: Bool = false, metadata: DisclosureMetadata = DisclosureMetadata(),
                attachments: [Attachment] = []) {
        self.title = title
        self.summary = summary
        self.body = body
        self.category = category
        self.unit = unit
        self.indexNumber = indexNumber
        self.docNumber = docNumber
        self.published = published
        self.channels = channels
        self.sensitive = sensitive
        self.metadata = metadata
        self.attachments = attachments
    }
}

/// One stored revision of an item.
public struct Revision: Sendable, Hashable {
    /// The item id.
    public var itemID: String
    /// Revision number, from 1.
    public var rev: Int
    /// The content.
    public var content: RevisionContent
    /// SHA-256 (hex) of the canonical encoding of `content`.
    public var contentHash: String
    /// Who imported it.
    public var author: String
    /// When it was stored.
    public var createdAt: Date
}

/// One approval of a revision.
public struct Approval: Sendable, Hashable {
    /// Who approved.
    public var by: String
    /// In which role.
    public var role: ApprovalRole
    /// When.
    public var at: Date
    /// The approver's note, if any.
    public var comment: String? = nil
}

/// The item row: its state, without revision content.
public struct ItemState: Sendable, Hashable {
    /// The item id.
    public var id: String
    /// Review/publication status.
    public var status: ItemStatus
    /// The newest revision.
    public var headRev: Int
    /// The revision channels publish, if any.
    public var approvedRev: Int?
}

/// A line of `pubsync items`: the item state with its head revision's main fields.
public struct ItemListing: Sendable, Hashable {
    /// The item id.
    public var id: String
    /// The head revision's title.
    public var title: String
    /// The head revision's category.
    public var category: String
    /// Status.
    public var status: ItemStatus
    /// Head revision.
    public var headRev: Int
    /// Approved revision, if any.
    public var approvedRev: Int?
    /// The head revision's publication date.
    public var published: LocalDate
}

/// The whole story of one item, for `pubsync show`.
public struct ItemDetail: Sendable {
    /// State.
    public var state: ItemState
    /// Every revision, oldest first, with its approvals.
    public var revisions: [(revision: Revision, approvals: [Approval])]
    /// Ledger rows, one per channel that ever had it.
    public var ledger: [LedgerRow]
    /// Every audit flag of the item, oldest first.
    public var flags: [AuditFlag] = []
}

/// The validity rule for item ids (and channel names): a safe slug.
public enum ItemID {
    /// Longest allowed id.
    public static let maxLength = Slug.maxLength

    /// Whether `id` is a safe slug.
    public static func isValid(_ id: String) -> Bool { Slug.isValid(id) }
}

/// The one slug rule: item ids, channel names, the site's column slugs, so every path built of
/// them stays inside its folder.
public enum Slug {
    /// Longest allowed slug.
    public static let maxLength = 128

    /// Whether `text` matches `[a-z0-9][a-z0-9._-]{0,127}`.
    public static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= maxLength else { return false }
        for (index, byte) in bytes.enumerated() {
            let alnum = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            if index == 0 { if !alnum { return false } } else if !(alnum || byte == 0x2E || byte == 0x5F || byte == 0x2D) { return false }
        }
        return true
    }
}
