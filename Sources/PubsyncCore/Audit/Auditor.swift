import Foundation

/// Runs the configured rules over the store and records what they find as flags.
public struct Auditor: Sendable {
    let store: ItemStore
    let rules: [any AuditRule]

    /// Builds the rules named in `[audit]`; an unknown rule or unreadable words file is a config error.
    public init(store: ItemStore, settings: AuditSettings, configFile: URL) throws {
        self.store = store
        do {
            rules = try settings.rules.map { try AuditRules.rule(named: $0, wordsFile: settings.wordsFile) }
        } catch let error as AuditRuleError {
            throw PubsyncError(.config, "\(configFile.path): [audit] \(error.message)")
        }
    }

    /// What an audit run did.
    public struct Summary: Sendable {
        /// Revisions scanned.
        public var scanned = 0
        /// Bytes of text scanned.
        public var bytes = 0
        /// Flags not recorded before.
        public var newFlags = 0
    }

    /// Scans and records; `all` also scans drafts and unapproved heads.
    public func run(all: Bool, actor: String) throws -> Summary {
        var summary = Summary()
        var findings: [(item: String, rev: Int, rule: String, excerpt: String)] = []
        try store.forEachAuditTarget(all: all) { target in
            summary.scanned += 1
            summary.bytes += target.text.utf8.count
            for rule in rules {
                for finding in rule.scan(target.text) {
                    findings.append((target.item, target.rev, finding.rule, finding.excerpt))
                }
            }
        }
        summary.newFlags = try store.recordFlags(findings, actor: actor)
        return summary
    }
}
