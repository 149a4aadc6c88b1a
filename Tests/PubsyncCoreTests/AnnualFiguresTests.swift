import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

/// A consistent figures file: applications in several rows, one review.
enum SampleFigures {
    static let text = """
        [proactive]
        "行政许可" = 120
        "行政处罚" = 35
        "行政强制" = 0
        "行政事业性收费" = 12.5
        [applications]
        "一" = [3, 1, 0, 0, 1, 0, 5]
        "二" = [1, 0, 0, 0, 0, 0, 1]
        "三.一" = [2, 0, 0, 0, 0, 0, 2]
        "三.二" = [0, 1, 0, 0, 0, 0, 1]
        "三.三.4" = [1, 0, 0, 0, 0, 0, 1]
        "三.四.1" = [0, 0, 0, 0, 1, 0, 1]
        "三.七" = [3, 1, 0, 0, 1, 0, 5]
        "四" = [1, 0, 0, 0, 0, 0, 1]
        [reviews]
        "行政复议" = [1, 0, 0, 0, 1]
        "未经复议直接起诉" = [0, 0, 0, 1, 1]
        [text]
        overview = "本局坚持以公开为常态、不公开为例外。"
        problems = "信息公开的及时性仍需提高。"
        other = "本年度未收取信息处理费。"
        """

    static func parse(_ text: String) throws -> AnnualFigures {
        try AnnualFigures.parse(text, file: URL(fileURLWithPath: "/tmp/reports/2014.toml"))
    }

    /// The message of the error `text` raises.
    static func problems(_ text: String) -> String {
        do {
            _ = try parse(text)
            return ""
        } catch let error as PubsyncError {
            #expect(error.exitCode == 2)
            return error.message
        } catch {
            return "\(error)"
        }
    }
}

@Suite("Annual report figures file")
struct AnnualFiguresTests {
    @Test("a consistent file reads into every section, with rows left out as zero")
    func readsConsistentFile() throws {
        let figures = try SampleFigures.parse(SampleFigures.text)
        #expect(figures.proactive["行政许可"] == 120 && figures.proactive["行政事业性收费"] == 12.5)
        #expect(figures.application("一") == [3, 1, 0, 0, 1, 0, 5])
        #expect(figures.application("三.六.3") == [0, 0, 0, 0, 0, 0, 0])
        #expect(figures.review("复议后起诉") == [0, 0, 0, 0, 0])
        #expect(figures.overview.hasPrefix("本局") && figures.other == "本年度未收取信息处理费。")
        #expect(!figures.nothingReceived)
        #expect(OfficialFormat.applicationKeys.count == 25)
        #expect(OfficialFormat.applicationLeafKeys.count == 21)
    }

    @Test("dotted row keys (\"三\".\"七\") read as the same rows as quoted ones (\"三.七\")")
    func dottedKeys() throws {
        let figures = try SampleFigures.parse("""
            [applications]
            "一" = [1, 0, 0, 0, 0, 0, 1]
            "三"."三".1 = [1, 0, 0, 0, 0, 0, 1]
            "三"."七" = [1, 0, 0, 0, 0, 0, 1]
            """)
        #expect(figures.application("三.三.1") == [1, 0, 0, 0, 0, 0, 1])
    }

    @Test("a missing default file is all zeros; a named file that is missing is an error")
    func missingFile() throws {
        let directory = TemporaryDirectory()
        let figures = try AnnualFigures.load(directory.url.appendingPathComponent("reports/2014.toml"), required: false)
        #expect(figures.nothingReceived && figures.source == nil)
        #expect(figures.proactive.values.allSatisfy { $0 == 0 })
        #expect(throws: PubsyncError.self) { try AnnualFigures.load(directory.url.appendingPathComponent("nope.toml"), required: true) }
    }

    @Test("总计 must be the sum of the six applicant columns: names the row, the column and both numbers")
    func rowTotal() {
        let message = SampleFigures.problems(SampleFigures.text.replacingOccurrences(of: "\"一\" = [3, 1, 0, 0, 1, 0, 5]", with: "\"一\" = [3, 1, 0, 0, 1, 0, 6]"))
        #expect(message.contains("row 一 一、本年新收政府信息公开申请数量, column 总计: 6 given, but the six applicant columns sum to 5"))
        #expect(message.contains("/tmp/reports/2014.toml"))
    }

