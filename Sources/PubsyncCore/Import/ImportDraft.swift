import Foundation

/// Where an imported item came from, for error messages: the file and, when known, the line.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file path as given.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?

    /// Creates a location.
    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    /// `file:line` or `file`.
    public var description: String { line.map { "\(file):\($0)" } ?? file }
}

/// One item read from an import file, checked field by field but not yet against the store.
public struct ImportDraft: Sendable {
    /// The item id (a valid slug).
    public var id: String
    /// The content of the revision it would create.
    public var content: RevisionContent
    /// Whether the file asks for the item to be approved (`status: approved`).
    public var wantsApproval: Bool
    /// The reviewer named in the file.
    public var reviewer: String?
    /// The leader named in the file (for sensitive items).
    public var leader: String?
    /// Where it came from.
    public var source: SourceLocation
    /// What screening found in the text of its attachments (read at intake; excerpts name the file).
    public var attachmentFindings: [AuditFinding] = []

    /// What screening finds in the draft: its text's findings and its attachments'.
    func screened(by screening: AuditRuleSet?) -> [AuditFinding] {
        guard let screening else { return [] }
        return screening.screen(content) + attachmentFindings
    }
}

/// Limits on import input, documented in the README.
public enum ImportLimits {
    /// Largest accepted body, in bytes of UTF-8 (5 MiB).
    public static let maxBodyBytes = 5 * 1024 * 1024
    /// Largest accepted single field other than the body, in bytes.
    public static let maxFieldBytes = 4096
    /// Largest accepted input file (Markdown or JSON; NDJSON is limited per line).
    public static let maxFileBytes = maxBodyBytes + 1024 * 1024
}

/// What an import did.
public struct ImportSummary: Sendable, Equatable {
    /// Items seen in the input.
    public var read = 0
    /// New items created.
    public var created = 0
    /// Existing items that got a new head revision.
    public var revised = 0
    /// Items whose content was identical to their head revision.
    public var unchanged = 0
    /// Revisions that became approved.
    public var approved = 0
    /// Items whose revision screening flagged (held until a person dismisses the flag).
    public var flagged = 0

    /// Creates an empty summary.
    public init() {}
}
