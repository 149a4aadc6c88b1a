import Foundation

/// The `[disclosure] index_number` template for generated 索引号, e.g.
/// `"{org_code}/{year}-{serial:05}"`: `{org_code}`, `{year}` (of the item's first publication
/// date) and exactly one `{serial}` or `{serial:0N}` (zero-padded to N digits).
public struct IndexNumberTemplate: Sendable, Hashable {
    /// The default template (组织机构代码/年份-五位流水号, as 中国政府网 uses).
    public static let defaultText = "{org_code}/{year}-{serial:05}"

    /// The template as written.
    public let text: String
    /// The text before `{serial}` and after it, with `{org_code}`/`{year}` still in them.
    private let head: String
    private let tail: String
    /// Zero-padded width of the serial (0: no padding).
    private let width: Int

    /// Parses a template; the error names what is wrong.
    public init(_ text: String) throws {
        self.text = text
        var head = "", tail = "", width = 0, seenSerial = false
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let literal = rest[..<open]
            if seenSerial { tail += literal } else { head += literal }
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw PubsyncError(.config, "'\(text)' has a '{' without its '}'")
            }
            let name = rest[rest.index(after: open)..<close]
            switch name {
            case "org_code", "year":
                if seenSerial { tail += "{\(name)}" } else { head += "{\(name)}" }
            case _ where name == "serial" || name.hasPrefix("serial:"):
                guard !seenSerial else { throw PubsyncError(.config, "'\(text)' names {serial} twice") }
                seenSerial = true
                if name != "serial" {
                    let spec = name.dropFirst("serial:".count)
                    guard spec.hasPrefix("0"), let digits = Int(spec), (1...12).contains(digits) else {
                        throw PubsyncError(.config, "'\(text)': write {serial} or {serial:0N} with N from 1 to 12, not {\(name)}")
                    }
                    width = digits
                }
            default:
                throw PubsyncError(.config, "'\(text)' names {\(name)}: use {org_code}, {year} and {serial}")
            }
            rest = rest[rest.index(after: close)...]
        }
        if seenSerial { tail += rest } else { head += rest }
        guard seenSerial else { throw PubsyncError(.config, "'\(text)' has no {serial}") }
        self.head = head
        self.tail = tail
        self.width = width
    }

    /// The text before the serial, for an office and a year.
    public func prefix(orgCode: String, year: Int) -> String { Self.fill(head, orgCode: orgCode, year: year) }

    /// The text after the serial, for an office and a year.
    public func suffix(orgCode: String, year: Int) -> String { Self.fill(tail, orgCode: orgCode, year: year) }

    /// The 索引号 with serial `serial`.
    public func number(orgCode: String, year: Int, serial: Int) -> String {
        var digits = String(serial)
        if digits.count < width { digits = String(repeating: "0", count: width - digits.count) + digits }
        return prefix(orgCode: orgCode, year: year) + digits + suffix(orgCode: orgCode, year: year)
    }

    /// The serial of `number` when it has this prefix and suffix and digits between them.
    public static func serial(of number: String, prefix: String, suffix: String) -> Int? {
        guard number.hasPrefix(prefix), number.hasSuffix(suffix), number.utf8.count > prefix.utf8.count + suffix.utf8.count else { return nil }
        let digits = number.utf8.dropFirst(prefix.utf8.count).dropLast(suffix.utf8.count)
        guard digits.count <= 18, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    private static func fill(_ part: String, orgCode: String, year: Int) -> String {
        part.replacingOccurrences(of: "{org_code}", with: orgCode).replacingOccurrences(of: "{year}", with: String(year))
    }
}

/// How an import numbers items that come without a 索引号: the template and the office's code.
public struct IndexNumbering: Sendable, Hashable {
    /// The template.
    public var template: IndexNumberTemplate
    /// `[disclosure] org_code`.
    public var orgCode: String

    /// Creates a numbering.
    public init(template: IndexNumberTemplate, orgCode: String) {
        self.template = template
        self.orgCode = orgCode
    }
}
