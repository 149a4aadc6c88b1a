import Foundation

/// Runs the configured rules over the store and records what they find as flags.
public struct Auditor: Sendable {
    let store: ItemStore
    let rules: AuditRuleSet
    /// Reads attachments' text.
    var textReader = AttachmentText()

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
        /// Attachments whose text was scanned (one per item revision carrying it).
        public var attachmentsScanned = 0
        /// Attachments that could not be read: they are listed, never silently passed.
        public var unscanned: [UnscannedAttachment] = []
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
        findings += try scanAttachments(all: all, summary: &summary)
        summary.newFlags = try store.recordFlags(findings, actor: actor)
        return summary
    }

    /// Scans the text of the attachments of the revisions scanned; each file is read once per run.
    /// A finding's excerpt names the file it is in.
    private func scanAttachments(all: Bool, summary: inout Summary) throws -> [(item: String, rev: Int, rule: String, excerpt: String)] {
        let targets = try store.attachmentAuditTargets(all: all)
        var byFile: [String: Result<[AuditFinding], UnreadableText>] = [:]
        var findings: [(item: String, rev: Int, rule: String, excerpt: String)] = []
        for target in targets {
            let file = target.attachment
            if byFile[file.sha256] == nil {
                byFile[file.sha256] = scan(file)
            }
            switch byFile[file.sha256]! {
            case .success(let found):
                summary.attachmentsScanned += 1
                for finding in found {
                    findings.append((target.item, target.rev, finding.rule, "[\(file.name)] \(finding.excerpt)"))
                }
            case .failure(let unreadable):
                summary.unscanned.append(UnscannedAttachment(item: target.item, rev: target.rev, name: file.name,
                                                             sha256: file.sha256, reason: unreadable.reason))
            }
        }
        try store.recordAttachmentScans(byFile.mapValues { result -> String? in
            if case .failure(let unreadable) = result { return unreadable.reason }
            return nil
        })
        return findings
    }

    private struct UnreadableText: Error {
        var reason: String
    }

    private func scan(_ file: Attachment) -> Result<[AuditFinding], UnreadableText> {
        guard let kind = file.kind else { return .failure(UnreadableText(reason: "unknown media type \(file.mediaType)")) }
        let url = store.attachmentFiles.url(for: file.sha256)
        guard FileManager.default.fileExists(atPath: url.path) else {
            return .failure(UnreadableText(reason: "the file is missing from \(store.attachmentFiles.root.path)"))
        }
        switch textReader.text(of: url, kind: kind) {
        case .unreadable(let reason): return .failure(UnreadableText(reason: reason))
        case .text(let text): return .success(rules.scan(text))
        }
    }
}
