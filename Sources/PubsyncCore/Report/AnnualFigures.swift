import Foundation

/// The office's own figures for the official annual report: what pubsync's store cannot know
/// (section 二 other than 规章/行政规范性文件, sections 三 and 四, and the prose of 一, 五 and 六).
public struct AnnualFigures: Sendable, Hashable {
    /// Section 二 rows by their official label (`行政许可`, `行政处罚`, `行政强制`: counts; `行政事业性收费`: 万元).
    public var proactive: [String: Double]
    /// Section 三: every numbered row key (see `OfficialFormat.applicationKeys`) → 7 numbers.
    public var applications: [String: [Int]]
    /// Section 四: `行政复议`, `未经复议直接起诉`, `复议后起诉` → 5 numbers.
    public var reviews: [String: [Int]]
    /// 一: the office's prose before the generated figures.
    public var overview: String
    /// 五: 存在的主要问题及改进情况.
    public var problems: String
    /// 六: 其他需要报告的事项.
    public var other: String
    /// The file the figures were read from; nil when there was none (all zero).
    public var source: URL?

    /// All zero, no text: what a year without a figures file reports.
    public init(source: URL? = nil) {
        proactive = Dictionary(uniqueKeysWithValues: OfficialFormat.proactiveRows.map { ($0.key, 0) })
        applications = Dictionary(uniqueKeysWithValues: OfficialFormat.applicationKeys.map { ($0, Array(repeating: 0, count: 7)) })
        reviews = Dictionary(uniqueKeysWithValues: OfficialFormat.reviewRows.map { ($0.key, Array(repeating: 0, count: 5)) })
        overview = ""
        problems = ""
        other = ""
        self.source = source
    }

    /// Whether every figure of sections 三 and 四 is zero (the report then says so in one sentence).
    public var nothingReceived: Bool {
        applications.values.allSatisfy { $0.allSatisfy { $0 == 0 } } && reviews.values.allSatisfy { $0.allSatisfy { $0 == 0 } }
    }

    /// The section-三 row `key` (zeros when absent).
    public func application(_ key: String) -> [Int] {
        applications[key] ?? Array(repeating: 0, count: OfficialFormat.applicantColumns.count)
    }

    /// The section-四 group `key` (zeros when absent).
    public func review(_ key: String) -> [Int] {
        reviews[key] ?? Array(repeating: 0, count: OfficialFormat.reviewColumns.count)
    }

    /// Every arithmetic rule of the format that these figures break, each naming the row, the
    /// column and both numbers. Empty when the figures are consistent. Rules that involve a row of
    /// `skipping` (one whose numbers could not be read) are not checked.
    public func arithmeticProblems(skipping: Set<String> = []) -> [String] {
        var problems: [String] = []
        let columns = OfficialFormat.applicantColumns
        let totalColumn = columns.count - 1
        for key in OfficialFormat.applicationKeys where !skipping.contains(key) {
            let row = application(key)
            let sum = row[0..<totalColumn].reduce(0, +)
            if row[totalColumn] != sum {
                problems.append("[applications] row \(key) \(OfficialFormat.applicationLabel(key)), column 总计: "
                    + "\(row[totalColumn]) given, but the six applicant columns sum to \(sum)")
            }
        }
        let leavesKnown = skipping.isDisjoint(with: OfficialFormat.applicationLeafKeys + ["三.七"])
        let balanceKnown = skipping.isDisjoint(with: ["一", "二", "三.七", "四"])
        for (index, column) in columns.enumerated() {
            let leaves = OfficialFormat.applicationLeafKeys.reduce(0) { $0 + application($1)[index] }
            let total = application("三.七")[index]
            if leavesKnown, total != leaves {
                problems.append("[applications] row 三.七 （七）总计, column \(column): \(total) given, "
                    + "but the rows of 三 (三.一 … 三.六.3) sum to \(leaves)")
            }
            let received = application("一")[index] + application("二")[index]
            let settled = total + application("四")[index]
            if balanceKnown, received != settled {
                problems.append("[applications] column \(column): rows 一 + 二 = \(received), "
                    + "but rows 三.七 + 四 = \(settled) (一 + 二 must equal （七）总计 + 四)")
            }
        }
        for (key, _) in OfficialFormat.reviewRows where !skipping.contains(key) {
            let row = review(key)
            let sum = row[0..<4].reduce(0, +)
            if row[4] != sum {
                problems.append("[reviews] row \(key), column 总计: \(row[4]) given, "
                    + "but 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = \(sum)")
            }
        }
        return problems
    }
}
