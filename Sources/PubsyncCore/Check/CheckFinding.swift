import Foundation

/// How much a `pubsync check` finding weighs in the State Council's spot check.
public enum CheckSeverity: String, Sendable, Codable, CaseIterable {
    /// Fails the site on its own (单项否决).
    case veto
    /// Loses points (扣分).
    case deduct
    /// Worth a look; does not fail the check.
    case warn
}

/// One finding of `pubsync check`.
public struct CheckFinding: Sendable, Hashable, Codable {
    /// The rule's name, e.g. `column-stale`.
    public var rule: String
    /// Its weight.
    public var severity: CheckSeverity
    /// The channel it concerns, nil for store-wide rules.
    public var channel: String?
    /// What it is about: a column, an item id, a page path, a setting.
    public var subject: String
    /// A sentence for the person who fixes it.
    public var detail: String

    /// Creates a finding.
    public init(rule: String, severity: CheckSeverity, channel: String?, subject: String, detail: String) {
        self.rule = rule
        self.severity = severity
        self.channel = channel
        self.subject = subject
        self.detail = detail
    }
}

/// The names of the rules `pubsync check` runs (the metrics label them).
public enum CheckRule {
    /// A column whose newest live item is older than its `update_within`.
    public static let columnStale = "column-stale"
    /// No new item on the home page within 14 days.
    public static let homeStale = "home-stale"
    /// A configured column with no live item.
    public static let columnEmpty = "column-empty"
    /// An `href`/`src` inside the site that resolves to no file.
    public static let brokenLink = "broken-link"
    /// A live item without 索引号, 发布机构 or 发布日期 (or a normative document without 文号).
    public static let metadataMissing = "metadata-missing"
    /// A valid normative document whose `valid_until` is within 6 months.
    public static let validityExpiring = "validity-expiring"
    /// `sponsor`, `site_code` or `icp` not set on a site.
    public static let footerMissing = "footer-missing"
    /// An open audit flag on a live or held revision.
    public static let flagOpen = "flag-open"
    /// A feed with no new entry within 14 days.
    public static let feedStale = "feed-stale"
    /// An attachment the audit could not read.
    public static let attachmentUnscanned = "attachment-unscanned"

    /// Every rule, in the order findings are listed.
    public static let all = [columnStale, homeStale, columnEmpty, brokenLink, metadataMissing, validityExpiring,
                             footerMissing, flagOpen, feedStale, attachmentUnscanned]
}

/// What `pubsync check` found, with the summary the command prints and exits on.
public struct CheckReport: Sendable, Hashable {
    /// The day the age rules count from.
    public var asOf: LocalDate
    /// Every finding, ordered by rule, channel and subject.
    public var findings: [CheckFinding]

    /// Creates a report, putting the findings in their listing order.
    public init(asOf: LocalDate, findings: [CheckFinding]) {
        self.asOf = asOf
        let order = Dictionary(uniqueKeysWithValues: CheckRule.all.enumerated().map { ($0.element, $0.offset) })
        self.findings = findings.sorted { a, b in
            let ra = order[a.rule] ?? Int.max, rb = order[b.rule] ?? Int.max
            if ra != rb { return ra < rb }
            if a.channel != b.channel { return (a.channel ?? "") < (b.channel ?? "") }
            return a.subject < b.subject
        }
    }

    /// How many findings have `severity`.
    public func count(_ severity: CheckSeverity) -> Int { findings.filter { $0.severity == severity }.count }

    /// How many columns are stale (5 or more is a veto).
    public var staleColumns: Int { findings.filter { $0.rule == CheckRule.columnStale }.count }

    /// Whether a person must act: any veto or deduct finding (warnings alone do not count).
    public var needsAttention: Bool { findings.contains { $0.severity != .warn } }
}
