import Foundation
@testable import PubsyncCore
import Testing

/// Regressions found by `Scripts/fuzz`: a table header whose first character cannot start a key
/// made toml++ (inside TOMLKit) abort the process instead of reporting an error.
@Suite("TOML: headers toml++ would abort on are errors naming the line")
struct TOMLTextTests {
    static let file = URL(fileURLWithPath: "/tmp/pubsync.toml")

    /// The fuzzers' crashing inputs, kept in the seed corpus.
    static func corpusInput(_ target: String, _ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        // As the fuzz target reads it: bytes that are not UTF-8 become U+FFFD.
        return String(decoding: try Data(contentsOf: root.appendingPathComponent("Tests/Fuzz/Corpus/\(target)/\(name)")), as: UTF8.self)
    }

    @Test("a config header not starting with a key is a config error (exit 2) naming the line",
          arguments: ["[~x]", "[[~x]]", "[ ~x]", "[[ .a]]", "timezone = \"Asia/Shanghai\"\n\n[.store]", "[\nname = 1]", "[\r\n"])
    func configHeader(text: String) throws {
        let loader = ConfigLoader(factories: [], environment: [:])
        let error = try #require(throws: PubsyncError.self) { _ = try loader.load(text: text, file: Self.file) }
        #expect(error.code == .config)
        #expect(error.exitCode == 2)
        // The line of the header: toml++ asserts on a line break right after `[` too.
        let line = text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("[") }.map { $0 + 1 } ?? 0
        #expect(error.message.hasPrefix("/tmp/pubsync.toml:\(line): invalid TOML: Error while parsing table header: expected bare key"))
    }

    @Test("the fuzzers' inputs: a figures file and a config with such a header")
    func corpusInputs() throws {
        let figures = try Self.corpusInput("figures", "crash-table-header.toml")
        let figuresError = try #require(throws: PubsyncError.self) {
            _ = try AnnualFigures.parse(figures, file: URL(fileURLWithPath: "/tmp/reports/2014.toml"))
        }
        #expect(figuresError.code == .input)
        #expect(figuresError.message.contains("/tmp/reports/2014.toml:3: invalid TOML"))
        #expect(figuresError.message.contains("saw '~'"))
        let config = try Self.corpusInput("config", "crash-table-header.toml")
        let configError = try #require(throws: PubsyncError.self) {
            _ = try ConfigLoader(factories: [], environment: [:]).load(text: config, file: Self.file)
        }
        #expect(configError.message.hasPrefix("/tmp/pubsync.toml:1: invalid TOML"))
    }

    @Test("a } where an array expects a value is an error naming the line, not an abort", arguments: ["a = [}]", "a = [1,}2]", "a = [\n  1, # c\n  }]"])
    func braceInArray(text: String) throws {
        let error = try #require(throws: PubsyncError.self) { _ = try ConfigLoader(factories: [], environment: [:]).load(text: text, file: Self.file) }
        #expect(error.message.contains("invalid TOML: Error while parsing array: expected value or closing ']', saw '}'"))
        let figures = try Self.corpusInput("figures", "crash-brace-in-array.toml")
        let figuresError = try #require(throws: PubsyncError.self) {
            _ = try AnnualFigures.parse(figures, file: URL(fileURLWithPath: "/tmp/reports/2014.toml"))
        }
        #expect(figuresError.message.contains("/tmp/reports/2014.toml:17: invalid TOML"))
        #expect(TOMLText.assertionProblem(in: "a = [1, {b = 2}, [3], \"}\"]\nc = {d = [4]}") == nil)
    }

    @Test("brackets inside values, strings and comments are not headers")
    func notHeaders() {
        let text = #"""
            a = [
              [1, 2],
            [+3],
              [ {b = 1} ],
            ]
            s = "[~x]" # [~y]
            m = """
            [~z]
            \
            """
            l = '''
            [.w]'''
            ["quoted key".x]
            [[arr]]
            ['lit']
            """#
        #expect(TOMLText.assertionProblem(in: text) == nil)
        #expect(TOMLText.assertionProblem(in: text + "\n[~after]")?.line == 16)
    }

    @Test("a header right after a byte order mark is checked like any header (toml++ skips the mark)")
    func headerAfterByteOrderMark() throws {
        let config = try Self.corpusInput("config", "crash-byte-order-mark-header.toml")
        #expect(config.unicodeScalars.first == "\u{FEFF}")
        let error = try #require(throws: PubsyncError.self) { _ = try ConfigLoader(factories: [], environment: [:]).load(text: config, file: Self.file) }
        #expect(error.code == .config)
        #expect(error.message.hasPrefix("/tmp/pubsync.toml:1: invalid TOML: Error while parsing table header"))
        // A valid file with the mark still loads as without it.
        #expect(TOMLText.assertionProblem(in: "\u{FEFF}[store]\npath = \"x.db\"") == nil)
        #expect(try TOMLText.table("\u{FEFF}[store]\npath = \"x.db\"", file: Self.file, code: .config).contains(key: "store"))
    }

    @Test("a date-time whose T is not followed by an hour is an error naming the line, not an abort",
          arguments: ["A=1979-05-27T:", "a = [1979-05-27t x]", "a = {b = 1979-05-27Tz:00}", "a = 1\nb = [\n 2,\n 2000-01-01T-1:00]",
                      "0=0979-05-27 0,", "0=0979-0=-27 0,", "a = 1979-05-27 7", "a = [1979-05-27 0]", "a = {b = 1979-05-27 1 }"])
    func dateTimeWithoutHour(text: String) throws {
        let error = try #require(throws: PubsyncError.self) { _ = try ConfigLoader(factories: [], environment: [:]).load(text: text, file: Self.file) }
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("-27") || $0.contains("-01-") }.map { $0 + 1 } ?? 0
        #expect(error.message.hasPrefix("/tmp/pubsync.toml:\(line): invalid TOML: Error while parsing date-time: expected 2-digit hour"))
        let figures = try Self.corpusInput("figures", "crash-date-time-without-hour.toml")
        let figuresError = try #require(throws: PubsyncError.self) {
            _ = try AnnualFigures.parse(figures, file: URL(fileURLWithPath: "/tmp/reports/2014.toml"))
        }
        #expect(figuresError.code == .input)
        #expect(figuresError.message.contains("/tmp/reports/2014.toml:1: invalid TOML: Error while parsing date-time"))
        let spaced = try Self.corpusInput("figures", "crash-date-space-digit.toml")
        let spacedError = try #require(throws: PubsyncError.self) {
            _ = try AnnualFigures.parse(spaced, file: URL(fileURLWithPath: "/tmp/reports/2014.toml"))
        }
        #expect(spacedError.message.contains("/tmp/reports/2014.toml:1: invalid TOML: Error while parsing date-time: expected 2-digit hour, saw ','"))
    }

    @Test("date-times with an hour, and date-shaped keys and strings, are not flagged")
    func validDateTimes() {
        let text = """
            a = 1979-05-27T07:32:00Z
            b = [1979-05-27t07:32:00, 1979-05-27 07:32:00, 1979-05-27 , 1979-05-27 # x
            ]
            c = { d = 1979-05-27 }
            1979-05-27Tx = "1979-05-27T:"
            """
        #expect(TOMLText.assertionProblem(in: text) == nil)
    }
}
