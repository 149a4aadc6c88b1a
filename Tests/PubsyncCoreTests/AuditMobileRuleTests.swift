import Foundation
import Testing
@testable import PubsyncCore

@Suite("cn-mobile rule")
struct AuditMobileRuleTests {
    let rule = CNMobileRule()

    /// Texts with exactly one mobile number, and where the national number starts.
    static let positives: [(String, String)] = [
        ("联系电话13800138000。", "13800138000"),
        ("联系电话+86 138 0013 8000。", "138 0013 8000"),
        ("联系电话138-0013-8000。", "138-0013-8000"),
        ("联系电话138 0013 8000。", "138 0013 8000"),
        ("联系电话+8613800138000。", "13800138000"),
        ("联系电话8613800138000。", "13800138000"),
        ("联系电话86-13800138000。", "13800138000"),
        ("联系电话+86-138-0013-8000。", "138-0013-8000"),
        ("联系电话0086 13912345678。", "13912345678"),
        ("手机：１３８００１３８０００", "１３８００１３８０００"),
        ("手机：＋８６ １３８ ００１３ ８０００", "１３８ ００１３ ８０００"),
        ("手机：139 12345678", "139 12345678"),
        ("手机：19912345678", "19912345678"),
        ("手机：16612345678，座机：0533-2317890", "16612345678"),
        ("14712345678 是第一行", "14712345678"),
        ("最后是15012345678", "15012345678"),
        ("tel:17012345678;", "17012345678"),
        ("第一行\n18612345678\n第三行", "18612345678"),
        ("编号2014 13800138000", "13800138000"),
    ]

    @Test("flags a mobile number", arguments: positives)
    func flagsMobile(text: String, number: String) {
        let findings = rule.scan(text)
        #expect(findings.count == 1)
        #expect(findings.first?.rule == "cn-mobile")
        #expect(findings.first?.utf8Offset == utf8Offset(of: number, in: text))
        #expect(findings.first?.excerpt.contains(number) == false)
    }

    /// Texts that contain no mobile number.
    static let negatives: [String] = [
        "交通运输服务监督电话12328",
        "市民热线12345",
        "办公电话0533-2317890",
        "客服电话10086，传真010-12345678",
        "不是手机：12800138000",
        "不是手机：11012345678",
        "不是手机：10012345678",
        "12位数字：138001380001",
        "12位数字：913800138000",
        "19位数字：1380013800013800138",
        "金额13800000000.50元",
        "编号2014-13800138000-01",
        "分组不对：138-0013-800",
        "分组不对：1380-0138-000",
        "400电话：400-138-1234",
        "发布日期20141231，成文日期2014年12月31日",
        "金额1234567.89 元，索引号004188191/2014-00012，淄交发〔2014〕12号",
        "身份证号\(TestID.make(birth: "19900307", sequence: "138"))",
        GovernmentText.all,
    ]

    @Test("ignores numbers that are not mobiles", arguments: negatives)
    func ignoresOtherNumbers(text: String) {
        #expect(rule.scan(text).isEmpty)
    }

    @Test("masks the number, keeping the prefix as context")
    func masksExcerpt() {
        let finding = try! #require(rule.scan("联系电话+86 138 0013 8000，欢迎来电。").first)
        #expect(finding.excerpt == "联系电话+86 138 **** **00，欢迎来电。")
    }

    @Test("masks a hyphenated number")
    func masksHyphenated() {
        let finding = try! #require(rule.scan("电话138-0013-8000").first)
        #expect(finding.excerpt == "电话138-****-**00")
    }

    @Test("masks full-width digits")
    func masksFullWidth() {
        let finding = try! #require(rule.scan("手机：１３８００１３８０００").first)
        #expect(finding.excerpt == "手机：１３８******００")
    }

    @Test("never shows a neighbouring number whole in the context")
    func masksNeighbours() {
        let findings = rule.scan("张三13800138000、李四13912345678")
        #expect(findings.count == 2)
        #expect(findings[0].excerpt == "张三138******00、李四139******")
        #expect(findings[1].excerpt == "8******00、李四139******78")
        #expect(!findings.contains { $0.excerpt.contains("13912345678") || $0.excerpt.contains("13800138000") })
    }
}
