import Foundation

/// A filed (报送) annual report: who filed it when, the SHA-256 of the rendering filed, and
/// every figure as filed, so later runs can say what has changed since.
public struct ReportFiling: Sendable, Hashable {
    /// The report's year.
    public var year: Int
    /// When it was filed.
    public var at: Date
    /// Who filed it.
    public var by: String
    /// SHA-256 (hex) of the rendered report that was filed.
    public var sha256: String
    /// The format of that rendering (`html`, `md` or `json`).
    public var format: String
    /// Every figure as filed, by `ReportFigure.key`.
    public var figures: [String: Double]

    /// Creates a filing record.
    public init(year: Int, at: Date, by: String, sha256: String, format: String, figures: [String: Double]) {
        self.year = year
        self.at = at
        self.by = by
        self.sha256 = sha256
        self.format = format
        self.figures = figures
    }

    /// The item id the filing is recorded under in the audit trail (and `--publish` imports).
    public static func itemID(year: Int) -> String { "annual-report-\(year)" }
}

/// One figure of a report: a stable key, its label for readers, and its value.
public struct ReportFigure: Sendable, Hashable {
    /// Stable key, e.g. `channels.site.published`, `section3.一.自然人`.
    public var key: String
    /// What a reader calls it, e.g. 淄博市交通运输局网站 主动公开.
    public var label: String
    /// The value.
    public var value: Double
}

/// A figure that differs from what was filed.
public struct FigureChange: Sendable, Hashable {
    /// The figure's key.
    public var key: String
    /// Its label for readers.
    public var label: String
    /// The value filed (nil: the figure did not exist then).
    public var filed: Double?
    /// The value now (nil: the figure no longer exists).
    public var now: Double?

    /// The changes between the filed figures and `current`, in the order of `current`.
    public static func between(filed: [String: Double], current: [ReportFigure]) -> [FigureChange] {
        var changes: [FigureChange] = []
        for figure in current where filed[figure.key] != figure.value {
            changes.append(FigureChange(key: figure.key, label: figure.label, filed: filed[figure.key], now: figure.value))
        }
        let currentKeys = Set(current.map(\.key))
        for key in filed.keys.sorted() where !currentKeys.contains(key) {
            changes.append(FigureChange(key: key, label: key, filed: filed[key], now: nil))
        }
        return changes
    }
}

/// What a report of a filed year says about the filing.
public struct FilingNote: Sendable, Hashable {
    /// The filing.
    public var filing: ReportFiling
    /// Each figure that has changed since (figures now against figures filed).
    public var changes: [FigureChange]

    /// The sentence a report prints, e.g. 本报告已于2015年1月30日报送。
    public func sentence(in zone: TimeZone) -> String {
        "本报告已于\(ReportTime.day(filing.at, in: zone))报送。"
    }

    /// One line per change, e.g. 淄博市交通运输局网站 已撤回：报送时 0，现为 1.
    public var changeLines: [String] {
        changes.map { "\($0.label)：报送时 \($0.filed.map(AnnualReport.number) ?? "无")，现为 \($0.now.map(AnnualReport.number) ?? "无")" }
    }
}
