import Foundation

/// `items --json`: `{"items":[{"id","title","category","status","state","head_state","head_rev","approved_rev","published"}]}`.
public struct ItemsOutput: CommandOutput, Equatable {
    /// One listed item.
    public struct Item: Codable, Sendable, Equatable {
        /// The item id.
        public var id: String
        /// Its latest title.
        public var title: String
        /// Its category.
        public var category: String
        /// The stored status (`draft`, `approved`, `retracted`).
        public var status: String
        /// The derived state, or null.
        @Nullable public var state: String?
        /// The state of a newer head revision awaiting approval, or null.
        @Nullable public var headState: String?
        /// The newest revision.
        public var headRev: Int
        /// The approved revision, or null.
        @Nullable public var approvedRev: Int?
        /// The publication date, YYYY-MM-DD.
        public var published: String

        enum CodingKeys: String, CodingKey {
            case id, title, category, status, state, published
            case headState = "head_state", headRev = "head_rev", approvedRev = "approved_rev"
        }
    }

    /// The items, in the store's order.
    public var items: [Item]

    /// The output of `listings` with their derived states.
    public init(_ listings: [ItemListing], lifecycles: [String: ItemLifecycle]) {
        items = listings.map { item in
            let lifecycle = lifecycles[item.id]
            return Item(id: item.id, title: item.title, category: item.category, status: item.status.rawValue,
                        state: lifecycle?.state.rawValue, headState: lifecycle?.headState?.rawValue,
                        headRev: item.headRev, approvedRev: item.approvedRev, published: item.published.description)
        }
    }
}

/// `show --json`: one item's revisions (with their disclosure fields, files, approvals and open
/// flags) and its ledger rows.
public struct ShowOutput: CommandOutput, Equatable {
    /// One revision.
    public struct Revision: Codable, Sendable, Equatable {
        /// The revision number.
        public var rev: Int
        /// The title.
        public var title: String
        /// The category.
        public var category: String
        /// YYYY-MM-DD.
        public var published: String
        /// SHA-256 of the content.
        public var contentHash: String
        /// 发布机构.
        public var unit: String
        /// 索引号.
        public var indexNumber: String
        /// 文号.
        public var docNumber: String
        /// 成文日期, or null.
        @Nullable public var written: String?
        /// 主题分类.
        public var subject: String
        /// 体裁.
        public var genre: String
        /// 主题词.
        public var keywords: [String]
        /// 施行日期, or null.
        @Nullable public var effective: String?
        /// 有效期至, or null.
        @Nullable public var validUntil: String?
        /// 废止日期, or null.
        @Nullable public var repealed: String?
        /// 废止依据.
        public var repealedBy: String
        /// Other fields.
        public var extra: [String: String]
        /// The validity today (normative documents), or null.
        @Nullable public var validity: String?
        /// The attached files.
        public var attachments: [File]
        /// The approvals.
        public var approvals: [Approval]
        /// The revision's open flags.
        public var flags: [FlagsOutput.Flag]

        enum CodingKeys: String, CodingKey {
            case rev, title, category, published, unit, written, subject, genre, keywords, effective, repealed, extra, validity
            case attachments, approvals, flags
            case contentHash = "content_hash", indexNumber = "index_number", docNumber = "doc_number"
            case validUntil = "valid_until", repealedBy = "repealed_by"
        }
    }

    /// An attached file.
    public struct File: Codable, Sendable, Equatable {
        /// SHA-256 of the file.
        public var sha256: String
        /// The name.
        public var name: String
        /// The title.
        public var title: String
        /// Bytes.
        public var size: Int
        /// The media type.
        public var mediaType: String
        enum CodingKeys: String, CodingKey { case sha256, name, title, size, mediaType = "media_type" }
    }

    /// An approval.
    public struct Approval: Codable, Sendable, Equatable {
        /// Who approved.
        public var by: String
        /// As what.
        public var role: String
        /// RFC 3339 with the configured offset.
        public var at: String
        /// The comment, or null.
        @Nullable public var comment: String?
    }

    /// A channel's ledger row for the item.
    public struct Channel: Codable, Sendable, Equatable {
        /// The name.
        public var name: String
        /// The state.
        public var state: String
        /// The revision number.
        @Nullable public var rev: Int?
        /// The last error, or null.
        @Nullable public var lastError: String?
        enum CodingKeys: String, CodingKey { case name, state, rev, lastError = "last_error" }
    }

    /// The id.
    public var id: String
    /// The status.
    public var status: String
    /// The state.
    @Nullable public var state: String?
    /// The state of a newer head revision, or null.
    @Nullable public var headState: String?
    /// The newest revision.
    public var headRev: Int
    /// The approved revision, or null.
    @Nullable public var approvedRev: Int?
    /// Every revision, oldest first.
    public var revisions: [Revision]
    /// Every ledger row.
    public var channels: [Channel]

    enum CodingKeys: String, CodingKey {
        case id, status, state, revisions, channels
        case headState = "head_state", headRev = "head_rev", approvedRev = "approved_rev"
    }

    /// The output of `detail`, validity as of `today`, times in `zone`.
    public init(_ detail: ItemDetail, lifecycle: ItemLifecycle?, today: LocalDate, zone: TimeZone) {
        let openFlags = Dictionary(grouping: detail.flags.filter { $0.status == .open }, by: \.rev)
        id = detail.state.id
        status = detail.state.status.rawValue
        state = lifecycle?.state.rawValue
        headState = lifecycle?.headState?.rawValue
        headRev = detail.state.headRev
        approvedRev = detail.state.approvedRev
        revisions = detail.revisions.map { entry in
            let content = entry.revision.content, metadata = content.metadata
            return Revision(
                rev: entry.revision.rev, title: content.title, category: content.category, published: content.published.description,
                contentHash: entry.revision.contentHash, unit: content.unit, indexNumber: content.indexNumber, docNumber: content.docNumber,
                written: metadata.written?.description, subject: metadata.subject, genre: metadata.genre, keywords: metadata.keywords,
                effective: metadata.effective?.description, validUntil: metadata.validUntil?.description,
                repealed: metadata.repealed?.description, repealedBy: metadata.repealedBy, extra: metadata.extra,
                validity: metadata.validity(on: today)?.rawValue,
                attachments: content.attachments.map { File(sha256: $0.sha256, name: $0.name, title: $0.title, size: $0.size, mediaType: $0.mediaType) },
                approvals: entry.approvals.map {
                    Approval(by: $0.by, role: $0.role.rawValue, at: Timestamp.rfc3339($0.at, in: zone), comment: $0.comment)
                },
                flags: (openFlags[entry.revision.rev] ?? []).map { FlagsOutput.Flag($0, zone: zone) })
        }
        channels = detail.ledger.map { Channel(name: $0.channel, state: $0.state.rawValue, rev: $0.rev, lastError: $0.lastError) }
    }
}
