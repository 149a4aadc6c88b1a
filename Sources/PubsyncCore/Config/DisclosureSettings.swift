import Foundation

/// The `[disclosure]` section: who the office is and how its 索引号 are made.
public struct DisclosureSettings: Sendable, Hashable {
    /// 组织机构代码, for generated 索引号; nil: none are generated.
    public var orgCode: String?
    /// The office's full name (report headings, the annual-report item's unit).
    public var office: String?
    /// The template generated 索引号 follow.
    public var indexNumber: IndexNumberTemplate
    /// The item id of the 政府信息公开指南.
    public var guide: String?
    /// The column holding the 政府信息公开制度.
    public var rulesColumn: String?
    /// The column holding the annual reports (the site's 年度报告 entry, `report --publish`).
    public var reportsColumn: String?

    /// Settings when `[disclosure]` is absent.
    public init(orgCode: String? = nil, office: String? = nil, indexNumber: IndexNumberTemplate? = nil,
                guide: String? = nil, rulesColumn: String? = nil, reportsColumn: String? = nil) {
        self.orgCode = orgCode
        self.office = office
        self.indexNumber = indexNumber ?? (try! IndexNumberTemplate(IndexNumberTemplate.defaultText))
        self.guide = guide
        self.rulesColumn = rulesColumn
        self.reportsColumn = reportsColumn
    }

    /// How imports number items without a 索引号; nil without `org_code`.
    public var numbering: IndexNumbering? {
        orgCode.map { IndexNumbering(template: indexNumber, orgCode: $0) }
    }

    static let keys: Set<String> = ["org_code", "office", "index_number", "guide", "rules_column", "reports_column"]

    /// Reads the section; every error names the key.
    static func load(_ value: ConfigValue?, fail: (String, String) -> PubsyncError) throws -> DisclosureSettings {
        guard let value else { return DisclosureSettings() }
        guard case .table(let table) = value else { throw fail("disclosure", "must be a table ([disclosure])") }
        if let unknown = table.keys.filter({ !keys.contains($0) }).sorted().first {
            throw fail("disclosure.\(unknown)", "is not a known setting (known: \(keys.sorted().joined(separator: ", ")))")
        }
        func string(_ key: String) throws -> String? {
            guard let entry = table[key] else { return nil }
            guard case .string(let text) = entry, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw fail("disclosure.\(key)", "must be a non-empty string")
            }
            return text.trimmingCharacters(in: .whitespaces)
        }
        var template: IndexNumberTemplate?
        if let text = try string("index_number") {
            do { template = try IndexNumberTemplate(text) } catch let error as PubsyncError {
                throw fail("disclosure.index_number", error.message)
            }
        }
        if let guide = try string("guide"), !ItemID.isValid(guide) {
            throw fail("disclosure.guide", "'\(guide)' is not an item id")
        }
        return DisclosureSettings(orgCode: try string("org_code"), office: try string("office"), indexNumber: template,
                                  guide: try string("guide"), rulesColumn: try string("rules_column"),
                                  reportsColumn: try string("reports_column"))
    }
}

/// The office's column order (the site channel's `column_order`): listed categories first, in
/// that order, the rest after them in character order. Navigation, home page, catalogue and
/// reports all order columns with it.
public struct ColumnOrder: Sendable, Hashable {
    /// The configured list.
    public var listed: [String]

    /// Creates an order from the configured list.
    public init(_ listed: [String] = []) {
        self.listed = listed
    }

    /// `categories` (duplicates dropped) in the office's order.
    public func sorted<S: Sequence>(_ categories: S) -> [String] where S.Element == String {
        let rank = Dictionary(listed.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        return Set(categories).sorted { a, b in
            switch (rank[a], rank[b]) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return a < b
            }
        }
    }
}
