import Foundation
import Yams

/// Reads import files — Markdown with YAML front matter, `.json` (one item or an array) and
/// `.ndjson` — and hands each item to a callback as an `ImportDraft`. Folders are walked
/// (sorted, hidden entries skipped). Any problem throws a `.input` error naming file, line and field.
public struct ImportParser: Sendable {
    /// Channel names the config defines; an item naming another channel is an error.
    public let channelNames: Set<String>
    /// Reads and stores the files items attach; nil refuses items with attachments.
    public let attachments: AttachmentIntake?

    /// Creates a parser that accepts the given channel names, storing attachments through `attachments`.
    public init(channelNames: Set<String>, attachments: AttachmentIntake? = nil) {
        self.channelNames = channelNames
        self.attachments = attachments
    }

    /// The files `paths` name, folders expanded, in a stable order. Throws when a path is missing
    /// or has an extension that is not imported.
    public func files(in paths: [String]) throws -> [String] {
        var result: [String] = []
        let fileManager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw PubsyncError(.input, "\(path): no such file or folder")
            }
            if isDirectory.boolValue {
                // A folder given as a symlink is walked at its target (the enumerator does not follow it);
                // the files keep the path as given.
                let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                guard let walker = fileManager.enumerator(atPath: target) else {
                    throw PubsyncError(.input, "\(path): cannot read the folder")
                }
                var found: [String] = []
                while let relative = walker.nextObject() as? String {
                    let name = (relative as NSString).lastPathComponent
                    if name.hasPrefix(".") { walker.skipDescendants(); continue }
                    if Self.importable(name) { found.append((path as NSString).appendingPathComponent(relative)) }
                }
                result += found.sorted()
            } else {
                guard Self.importable(path) else {
                    throw PubsyncError(.input, "\(path): not an import file (use .md, .markdown, .json or .ndjson)")
                }
                result.append(path)
            }
        }
        return result
    }

    static func importable(_ name: String) -> Bool {
        let ext = (name as NSString).pathExtension.lowercased()
        return ["md", "markdown", "json", "ndjson", "jsonl"].contains(ext)
    }

    /// Parses one file, calling `emit` for each item in it.
    public func parse(file: String, emit: (ImportDraft) throws -> Void) throws {
        let ext = (file as NSString).pathExtension.lowercased()
        if ext == "ndjson" || ext == "jsonl" {
            try parseNDJSON(file: file, emit: emit)
            return
        }
        let data = try Self.read(file, limit: ImportLimits.maxFileBytes)
        guard let text = String(data: data, encoding: .utf8) else {
            throw PubsyncError(.input, "\(file): not valid UTF-8 text")
        }
        if ext == "json" {
            try parseJSON(text: text, data: data, file: file, emit: emit)
        } else {
            try emit(parseMarkdown(text: text, file: file))
        }
    }

    /// The file's bytes; larger than `limit` is an input error (checked on the open file, before reading).
    static func read(_ file: String, limit: Int) throws -> Data {
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw PubsyncError(.input, "\(file): cannot read the file") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw PubsyncError(.input, "\(file): cannot read the file") }
        let size = Int(info.st_size)
        if size > limit {
            throw PubsyncError(.input, "\(file): the file is \(size) bytes, larger than the limit of \(limit) bytes (item bodies may be at most \(ImportLimits.maxBodyBytes) bytes)")
        }
        var data = Data(count: size)
        var done = 0
        let failed = data.withUnsafeMutableBytes { buffer -> Bool in
            while done < size {
                let n = Foundation.read(fd, buffer.baseAddress! + done, size - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return n < 0 }
                done += n
            }
            return false
        }
        guard !failed else { throw PubsyncError(.input, "\(file): cannot read the file") }
        // A file that shrank while being read: keep what was there.
        if done < size { data.count = done }
        return data
    }

    // MARK: Markdown

    /// Front matter fields are read as text (dates, numbers and index numbers included), so
    /// scalars are not resolved by the default rules' regular expressions (a third of the time
    /// spent on a Markdown file); `fieldValue` tells YAML 1.1 booleans and nulls apart itself.
    static let yamlResolver = Resolver.basic

    /// The plain scalars YAML 1.1 (and Yams' default rules) read as booleans.
    static let yamlBooleans: [String: Bool] = [
        "yes": true, "Yes": true, "YES": true, "true": true, "True": true, "TRUE": true, "on": true, "On": true, "ON": true,
        "no": false, "No": false, "NO": false, "false": false, "False": false, "FALSE": false, "off": false, "Off": false, "OFF": false,
    ]

    /// The plain scalars YAML reads as null.
    static let yamlNulls: Set<String> = ["", "~", "null", "Null", "NULL"]

    func parseMarkdown(text: String, file: String) throws -> ImportDraft {
        guard let split = FrontMatter.split(text) else {
            throw PubsyncError(.input, "\(file):1: a Markdown item must start with YAML front matter between '---' lines")
        }
        if let (line, token) = YAMLAliasScan.first(in: split.yaml) {
            throw PubsyncError(.input, "\(file):\(line + split.yamlFirstLine - 1): YAML anchors and aliases ('\(Redacted.excerpt(token, limit: 40))') are not accepted in front matter; write each value out")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: split.yaml, Self.yamlResolver, .default, .utf8)
        } catch let error as YamlError {
            throw PubsyncError(.input, "\(Self.yamlLocation(error, file: file, firstLine: split.yamlFirstLine)): invalid YAML front matter: \(Self.yamlProblem(error))")
        } catch {
            throw PubsyncError(.input, "\(file): invalid YAML front matter: \(error)")
        }
        guard let mapping = node?.mapping else {
            throw PubsyncError(.input, "\(file):\(split.yamlFirstLine): the front matter must be a mapping of fields (key: value)")
        }
        var fields: [String: FieldValue] = [:]
        var lines: [String: Int] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            fields[name] = Self.fieldValue(value)
            if let mark = key.mark { lines[name] = mark.line + split.yamlFirstLine - 1 }
        }
        let reader = FieldReader(fields: fields, lines: lines, source: SourceLocation(file: file), channelNames: channelNames,
                                 intake: attachments, folder: (file as NSString).deletingLastPathComponent)
        return try reader.draft(body: split.body)
    }

    static func fieldValue(_ node: Node) -> FieldValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain && yamlNulls.contains(scalar.string) { return .null }
            if scalar.style == .plain || scalar.style == .any, let flag = yamlBooleans[scalar.string] { return .bool(flag) }
            return .string(scalar.string)
        case .sequence(let sequence): return .list(sequence.map(fieldValue))
        case .mapping(let mapping):
            var entries: [String: FieldValue] = [:]
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { return .other("a mapping with a key that is not text") }
                entries[name] = fieldValue(value)
            }
            return .mapping(entries)
        case .alias: return .other("an alias")
        }
    }

    static func yamlLocation(_ error: YamlError, file: String, firstLine: Int) -> String {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return "\(file):\(mark.line + firstLine - 1)"
        default:
            return file
        }
    }

    static func yamlProblem(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate field(s) \(duplicates.joined(separator: ", "))"
        default:
            return "\(error)"
        }
    }

    // MARK: JSON

    func parseJSON(text: String, data: Data, file: String, emit: (ImportDraft) throws -> Void) throws {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw PubsyncError(.input, "\(file): invalid JSON: \(Self.jsonProblem(error))")
        }
        if let array = object as? [Any] {
            for (index, element) in array.enumerated() {
                try emit(draft(fromJSON: element, source: SourceLocation(file: file), label: "item \(index + 1)"))
            }
        } else {
            try emit(draft(fromJSON: object, source: SourceLocation(file: file), label: nil))
        }
    }

    func parseNDJSON(file: String, emit: (ImportDraft) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw PubsyncError(.input, "\(file): cannot read the file")
        }
        defer { try? handle.close() }
        var lines = LineReader(handle: handle, maxLine: ImportLimits.maxFileBytes)
        var lineNumber = 0
        while let line = try lines.next(file: file) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let source = SourceLocation(file: file, line: lineNumber)
            let object: Any
            do {
                // The JSON parser rejects invalid UTF-8 itself; validate again only to explain a failure.
                object = try line.withUnsafeBytes { try JSONSerialization.jsonObject(with: Data($0)) }
            } catch {
                if String(validating: line, as: UTF8.self) == nil { throw PubsyncError(.input, "\(source): not valid UTF-8 text") }
                throw PubsyncError(.input, "\(source): invalid JSON: \(Self.jsonProblem(error))")
            }
            try emit(draft(fromJSON: object, source: source, label: nil))
        }
    }

    func draft(fromJSON object: Any, source: SourceLocation, label: String?) throws -> ImportDraft {
        guard let dictionary = object as? [String: Any] else {
            throw PubsyncError(.input, "\(source): \(label.map { "\($0): " } ?? "")expected a JSON object with the item's fields")
        }
        var fields: [String: FieldValue] = [:]
        for (key, value) in dictionary { fields[key] = Self.fieldValue(json: value) }
        var location = source
        if let label { location.file += " (\(label))" }
        let reader = FieldReader(fields: fields, lines: [:], source: location, channelNames: channelNames,
                                 intake: attachments, folder: (source.file as NSString).deletingLastPathComponent)
        return try reader.draft(body: nil)
    }

    static func fieldValue(json value: Any) -> FieldValue {
        switch value {
        case let text as String: return .string(text)
        case is NSNull: return .null
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
            return .number(number.stringValue)
        case let array as [Any]: return .list(array.map { fieldValue(json: $0) })
        case let object as [String: Any]: return .mapping(object.mapValues { fieldValue(json: $0) })
        default: return .other("an object")
        }
    }

    static func jsonProblem(_ error: any Error) -> String {
        let nsError = error as NSError
        return (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
    }
}
