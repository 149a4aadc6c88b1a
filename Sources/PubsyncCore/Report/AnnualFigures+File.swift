import Foundation

extension AnnualFigures {
    /// The default figures file of `year`: `reports/{year}.toml` beside the config file.
    public static func defaultFile(year: Int, configFile: URL) -> URL {
        configFile.deletingLastPathComponent().appendingPathComponent("reports/\(year).toml").standardizedFileURL
    }

    /// Reads and checks a figures file. A missing file is all zeros when `required` is false
    /// (the default file), an error when it was named. Every broken rule is reported at once, in
    /// one `.input` error (exit 2) that names the file and, per rule, the row, the column and both numbers.
    public static func load(_ file: URL, required: Bool) throws -> AnnualFigures {
        guard FileManager.default.fileExists(atPath: file.path) else {
            if required { throw PubsyncError(.input, "no figures file at \(file.path)") }
            return AnnualFigures()
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw PubsyncError(.input, "\(file.path): cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PubsyncError(.input, "\(file.path): not valid UTF-8 text")
        }
        return try parse(text, file: file)
    }

    /// Parses and checks the text of a figures file; `file` names it in messages.
    public static func parse(_ text: String, file: URL) throws -> AnnualFigures {
        var reader = FiguresReader()
        let figures = reader.read(ConfigLoader.convert(try TOMLText.table(text, file: file, code: .input)), source: file)
        let problems = reader.problems + figures.arithmeticProblems(skipping: reader.malformedRows)
        guard problems.isEmpty else {
            let noun = problems.count == 1 ? "problem" : "problems"
            throw PubsyncError(.input, "\(file.path): \(problems.count) \(noun) in the figures (nothing was written):\n"
                + problems.map { "  - \($0)" }.joined(separator: "\n"))
        }
        return figures
    }
}

/// Reads the figures file's tables into `AnnualFigures`, collecting every problem instead of
/// stopping at the first.
private struct FiguresReader {
    var problems: [String] = []
    /// Rows (keys) whose value had the wrong shape; arithmetic over them is not checked.
    var malformedRows: Set<String> = []

    static let sections = ["applications", "proactive", "reviews", "text"]
    static let textKeys = ["overview", "problems", "other"]

    mutating func read(_ root: [String: ConfigValue], source: URL) -> AnnualFigures {
        var figures = AnnualFigures(source: source)
        for key in root.keys.sorted() where !Self.sections.contains(key) {
            problems.append("[\(key)] is not a section of the figures file (sections: \(Self.sections.joined(separator: ", ")))")
        }
        if let proactive = table(root["proactive"], name: "proactive") {
            readProactive(proactive, into: &figures)
        }
        if let applications = table(root["applications"], name: "applications") {
            readRows(flatten(applications), section: "applications", keys: OfficialFormat.applicationKeys,
                     columns: OfficialFormat.applicantColumns) { figures.applications[$0] = $1 }
        }
        if let reviews = table(root["reviews"], name: "reviews") {
            readRows(reviews, section: "reviews", keys: OfficialFormat.reviewRows.map(\.key),
                     columns: OfficialFormat.reviewColumns) { figures.reviews[$0] = $1 }
        }
        if let text = table(root["text"], name: "text") {
            for key in text.keys.sorted() {
                guard Self.textKeys.contains(key) else {
                    problems.append("[text] key \(key) is not known (keys: \(Self.textKeys.joined(separator: ", ")))")
                    continue
                }
                guard case .string(let value) = text[key]! else {
                    problems.append("[text] \(key) must be a string, not \(text[key]!.typeName)")
                    continue
                }
                switch key {
                case "overview": figures.overview = value
                case "problems": figures.problems = value
                default: figures.other = value
                }
            }
        }
        return figures
    }

    private mutating func table(_ value: ConfigValue?, name: String) -> [String: ConfigValue]? {
        guard let value else { return nil }
        guard case .table(let table) = value else {
            problems.append("[\(name)] must be a table, not \(value.typeName)")
            return nil
        }
        return table
    }

    /// `三.一 = [...]` written without quotes is a nested table in TOML; read it as the key `三.一`.
    private func flatten(_ table: [String: ConfigValue], prefix: String = "") -> [String: ConfigValue] {
        var flat: [String: ConfigValue] = [:]
        for (key, value) in table {
            if case .table(let nested) = value {
                flat.merge(flatten(nested, prefix: prefix + key + ".")) { first, _ in first }
            } else {
                flat[prefix + key] = value
            }
        }
        return flat
    }

    private mutating func readProactive(_ table: [String: ConfigValue], into figures: inout AnnualFigures) {
        let known = OfficialFormat.proactiveRows.map(\.key)
        for key in table.keys.sorted() {
            guard let row = OfficialFormat.proactiveRows.first(where: { $0.key == key }) else {
                problems.append("[proactive] row \(key) is not a row of section 二 (rows: \(known.joined(separator: ", ")))")
                continue
            }
            let value: Double
            switch table[key]! {
            case .integer(let number): value = Double(number)
            case .double(let number) where key == "行政事业性收费" && number.isFinite: value = number
            case let other:
                let wanted = key == "行政事业性收费" ? "a number (万元)" : "a whole number"
                problems.append("[proactive] row \(key), column \(row.column): must be \(wanted), not \(other.typeName)")
                continue
            }
            if value < 0 {
                problems.append("[proactive] row \(key), column \(row.column): \(AnnualReport.number(value)) is negative")
                continue
            }
            figures.proactive[key] = value
        }
    }

    private mutating func readRows(_ table: [String: ConfigValue], section: String, keys: [String], columns: [String],
                                   store: (String, [Int]) -> Void) {
        for key in table.keys.sorted() {
            guard keys.contains(key) else {
                problems.append("[\(section)] row \(key) is not a row of the format (rows: \(keys.joined(separator: ", ")))")
                continue
            }
            let label = section == "applications" ? "\(key) \(OfficialFormat.applicationLabel(key))" : key
            guard case .array(let elements) = table[key]!,
                  elements.count == columns.count,
                  case let numbers = elements.compactMap({ element -> Int? in if case .integer(let n) = element { return n } else { return nil } }),
                  numbers.count == columns.count else {
                problems.append("[\(section)] row \(label): must be an array of \(columns.count) whole numbers "
                    + "[\(columns.joined(separator: ", "))]")
                malformedRows.insert(key)
                continue
            }
            for (index, number) in numbers.enumerated() where number < 0 {
                problems.append("[\(section)] row \(label), column \(columns[index]): \(number) is negative")
            }
            store(key, numbers)
        }
    }
}
