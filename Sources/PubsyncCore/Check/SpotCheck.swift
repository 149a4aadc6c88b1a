import Foundation

/// What a channel's own check rules get to work with.
public struct SpotCheckContext: Sendable {
    /// The day the age rules count from (`--as-of`, else today in the configured zone).
    public var asOf: LocalDate
    /// The items the ledger records live on the channel, newest first, without bodies.
    public var live: [PublishedItem]
    /// `[check.update_within]`: category → how long it may go without a new item.
    public var updateWithin: [String: CheckPeriod]

    /// Creates a context.
    public init(asOf: LocalDate, live: [PublishedItem], updateWithin: [String: CheckPeriod]) {
        self.asOf = asOf
        self.live = live
        self.updateWithin = updateWithin
    }
}

/// Optional ability: a channel that checks itself against the spot check's rules (the site:
/// stale and empty columns, the home page, broken links, the footer).
public protocol SpotCheckable: ChannelAdapter {
    /// The channel's findings. Throws only when the channel cannot be read at all.
    func spotCheck(_ context: SpotCheckContext) async throws -> [CheckFinding]
}

/// Optional ability: a channel that shows a stream of entries which must stay fresh (a feed).
public protocol FreshnessChecked: ChannelAdapter {}

/// `pubsync check`: the spot check's rules over the store and every channel that can check itself.
public struct SpotCheck: Sendable {
    /// How long the home page and feeds may go without a new item.
    public static let freshDays = 14
    /// How far ahead `validity-expiring` looks.
    public static let expiryWarningMonths = 6

    let store: ItemStore
    let channels: [ConfiguredChannel]
    let settings: CheckSettings

    /// A check over `store` and `channels` with the `[check]` settings.
    public init(store: ItemStore, channels: [ConfiguredChannel], settings: CheckSettings) {
        self.store = store
        self.channels = channels
        self.settings = settings
    }

    /// Runs every rule as of `asOf`. Columns stale in 5 or more places make each of those
    /// findings a veto.
    public func run(asOf: LocalDate) async throws -> CheckReport {
        var findings: [CheckFinding] = []
        for channel in channels {
            let live = try await StoreLiveItems(store: store, channel: channel.name).items(category: nil, includeBody: false)
            if let checkable = channel.adapter as? any SpotCheckable {
                let context = SpotCheckContext(asOf: asOf, live: live, updateWithin: settings.updateWithin)
                findings += try await checkable.spotCheck(context)
            }
            if channel.adapter is any FreshnessChecked {
                findings += feedStale(channel: channel.name, live: live, asOf: asOf)
            }
        }
        let stale = findings.indices.filter { findings[$0].rule == CheckRule.columnStale }
        if stale.count >= 5 {
            for index in stale { findings[index].severity = .veto }
        }
        let live = try store.liveRevisionsForCheck()
        findings += metadataMissing(live)
        findings += validityExpiring(live, asOf: asOf)
        findings += try flagOpen()
        findings += try attachmentUnscanned()
        return CheckReport(asOf: asOf, findings: findings)
    }

    private func feedStale(channel: String, live: [PublishedItem], asOf: LocalDate) -> [CheckFinding] {
        let start = asOf.adding(days: -Self.freshDays)
        let newest = live.map(\.published).max()
        if let newest, newest >= start { return [] }
        let detail = newest.map { "the newest entry is dated \($0), more than \(Self.freshDays) days before \(asOf)" }
            ?? "the feed has no entry"
        return [CheckFinding(rule: CheckRule.feedStale, severity: .deduct, channel: channel, subject: channel, detail: detail)]
    }

    private func metadataMissing(_ live: [CheckedRevision]) -> [CheckFinding] {
        live.compactMap { item in
            var missing: [String] = []
            if item.indexNumber.trimmingCharacters(in: .whitespaces).isEmpty { missing.append("索引号") }
            if item.unit.trimmingCharacters(in: .whitespaces).isEmpty { missing.append("发布机构") }
            if Validity.normativeGenres.contains(item.genre), item.docNumber.trimmingCharacters(in: .whitespaces).isEmpty {
                missing.append("文号 (required of a \(item.genre))")
            }
            guard !missing.isEmpty else { return nil }
            return CheckFinding(rule: CheckRule.metadataMissing, severity: .deduct, channel: nil, subject: item.id,
                                detail: "live revision \(item.rev) has no " + missing.joined(separator: ", "))
        }
    }

    private func validityExpiring(_ live: [CheckedRevision], asOf: LocalDate) -> [CheckFinding] {
        let horizon = asOf.adding(months: Self.expiryWarningMonths)
        return live.compactMap { item in
            guard let until = item.validUntil,
                  Validity.of(genre: item.genre, validUntil: until, repealed: item.repealed, on: asOf) == .valid,
                  until < horizon else { return nil }
            return CheckFinding(rule: CheckRule.validityExpiring, severity: .warn, channel: nil, subject: item.id,
                                detail: "a valid \(item.genre) that lapses after \(until) (within \(Self.expiryWarningMonths) months): renew, replace or let it lapse")
        }
    }

    /// Files the last audit could not read: a person must read them (they are not held).
    private func attachmentUnscanned() throws -> [CheckFinding] {
        try store.unscannedAttachments().map { file in
            CheckFinding(rule: CheckRule.attachmentUnscanned, severity: .warn, channel: nil, subject: file.item,
                         detail: "revision \(file.rev): the audit could not read the attachment '\(file.name)' (\(file.reason)); read it yourself")
        }
    }

    private func flagOpen() throws -> [CheckFinding] {
        try store.openFlagsOnCurrentRevisions().map { flag in
            CheckFinding(rule: CheckRule.flagOpen, severity: .veto, channel: nil, subject: flag.item,
                         detail: "flag \(flag.id) (\(flag.rule)) is open on revision \(flag.rev): retract the item or dismiss the flag")
        }
    }
}

/// The `[check]` section of the config.
public struct CheckSettings: Sendable, Hashable {
    /// `[check.update_within]`: category → how long its column may go without a new item.
    public var updateWithin: [String: CheckPeriod]

    /// Creates settings.
    public init(updateWithin: [String: CheckPeriod] = [:]) {
        self.updateWithin = updateWithin
    }
}