    @Test("（七）总计 must be the sum of the rows of 三, per column")
    func resultTotal() {
        let message = SampleFigures.problems(SampleFigures.text.replacingOccurrences(of: "\"三.四.1\" = [0, 0, 0, 0, 1, 0, 1]", with: "\"三.四.1\" = [0, 0, 0, 0, 0, 1, 1]"))
        #expect(message.contains("row 三.七 （七）总计, column 法律服务机构: 1 given, but the rows of 三 (三.一 … 三.六.3) sum to 0"))
        #expect(message.contains("row 三.七 （七）总计, column 其他: 0 given, but the rows of 三 (三.一 … 三.六.3) sum to 1"))
    }

    @Test("一 + 二 must equal （七）总计 + 四, per column")
    func balance() {
        let message = SampleFigures.problems(SampleFigures.text.replacingOccurrences(of: "\"二\" = [1, 0, 0, 0, 0, 0, 1]", with: "\"二\" = [2, 0, 0, 0, 0, 0, 2]"))
        #expect(message.contains("column 自然人: rows 一 + 二 = 5, but rows 三.七 + 四 = 4"))
        #expect(message.contains("column 总计: rows 一 + 二 = 7, but rows 三.七 + 四 = 6"))
        #expect(message.contains("2 problems"))
    }

    @Test("section 四: each 总计 must be the sum of its four results")
    func reviewTotal() {
        let message = SampleFigures.problems(SampleFigures.text.replacingOccurrences(of: "\"未经复议直接起诉\" = [0, 0, 0, 1, 1]", with: "\"未经复议直接起诉\" = [0, 2, 0, 1, 1]"))
        #expect(message.contains("[reviews] row 未经复议直接起诉, column 总计: 1 given, but 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 3"))
    }

    @Test("no negative numbers, in any section")
    func negatives() {
        let message = SampleFigures.problems("""
            [proactive]
            "行政处罚" = -2
            [applications]
            "三.五.2" = [0, -1, 0, 0, 0, 0, -1]
            [reviews]
            "复议后起诉" = [0, 0, -1, 0, -1]
            """)
        #expect(message.contains("[proactive] row 行政处罚, column 本年处理决定数量: -2 is negative"))
        #expect(message.contains("[applications] row 三.五.2 2.重复申请, column 商业企业: -1 is negative"))
        #expect(message.contains("[applications] row 三.五.2 2.重复申请, column 总计: -1 is negative"))
        #expect(message.contains("[reviews] row 复议后起诉, column 其他结果: -1 is negative"))
    }

    @Test("unknown rows, sections and keys are refused")
    func unknownKeys() {
        let message = SampleFigures.problems("""
            [applications]
            "三.三.9" = [0, 0, 0, 0, 0, 0, 0]
            "五" = [0, 0, 0, 0, 0, 0, 0]
            [proactive]
            "政府集中采购" = 3
            [reviews]
            "行政申诉" = [0, 0, 0, 0, 0]
            [text]
            summary = "x"
            [budget]
            total = 1
            """)
        #expect(message.contains("[applications] row 三.三.9 is not a row of the format"))
        #expect(message.contains("[applications] row 五 is not a row of the format"))
        #expect(message.contains("[proactive] row 政府集中采购 is not a row of section 二"))
        #expect(message.contains("[reviews] row 行政申诉 is not a row of the format"))
        #expect(message.contains("[text] key summary is not known"))
        #expect(message.contains("[budget] is not a section of the figures file"))
        #expect(message.contains("6 problems"))
    }

    @Test("rows of the wrong shape are named, and rules over them are not guessed")
    func shapes() {
        let message = SampleFigures.problems("""
            [applications]
            "一" = [1, 0, 0]
            "四" = [1.5, 0, 0, 0, 0, 0, 1]
            [proactive]
            "行政许可" = 1.5
            "行政事业性收费" = "12"
            """)
        #expect(message.contains("[applications] row 一 一、本年新收政府信息公开申请数量: must be an array of 7 whole numbers"))
        #expect(message.contains("[applications] row 四 四、结转下年度继续办理: must be an array of 7 whole numbers"))
        #expect(message.contains("[proactive] row 行政许可, column 本年处理决定数量: must be a whole number"))
        #expect(message.contains("[proactive] row 行政事业性收费, column 本年收费金额（单位：万元）: must be a number (万元)"))
        #expect(!message.contains("rows 一 + 二"))
        #expect(message.contains("4 problems"))
    }

    @Test("invalid TOML names the file and line")
    func invalidTOML() {
        let message = SampleFigures.problems("[applications]\n\"一\" = [1, 0,\n")
        #expect(message.contains("/tmp/reports/2014.toml:"))
        #expect(message.contains("invalid TOML"))
    }
}
