import Foundation

/// Runs the configured rules over the store and records what they find as flags.
public struct Auditor: Sendable {
    let store: ItemStore
    let rules: AuditRuleSet

    /// Builds the rules named in `[audit]`; an unknown rule or unreadable words file is a config error.
    public init(store: ItemStore, settings: AuditSettings, configFile: URL) throws {
        self.store = store
        rules = try AuditRuleSet(settings: settings, configFile: configFile)
    }

    /// Whether `[audit] rules = []` turned the audit off (a run scans nothing).
    public var isOff: Bool { rules.isEmpty }

    /// What an audit run did.
    public struct Summary: Sendable {
        /// Revisions scanned.
        public var scanned = 0
        /// Bytes of text scanned.
        public var bytes = 0
        /// Flags not recorded before.
        public var newFlags = 0
    }

    /// Scans and records: each item's approved revision and the revision each channel has live;
    /// `all` also scans drafts and unapproved heads.
    public func run(all: Bool, actor: String) throws -> Summary {
        var summary = Summary()
        guard !rules.isEmpty else { return summary }
        var findings: [(item: String, rev: Int, rule: String, excerpt: String)] = []
        try store.forEachAuditTarget(all: all) { target in
            summary.scanned += 1
            summary.bytes += target.text.utf8.count
            for finding in rules.scan(target.text) {
                findings.append((target.item, target.rev, finding.rule, finding.excerpt))
            }
        }
        summary.newFlags = try store.recordFlags(findings, actor: actor)
        return summary
    }
}
