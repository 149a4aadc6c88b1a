import Foundation

/// One finding of an audit rule in a text.
public struct AuditFinding: Sendable, Hashable {
    /// The config name of the rule that found it, e.g. `cn-id-number`.
    public var rule: String
    /// The match with up to 12 characters of context each side, personal numbers masked.
    public var excerpt: String
    /// Byte offset of the match in the text's UTF-8 view.
    public var utf8Offset: Int

    /// Makes a finding.
    public init(rule: String, excerpt: String, utf8Offset: Int) {
        self.rule = rule
        self.excerpt = excerpt
        self.utf8Offset = utf8Offset
    }
}

/// A content rule.
public protocol AuditRule: Sendable {
    /// The rule's config name.
    var name: String { get }
    /// Every finding in `text`, in text order.
    func scan(_ text: String) -> [AuditFinding]
}

/// Why an audit rule could not be made from the config.
public struct AuditRuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rule name as written in the config.
    public var rule: String
    /// The words file involved, if any.
    public var file: URL?
    /// What went wrong, naming the rule and file.
    public var message: String

    /// Makes an error.
    public init(rule: String, file: URL? = nil, message: String) {
        self.rule = rule
        self.file = file
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// The built-in rules by config name: "cn-id-number", "cn-mobile", "secrecy-marking", "words".
public enum AuditRules {
    /// Every built-in rule name, in the order the docs list them.
    public static let names = [
        CNIDNumberRule.ruleName, CNMobileRule.ruleName,
        SecrecyMarkingRule.ruleName, WordListRule.ruleName,
    ]

    /// The rule called `named`; `wordsFile` is read (only) for the `words` rule.
    public static func rule(named: String, wordsFile: URL?) throws -> any AuditRule {
        switch named {
        case CNIDNumberRule.ruleName: return CNIDNumberRule()
        case CNMobileRule.ruleName: return CNMobileRule()
        case SecrecyMarkingRule.ruleName: return SecrecyMarkingRule()
        case WordListRule.ruleName:
            guard let wordsFile else {
                throw AuditRuleError(
                    rule: named,
                    message: "audit rule 'words' needs [audit] words_file")
            }
            return try WordListRule(contentsOf: wordsFile)
        default:
            throw AuditRuleError(
                rule: named,
                message: "unknown audit rule '\(named)' (known: \(names.joined(separator: ", ")))")
        }
    }
}

extension String {
    /// Runs `body` over the UTF-8 bytes without copying when the string is native.
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) {
            return result
        }
        // Bridged or foreign strings have no contiguous UTF-8: copy once.
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}
