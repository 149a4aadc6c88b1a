import Foundation
import Testing
@testable import PubsyncCore

/// A words file in a fresh temp folder, removed when the test's value goes away.
final class WordsFile {
    let folder: URL
    let url: URL

    convenience init(_ contents: String) throws {
        try self.init(data: Data(contents.utf8))
    }

    init(data: Data) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("audit-words-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        url = folder.appendingPathComponent("audit-words.txt")
        try data.write(to: url)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

@Suite("words rule")
struct AuditWordsRuleTests {
    static let list = """
    # terms the office does not publish
    内部传阅

      Confidential  \r
    不得外传
    机密文件
    文件
    Draft v2
    #comment
    """

    /// Texts with the terms found, in order.
    static let positives: [(String, [String])] = [
        ("此稿仅供内部传阅", ["内部传阅"]),
        ("CONFIDENTIAL report", ["CONFIDENTIAL"]),
        ("a confidential report", ["confidential"]),
        ("a Confidential report", ["Confidential"]),
        ("内部传阅", ["内部传阅"]),
        ("不得外传。", ["不得外传"]),
        ("不得外传不得外传", ["不得外传", "不得外传"]),
        ("防止机密文件泄露", ["机密文件"]),
        ("印发文件", ["文件"]),
        ("机密文件和其他文件", ["机密文件", "文件"]),
        ("see draft V2 attached", ["draft V2"]),
        ("xconfidentialx", ["confidential"]),
        ("第一行\n内部传阅\n第三行", ["内部传阅"]),
        ("内部传阅，CONFIDENTIAL", ["内部传阅", "CONFIDENTIAL"]),
        ("Confidential：不得外传", ["Confidential", "不得外传"]),
    ]

    @Test("finds every term, ASCII case-insensitively", arguments: positives)
    func findsTerms(text: String, terms: [String]) throws {
        let file = try WordsFile(Self.list)
        let rule = try AuditRules.rule(named: "words", wordsFile: file.url)
        let findings = rule.scan(text)
        #expect(findings.map(\.rule) == Array(repeating: "words", count: terms.count))
        #expect(findings.count == terms.count)
        var searchFrom = text.startIndex
        for (finding, term) in zip(findings, terms) {
            let range = try #require(text.range(of: term, range: searchFrom..<text.endIndex))
            #expect(finding.utf8Offset == text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound))
            #expect(finding.excerpt.contains(term))
            searchFrom = range.upperBound
        }
    }

    /// Texts without any term.
    static let negatives: [String] = [
        "",
        "# terms the office does not publish",
        "#comment and comment",
        "内部传",
        "传阅内部",
        "confidentia",
        "Confid ential",
        "不得 外传",
        "外传不得",
        "文 件",
        "Draftv2",
        "draft v3",
        "机密",
        "内部资料",
        GovernmentText.all,
    ]

    @Test("ignores text without the terms", arguments: negatives)
    func ignoresOtherText(text: String) throws {
        let file = try WordsFile(Self.list)
        let rule = try AuditRules.rule(named: "words", wordsFile: file.url)
        #expect(rule.scan(text).isEmpty)
    }

    @Test("reads the terms: trimmed, without blank lines, comments or a BOM")
    func readsTerms() throws {
        let file = try WordsFile(data: Data([0xEF, 0xBB, 0xBF]) + Data("内部传阅\r\n# note\r\n\r\n Secret \r\n".utf8))
        let rule = try WordListRule(contentsOf: file.url)
        #expect(rule.terms == ["内部传阅", "Secret"])
        #expect(rule.scan("SECRET 内部传阅").map(\.utf8Offset) == [0, 7])
    }

    @Test("keeps the term visible but masks a phone number in its context")
    func masksNumbersInContext() throws {
        let rule = WordListRule(terms: ["内部传阅"])
        let excerpts = rule.scan("内部传阅139 12345678\n13800138000内部传阅").map(\.excerpt)
        #expect(excerpts == ["内部传阅139 ******78", "138******00内部传阅"])
    }

    @Test("a list of many terms still finds each one")
    func manyTerms() {
        let terms = (0..<2000).map { "term\($0)号" }
        let rule = WordListRule(terms: terms)
        let findings = rule.scan("开头TERM1999号中间term0号和term77号结尾")
        #expect(findings.map(\.excerpt).count == 3)
        #expect(findings[0].excerpt.contains("TERM1999号"))
    }
}

@Suite("audit rule factory")
struct AuditRulesTests {
    @Test("makes every built-in rule by its config name")
    func makesBuiltIns() throws {
        let file = try WordsFile("内部传阅\n")
        for name in AuditRules.names {
            #expect(try AuditRules.rule(named: name, wordsFile: file.url).name == name)
        }
        #expect(AuditRules.names == ["cn-id-number", "cn-mobile", "secrecy-marking", "words"])
    }

    @Test("an unknown rule name is an error naming it")
    func unknownRule() {
        let error = #expect(throws: AuditRuleError.self) {
            try AuditRules.rule(named: "cn-passport", wordsFile: nil)
        }
        #expect(error?.message.contains("cn-passport") == true)
    }

    @Test("the words rule without a words file is an error")
    func wordsWithoutFile() {
        let error = #expect(throws: AuditRuleError.self) {
            try AuditRules.rule(named: "words", wordsFile: nil)
        }
        #expect(error?.message.contains("words_file") == true)
    }

    @Test("a missing words file is an error naming the file")
    func missingFile() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString).txt")
        let error = #expect(throws: AuditRuleError.self) {
            try AuditRules.rule(named: "words", wordsFile: url)
        }
        #expect(error?.message.contains(url.path) == true)
        #expect(error?.file == url)
    }

    @Test("a words file that is not UTF-8 is an error")
    func notUTF8() throws {
        let file = try WordsFile(data: Data([0xC4, 0xDA, 0xB2, 0xBF, 0x0A]))  // GBK 内部
        #expect(throws: AuditRuleError.self) { try AuditRules.rule(named: "words", wordsFile: file.url) }
    }

    @Test("a words file with only comments and blank lines is an error")
    func noTerms() throws {
        let file = try WordsFile("# nothing yet\n\n   \n")
        let error = #expect(throws: AuditRuleError.self) {
            try AuditRules.rule(named: "words", wordsFile: file.url)
        }
        #expect(error?.message.contains("no terms") == true)
    }

    @Test("the built-in rules find nothing in ordinary government text")
    func quietOnGovernmentText() throws {
        for name in ["cn-id-number", "cn-mobile", "secrecy-marking"] {
            #expect(try AuditRules.rule(named: name, wordsFile: nil).scan(GovernmentText.all).isEmpty)
        }
    }
}
