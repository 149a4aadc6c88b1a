import Foundation
import Testing
@testable import PubsyncCore

/// Byte offset of the first occurrence of `part` in `text`.
func utf8Offset(of part: String, in text: String) -> Int {
    let range = text.range(of: part)!
    return text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
}

@Suite("cn-id-number rule")
struct AuditIDNumberRuleTests {
    let rule = CNIDNumberRule()

    static let id = TestID.make(birth: "19900307", sequence: "123")
    static let idX = TestID.endingInX()
    static let idLowerX = TestID.endingInX(region: "310104", birth: "19851122").lowercased()
    static let leapDay = TestID.make(region: "370303", birth: "20000229", sequence: "018")
    static let firstYear = TestID.make(region: "440106", birth: "19000101", sequence: "007")
    static let lastYear = TestID.make(region: "510107", birth: "20991231", sequence: "552")

    /// Texts with exactly one ID number, and the number as it appears.
    static let positives: [(String, String)] = [
        ("申请人身份证号：\(id)。", id),
        ("身份证号码\(idX)，住址不详", idX),
        ("身份证号码\(idLowerX)，住址不详", idLowerX),
        ("证件号：\(TestID.fullWidth(id))", TestID.fullWidth(id)),
        ("证件号：\(TestID.fullWidth(idX))", TestID.fullWidth(idX)),
        ("\(id) 是第一行", id),
        ("最后一行是\(id)", id),
        ("（\(idX)）", idX),
        ("出生于闰日：\(leapDay)", leapDay),
        ("出生于1900年：\(firstYear)", firstYear),
        ("出生于2099年：\(lastYear)", lastYear),
        ("旧证号110101900307123已作废", "110101900307123"),
        ("旧证号\(TestID.fullWidth("370303960229018"))作废", TestID.fullWidth("370303960229018")),
        ("https://example.gov.cn/query?id=\(id)&page=2", id),
        ("| 张三 | 男 | \(id) |", id),
        ("第一行\n\(idX)\n第三行", idX),
        ("混排：" + String(id.prefix(9)) + TestID.fullWidth(String(id.dropFirst(9))), String(id.prefix(9))),
    ]

    @Test("flags a valid ID number", arguments: positives)
    func flagsValidNumber(text: String, number: String) {
        let findings = rule.scan(text)
        #expect(findings.count >= 1)
        #expect(findings.first?.rule == "cn-id-number")
        #expect(findings.first?.utf8Offset == utf8Offset(of: number, in: text))
        for finding in findings {
            #expect(!finding.excerpt.contains(number))
            #expect(!finding.excerpt.contains(Self.id))
        }
    }

    /// Texts that contain no valid ID number.
    static let negatives: [String] = [
        "身份证号：\(TestID.wrongCheck(id))",
        "身份证号：\(TestID.wrongCheck(idX))",
        "生日不存在：\(TestID.make(birth: "19990230", sequence: "123"))",
        "月份不存在：\(TestID.make(birth: "19991301", sequence: "123"))",
        "1900年不是闰年：\(TestID.make(birth: "19000229", sequence: "123"))",
        "太早：\(TestID.make(birth: "18991231", sequence: "123"))",
        "太晚：\(TestID.make(birth: "21000101", sequence: "123"))",
        "19位数字：\(id)5",
        "19位数字：9\(id)",
        "账号\(id)\(id)",
        "18位后跟X：\(id)X",
        "X 后还有字母：\(idX)yz",
        "项目编号370300201412",
        "十七位12345678901234567号",
        "旧证号日期不存在110101990230123",
        "旧证号省份不存在990101900307123",
        "发布日期20141231，成文日期2014年12月31日",
        "淄交发〔2014〕12号，索引号004188191/2014-00012",
        "服务热线12328，办公电话0533-2317890",
        "金额1234567.89 元",
        "12370300MB2853164W",
        GovernmentText.all,
    ]

    @Test("ignores text without a valid ID number", arguments: negatives)
    func ignoresOtherNumbers(text: String) {
        #expect(rule.scan(text).isEmpty)
    }

    @Test("masks the number in the excerpt, keeping 3 leading and 2 trailing characters")
    func masksExcerpt() {
        let text = "申请人身份证号码为\(Self.id)，联系地址不详。"
        let finding = try! #require(rule.scan(text).first)
        let masked = String(Self.id.prefix(3)) + String(repeating: "*", count: 13) + String(Self.id.suffix(2))
        #expect(finding.excerpt == "申请人身份证号码为\(masked)，联系地址不详。")
    }

    @Test("keeps the check letter X as one of the last two visible characters")
    func masksX() {
        let finding = try! #require(rule.scan("号码：\(Self.idX)").first)
        #expect(finding.excerpt.hasSuffix(String(Self.idX.suffix(2))))
        #expect(finding.excerpt.hasSuffix("X"))
        #expect(finding.excerpt.filter { $0 == "*" }.count == 13)
    }

    @Test("masks full-width digits too")
    func masksFullWidth() {
        let full = TestID.fullWidth(Self.id)
        let finding = try! #require(rule.scan("号码：\(full)").first)
        #expect(finding.excerpt == "号码：" + String(full.prefix(3)) + String(repeating: "*", count: 13) + String(full.suffix(2)))
    }

    @Test("keeps at most 12 characters of context, on one line")
    func contextIsShortAndOneLine() {
        let text = "第一行\n一二三四五六七八九十甲乙丙丁\(Self.id)子丑寅卯辰巳午未申酉戌亥天地\n下一行"
        let finding = try! #require(rule.scan(text).first)
        #expect(!finding.excerpt.contains("\n"))
        #expect(finding.excerpt.hasPrefix("三四五六七八九十甲乙丙丁110"))
        #expect(finding.excerpt.hasSuffix("子丑寅卯辰巳午未申酉戌亥"))
    }

    @Test("finds every number and reports their byte offsets")
    func findsAll() {
        let second = TestID.make(region: "120102", birth: "19780615", sequence: "456")
        let text = "甲：\(Self.id)；乙：\(second)。"
        let findings = rule.scan(text)
        #expect(findings.map(\.utf8Offset) == [utf8Offset(of: Self.id, in: text), utf8Offset(of: second, in: text)])
    }
}
