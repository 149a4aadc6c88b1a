import Foundation

/// A person's name as approvals compare and store it: `Alice`, `alice `, `ali\u{200B}ce` and
/// full-width `ａｌｉｃｅ` are one person.
public enum PersonName {
    /// Trimmed, compatibility-normalised (NFKC, which includes NFC and folds full-width Latin),
    /// without invisible format or control characters, inner spaces collapsed, case-folded.
    public static func normalized(_ name: String) -> String {
        let composed = name.precomposedStringWithCompatibilityMapping
        var kept = String.UnicodeScalarView()
        for scalar in composed.unicodeScalars {
            let category = scalar.properties.generalCategory
            let invisible = category == .format || (category == .control && !scalar.properties.isWhitespace)
            if !invisible { kept.append(scalar) }
        }
        let words = String(kept).split(whereSeparator: { $0.isWhitespace })
        return words.joined(separator: " ").lowercased()
    }
}

/// The review rule (审核): an ordinary revision is published on one approval; a sensitive one
/// needs a `reviewer` and a `leader` who are two different people. The one copy of the rule, for
/// import (`status: approved`, `--approve-by`) and for `approve`.
public enum ReviewRule {
    /// Whether `approvals` (names already normalised) publish a revision.
    public static func isSatisfied(sensitive: Bool, approvals: [(by: String, role: ApprovalRole)]) -> Bool {
        guard sensitive else { return !approvals.isEmpty }
        let reviewers = Set(approvals.filter { $0.role == .reviewer }.map(\.by))
        let leaders = Set(approvals.filter { $0.role == .leader }.map(\.by))
        return reviewers.contains { reviewer in leaders.contains { $0 != reviewer } }
    }
}
