import Foundation

/// The configured audit rules, run together: by the periodic audit over what is live and by the
/// screening of every new revision at import and approval (先审查、后公开). Both scan the same
/// text of a revision (`text(title:summary:body:metadata:)`), so they never disagree.
public struct AuditRuleSet: Sendable {
    /// The rules, in config order.
    public let rules: [any AuditRule]

    /// A set of ready rules.
    public init(rules: [any AuditRule]) {
        self.rules = rules
    }

    /// Builds the rules named in `[audit]`; an unknown rule or unreadable words file is a config error.
    public init(settings: AuditSettings, configFile: URL) throws {
        do {
            rules = try settings.rules.map { try AuditRules.rule(named: $0, wordsFile: settings.wordsFile) }
        } catch let error as AuditRuleError {
            throw PubsyncError(.config, "\(configFile.path): [audit] \(error.message)")
        }
    }

    /// Whether no rule is configured (`[audit] rules = []`): audit and screening are off.
    public var isEmpty: Bool { rules.isEmpty }

    /// Every finding of every rule in `text`, rule by rule. The rules read the text normalised
    /// (`AuditNormalizer`: invisible characters dropped, character references decoded, full-width
    /// letters folded), so excerpts and offsets are of that text when it differs.
    public func scan(_ text: String) -> [AuditFinding] {
        let text = AuditNormalizer.normalized(text) ?? text
        var findings: [AuditFinding] = []
        for rule in rules { findings += rule.scan(text) }
        return findings
    }

    /// The findings in a revision's text: title, summary, body and metadata.
    public func screen(_ content: RevisionContent) -> [AuditFinding] {
        guard !rules.isEmpty else { return [] }
        return scan(Self.text(of: content))
    }

    /// The text of a revision that rules scan: title, summary, body, then the metadata a reader
    /// sees (unit, 文号, 主题分类, 体裁, 主题词, the repealing document, extra fields).
    public static func text(of content: RevisionContent) -> String {
        let metadata = content.metadata
        var fields = [content.unit, content.docNumber, metadata.subject, metadata.genre, metadata.keywords.joined(separator: " "),
                      metadata.repealedBy]
        for key in metadata.extra.keys.sorted() { fields += [key, metadata.extra[key] ?? ""] }
        return text(title: content.title, summary: content.summary, body: content.body, metadata: fields)
    }

    /// Title, summary, body and the metadata fields' text, one per line (empty fields left out).
    public static func text(title: String, summary: String, body: String, metadata: [String]) -> String {
        var text = title + "\n" + summary + "\n" + body
        for field in metadata where !field.isEmpty { text += "\n" + field }
        return text
    }
}

extension PubsyncConfig {
    /// The rules that screen new revisions at import and approval; nil when `[audit] rules = []`.
    public func screeningRules() throws -> AuditRuleSet? {
        let rules = try AuditRuleSet(settings: audit, configFile: file)
        return rules.isEmpty ? nil : rules
    }
}
