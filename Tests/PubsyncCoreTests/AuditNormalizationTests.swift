import Foundation
import Testing
@testable import PubsyncCore

/// Issue 13 item 10: evasions that look the same on a page are found; decoys stay unflagged.
@Suite("audit text normalisation (evasion and decoys)")
struct AuditNormalizationTests {
    static let rules = AuditRuleSet(rules: [CNIDNumberRule(), CNMobileRule(), SecrecyMarkingRule()])

    @Test("evasions are found", arguments: [
        ("身份证号370303 19800101 1234。", "cn-id-number"),
        ("身份证号370303-19800101-1234。", "cn-id-number"),
        ("身份证号3703 0319 8001 0112 34。", "cn-id-number"),
        ("身份证号370303\u{200B}19800101\u{200B}1234。", "cn-id-number"),
        ("身份证号3703031980**0101**1234。", "cn-id-number"),
        ("身份证号370303**19800101**1234。", "cn-id-number"),
        ("证号11010519491231002\u{200C}X。", "cn-id-number"),
        ("证号&#51;70303198001011234。", "cn-id-number"),
        ("手机138\u{200B}0013\u{200B}8000。", "cn-mobile"),
        ("手机1380013\u{2060}8000。", "cn-mobile"),
        ("手机138**0013**8000。", "cn-mobile"),
        ("手机&#49;&#51;&#56;00138000。", "cn-mobile"),
        ("【机\u{200B}密】会议纪要", "secrecy-marking"),
        ("这是内\u{200B}部资料", "secrecy-marking"),
        ("【机&#23494;】会议纪要", "secrecy-marking"),
        ("【机&#x5BC6;】会议纪要", "secrecy-marking"),
        ("【机**密**】会议纪要", "secrecy-marking"),
        ("秘\u{FEFF}密★1年", "secrecy-marking"),
        ("不宜\u{00AD}公开", "secrecy-marking"),
    ])
    func evasion(_ text: String, _ rule: String) {
        let findings = Self.rules.scan(text)
        #expect(findings.map(\.rule) == [rule], "\(text.unicodeScalars.map { $0.escaped(asASCII: true) }.joined())")
        for finding in findings where rule != "secrecy-marking" {
            #expect(!finding.excerpt.contains("19800101") && !finding.excerpt.contains("0013"), "\(finding.excerpt)")
        }
    }

    @Test("decoys stay unflagged", arguments: [
        "服务监督电话12328，全天受理。",
        "咨询电话0533-12328，传真0533-2181234。",
        "2014-06-18发布，2014年6月18日起施行。",
        "淄交发〔2014〕12号；索引号004188191/2014-00012。",
        "年度：2010 2011 2012 2013 2014 2015",
        "第 1 2 3 4 5 6 7 8 9 项",
        "金额 1,380,013.80 元；13800138000.00 元",
        "编号2014-13800138000-1",
        "A&B 公司 &amp; 合作社，&lt;通知&gt;，&#12328",
        "保守国家秘密法；商业秘密；机密性",
        "统计 370303 2014 0101 1234 5678 辆次",
        "车牌鲁C 12345，路线 **12** 路",
        "ＡＢＣ公司 ２０１４年",
    ])
    func decoy(_ text: String) {
        #expect(Self.rules.scan(text).isEmpty, "\(text)")
    }

    @Test("normalising drops invisible characters, decodes references and folds full-width letters")
    func normalised() {
        #expect(AuditNormalizer.normalized("普通文本，没有变化。“引号”……") == nil)
        #expect(AuditNormalizer.normalized("机\u{200B}密") == "机密")
        #expect(AuditNormalizer.normalized("&#23494;&#x5bc6;&amp;") == "密密&")
        #expect(AuditNormalizer.normalized("ＳＥＣＲＥＴ！") == "SECRET!")
        #expect(AuditNormalizer.normalized("&#0; &#xD800; &bogus;") == nil)
    }

    @Test("the words rule reads full-width letters as ASCII")
    func wordsFullWidth() {
        let rules = AuditRuleSet(rules: [WordListRule(terms: ["vpn"])])
        #expect(rules.scan("使用ＶＰＮ软件").count == 1)
    }
}
