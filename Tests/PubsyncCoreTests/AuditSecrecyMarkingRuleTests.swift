import Foundation
import Testing
@testable import PubsyncCore

@Suite("secrecy-marking rule")
struct AuditSecrecyMarkingRuleTests {
    let rule = SecrecyMarkingRule()

    /// Texts with exactly one marking, and the marking as it appears.
    static let positives: [(String, String)] = [
        ("机密★5年\n关于调整线路的请示", "机密"),
        ("本文件标注秘密★一年，请妥善保管", "秘密"),
        ("正文前注明秘密★", "秘密"),
        ("【机密】关于调整线路的请示", "机密"),
        ("[秘密] 会议纪要", "秘密"),
        ("〔绝密〕", "绝密"),
        ("［机密］附件", "机密"),
        ("绝 密\n正文", "绝 密"),
        ("绝　密★长期", "绝　密"),
        ("标题\n机密\n正文", "机密"),
        ("正文\n秘密", "秘密"),
        ("  秘密 ★10年", "秘密"),
        ("# 绝密", "绝密"),
        ("**机密**\n正文", "机密"),
        ("密级：秘密", "秘密"),
        ("密级: 机密 保密期限：十年", "机密"),
        ("本材料为内部资料，请勿外传", "内部资料"),
        ("内部文件，注意保管", "内部文件"),
        ("经审查，此件不宜公开。", "不宜公开"),
    ]

    @Test("flags a classification mark or internal label", arguments: positives)
    func flagsMarking(text: String, term: String) {
        let findings = rule.scan(text)
        #expect(findings.count == 1)
        #expect(findings.first?.rule == "secrecy-marking")
        #expect(findings.first?.utf8Offset == utf8Offset(of: term, in: text))
        #expect(findings.first?.excerpt.contains(term) == true)
    }

    /// Texts where the words are ordinary language, not marks.
    static let negatives: [String] = [
        "根据《中华人民共和国保守国家秘密法》有关规定",
        "保守国家秘密法第九条",
        "严格执行保密审查制度",
        "涉及商业秘密的信息不予公开",
        "不得泄露国家秘密和工作秘密",
        "涉及国家秘密 事项须报批",
        "确保数据的机密性和完整性",
        "【机密性要求】",
        "【商业秘密】",
        "秘密通信自由受法律保护",
        "机密文件管理须严格",
        "绝对保密，严防失密",
        "内部控制制度和内部审计",
        "依法不予公开的政府信息",
        "涉密人员和密级管理",
        "公开为常态、不公开为例外",
        GovernmentText.all,
    ]

    @Test("ignores the words in running text", arguments: negatives)
    func ignoresOrdinaryPhrases(text: String) {
        #expect(rule.scan(text).isEmpty)
    }

    @Test("keeps the term visible in the excerpt, with context")
    func excerptShowsTerm() {
        let finding = try! #require(rule.scan("关于线路调整的请示（机密★5年）").first)
        #expect(finding.excerpt == "关于线路调整的请示（机密★5年）")
    }

    @Test("finds every marking in a document")
    func findsAll() {
        let text = "机密★1年\n本文为内部资料。\n经审查不宜公开。"
        #expect(rule.scan(text).map(\.excerpt).count == 3)
    }
}
