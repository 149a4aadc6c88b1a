import Crypto
import Foundation

/// The official annual report of one year in the 2021 national format: six sections, section
/// 二's 规章/行政规范性文件 figures from the store, the rest from the office's figures file, and
/// section 一's per-channel counts from the ledger (part one's report).
public struct AnnualReport: Sendable {
    /// The year reported on.
    public var year: Int
    /// The office's full name (`[disclosure] office`).
    public var office: String
    /// Part one's per-channel counts of the year, as of `asOf`.
    public var channels: DisclosureReport
    /// Section 二 第（一）项 by genre (`规章`, `行政规范性文件`), counted from the store.
    public var documents: [String: DocumentCounts]
    /// The office's figures and prose.
    public var figures: AnnualFigures
    /// The year's filing and what changed since, once the report was filed.
    public var filing: FilingNote?

    /// Creates a report from its parts.
    public init(year: Int, office: String, channels: DisclosureReport, documents: [String: DocumentCounts],
                figures: AnnualFigures, filing: FilingNote? = nil) {
        self.year = year
        self.office = office
        self.channels = channels
        self.documents = documents
        self.figures = figures
        self.filing = filing
    }

    /// The moment the channel counts are as of.
    public var asOf: Date { channels.asOf }
    /// The zone times are printed in.
    public var timeZone: TimeZone { channels.timeZone }

    /// The report's title, e.g. 淄博市交通运输局2014年政府信息公开工作年度报告.
    public var title: String { "\(office)\(year)年政府信息公开工作年度报告" }

    /// 第二十条第（一）项 counts of `genre` (zeros when none).
    public func documentCounts(_ genre: String) -> DocumentCounts { documents[genre] ?? DocumentCounts() }

    /// Every figure with a stable key: part one's, then sections 二, 三 and 四.
    public var figureList: [ReportFigure] {
        var list = channels.figures
        for genre in OfficialFormat.documentGenres {
            let counts = documentCounts(genre)
            for (index, value) in [counts.issued, counts.repealed, counts.inForce].enumerated() {
                let key = ["issued", "repealed", "in_force"][index]
                list.append(ReportFigure(key: "section2.\(genre).\(key)", label: "\(genre) \(OfficialFormat.documentColumns[index])", value: Double(value)))
            }
        }
        for row in OfficialFormat.proactiveRows {
            list.append(ReportFigure(key: "section2.\(row.key)", label: "\(row.key) \(row.column)", value: figures.proactive[row.key] ?? 0))
        }
        for key in OfficialFormat.applicationKeys {
            for (index, column) in OfficialFormat.applicantColumns.enumerated() {
                list.append(ReportFigure(key: "section3.\(key).\(column)", label: "\(OfficialFormat.applicationLabel(key)) \(column)",
                                         value: Double(figures.application(key)[index])))
            }
        }
        for (key, _) in OfficialFormat.reviewRows {
            for (index, column) in OfficialFormat.reviewColumns.enumerated() {
                list.append(ReportFigure(key: "section4.\(key).\(column)", label: "\(key) \(column)", value: Double(figures.review(key)[index])))
            }
        }
        return list
    }

    /// A figure as printed: whole numbers without a fraction, amounts as given (e.g. 12.5).
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// SHA-256 (hex) of a rendering, as a filing records it.
    public static func sha256(_ rendering: String) -> String {
        Hex.string(SHA256.hash(data: Data(rendering.utf8)))
    }
}
