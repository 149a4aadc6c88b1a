import Foundation
import Yams
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `Sources/pubsync-portal/openapi.yaml` read with Yams, and what it says a request must be: a
/// documented path and method, the bearer token where security asks for it, documented
/// parameters with valid values, and a body of a documented media type that validates against
/// its schema (JSON, or XML read by the schema's `xml` names).
///
/// The schema check covers the JSON Schema keywords the document uses and refuses any other
/// validation keyword, so a keyword added to the document cannot be skipped silently. Objects
/// are closed here (a property the schema does not name is a problem): a client must send only
/// documented fields, even where a server would ignore the rest.
struct OpenAPIRequestCheck {
    let root: [String: Any]

    /// The document in the source tree.
    static let documentFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/pubsync-portal/openapi.yaml")

    init(file: URL = Self.documentFile) throws {
        guard let root = try Yams.load(yaml: String(contentsOf: file, encoding: .utf8)) as? [String: Any] else {
            throw CheckError(message: "\(file.path) is not a YAML mapping")
        }
        self.root = root
    }

    struct CheckError: Error { var message: String }

    /// Everything wrong with one request (an empty list when it conforms).
    func problems(method: String, target: String, headers: [String: String], body: Data) -> [String] {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        let query = parts.count > 1 ? Self.queryItems(String(parts[1])) : [:]
        guard let (template, pathValues) = match(path) else { return ["\(method) \(path): no such path in the document"] }
        let pathItem = resolve(dictionary(paths[template]))
        guard let operation = dictionary(pathItem[method.lowercased()]) else {
            return ["\(method) \(template): the document has no such operation"]
        }
        var problems: [String] = []
        let parameters = (array(pathItem["parameters"]) + array(operation["parameters"])).map { resolve(dictionary($0)) }
        for parameter in parameters {
            let name = parameter["name"] as? String ?? "?"
            let location = parameter["in"] as? String ?? "?"
            let value: String? = switch location {
            case "path": pathValues[name]
            case "query": query[name]
            case "header": headers[name.lowercased()]
            default: nil
            }
            guard let value else {
                if parameter["required"] as? Bool == true { problems.append("\(location) parameter '\(name)' is missing") }
                continue
            }
            let schema = dictionary(parameter["schema"]) ?? [:]
            problems += validate(Self.typed(value, for: resolve(schema)), schema, at: "\(location) parameter '\(name)'")
        }
        let documentedQuery = Set(parameters.filter { $0["in"] as? String == "query" }.compactMap { $0["name"] as? String })
        for name in query.keys where !documentedQuery.contains(name) { problems.append("query parameter '\(name)' is not documented") }
        let security = array(operation["security"] ?? root["security"])
        if security.contains(where: { (dictionary($0) ?? [:]).keys.contains("bearer") }) {
            let authorization = headers["authorization"] ?? ""
            if authorization.range(of: #"^Bearer [!-~]+$"#, options: .regularExpression) == nil {
                problems.append("the Authorization header is not 'Bearer TOKEN'")
            }
        }
        problems += bodyProblems(operation: operation, headers: headers, body: body)
        return problems.map { "\(method) \(path): \($0)" }
    }

    private func bodyProblems(operation: [String: Any], headers: [String: String], body: Data) -> [String] {
        guard let requestBody = dictionary(operation["requestBody"]).map(resolve) else {
            return body.isEmpty ? [] : ["a body where the operation takes none"]
        }
        if body.isEmpty { return requestBody["required"] as? Bool == true ? ["the required body is missing"] : [] }
        let mediaType = (headers["content-type"] ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let content = dictionary(requestBody["content"]) ?? [:]
        guard let entry = dictionary(content[mediaType] ?? content["*/*"]) else {
            return ["Content-Type '\(mediaType)' is not one the operation documents (\(content.keys.sorted().joined(separator: ", ")))"]
        }
        let schema = dictionary(entry["schema"]) ?? [:]
        switch mediaType {
        case "application/json":
            guard let value = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else { return ["the body is not JSON"] }
            return validate(value, schema, at: "body")
        case "application/xml":
            guard let element = try? XMLElementTree.parse(body) else { return ["the body is not well-formed XML"] }
            let resolved = resolve(schema)
            let rootName = (dictionary(resolved["xml"])?["name"] as? String) ?? "?"
            guard element.name == rootName else { return ["the XML root is <\(element.name)>, not <\(rootName)>"] }
            return validate(fromXML(element, schema: resolved), schema, at: "body")
        default:
            return []
        }
    }

    // MARK: JSON Schema (the subset the document uses)

    static let annotations: Set<String> = ["description", "examples", "xml", "contentMediaType", "default", "summary", "title"]

    func validate(_ value: Any, _ schemaIn: [String: Any], at place: String) -> [String] {
        let schema = resolve(schemaIn)
        var problems: [String] = []
        for key in schema.keys where !Self.annotations.contains(key) && !Self.keywords.contains(key) {
            problems.append("\(place): the check does not know the schema keyword '\(key)'")
        }
        if let types = schema["type"] {
            let allowed = (types as? [String]) ?? [(types as? String) ?? "?"]
            guard allowed.contains(where: { Self.isType(value, $0) }) else {
                return problems + ["\(place): \(Self.describe(value)) is not of type \(allowed.joined(separator: " or "))"]
            }
        }
        if let choices = schema["enum"] as? [Any], !choices.contains(where: { "\($0)" == "\(value)" }) {
            problems.append("\(place): '\(value)' is not one of \(choices)")
        }
        if let text = value as? String {
            let length = text.unicodeScalars.count
            if let minimum = schema["minLength"] as? Int, length < minimum { problems.append("\(place): shorter than \(minimum)") }
            if let maximum = schema["maxLength"] as? Int, length > maximum { problems.append("\(place): longer than \(maximum)") }
            if let pattern = schema["pattern"] as? String, text.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(place): '\(text.prefix(80))' does not match \(pattern)")
            }
        }
        if let number = value as? NSNumber, !(value is String) {
            if let minimum = schema["minimum"] as? Int, number.doubleValue < Double(minimum) { problems.append("\(place): below \(minimum)") }
            if let maximum = schema["maximum"] as? Int, number.doubleValue > Double(maximum) { problems.append("\(place): above \(maximum)") }
        }
        if let list = value as? [Any] {
            if let maximum = schema["maxItems"] as? Int, list.count > maximum { problems.append("\(place): more than \(maximum) items") }
            if let itemSchema = dictionary(schema["items"]) {
                for (index, element) in list.enumerated() { problems += validate(element, itemSchema, at: "\(place)[\(index)]") }
            }
        }
        if let object = value as? [String: Any] {
            let properties = dictionary(schema["properties"]) ?? [:]
            for name in (schema["required"] as? [String]) ?? [] where object[name] == nil {
                problems.append("\(place): required property '\(name)' is missing")
            }
            for (name, element) in object {
                guard let propertySchema = dictionary(properties[name]) else {
                    problems.append("\(place): property '\(name)' is not documented")
                    continue
                }
                problems += validate(element, propertySchema, at: "\(place).\(name)")
            }
        }
        return problems
    }

    static let keywords: Set<String> = ["type", "enum", "minLength", "maxLength", "pattern", "minimum", "maximum",
                                        "maxItems", "items", "properties", "required", "$ref"]

    static func isType(_ value: Any, _ type: String) -> Bool {
        let isBool = (value as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false
        switch type {
        case "string": return value is String
        case "integer":
            guard let number = value as? NSNumber, !(value is String), !isBool else { return false }
            return number.doubleValue == number.doubleValue.rounded()
        case "number": return value is NSNumber && !(value is String) && !isBool
        case "boolean": return isBool
        case "array": return value is [Any]
        case "object": return value is [String: Any]
        case "null": return value is NSNull
        default: return false
        }
    }

    static func describe(_ value: Any) -> String { value is NSNull ? "null" : "'\(value)' (\(type(of: value)))" }

    // MARK: Document access

    var paths: [String: Any] { dictionary(root["paths"]) ?? [:] }

    func dictionary(_ value: Any?) -> [String: Any]? { value as? [String: Any] }
    func array(_ value: Any?) -> [Any] { value as? [Any] ?? [] }

    /// Follows `$ref: "#/a/b"` within the document.
    func resolve(_ value: [String: Any]?) -> [String: Any] {
        guard let value else { return [:] }
        guard let reference = value["$ref"] as? String, reference.hasPrefix("#/") else { return value }
        var node: Any? = root
        for key in reference.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(key)] }
        return resolve(node as? [String: Any])
    }

    /// The path template `path` matches, with the values of its `{parameters}` (percent-decoded).
    func match(_ path: String) -> (String, [String: String])? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for template in paths.keys {
            let pattern = template.split(separator: "/", omittingEmptySubsequences: false)
            guard pattern.count == segments.count else { continue }
            var values: [String: String] = [:]
            let matches = zip(pattern, segments).allSatisfy { expected, actual in
                if expected.hasPrefix("{") && expected.hasSuffix("}") {
                    values[String(expected.dropFirst().dropLast())] = String(actual).removingPercentEncoding ?? String(actual)
                    return !actual.isEmpty
                }
                return expected == actual
            }
            if matches { return (template, values) }
        }
        return nil
    }

    static func queryItems(_ query: String) -> [String: String] {
        var items: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            items[name] = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
        }
        return items
    }

    /// A parameter's text as the type its schema names (integers parsed; anything else stays text).
    static func typed(_ text: String, for schema: [String: Any]) -> Any {
        if schema["type"] as? String == "integer", let number = Int(text) { return NSNumber(value: number) }
        return text
    }

    /// An XML element as the JSON value its schema describes: child elements become properties
    /// (wrapped arrays hold one child per item), text becomes a string or an integer.
    func fromXML(_ element: XMLElementTree, schema: [String: Any]) -> Any {
        let schema = resolve(schema)
        switch schema["type"] as? String {
        case "object":
            let properties = dictionary(schema["properties"]) ?? [:]
            var object: [String: Any] = [:]
            for child in element.children {
                object[child.name] = properties[child.name].map { fromXML(child, schema: dictionary($0) ?? [:]) } ?? child.text
            }
            return object
        case "array":
            let items = resolve(dictionary(schema["items"]))
            return element.children.map { fromXML($0, schema: items) }
        case "integer":
            return Int(element.text.trimmingCharacters(in: .whitespacesAndNewlines)).map { NSNumber(value: $0) } ?? element.text
        default:
            return element.text
        }
    }
}

/// An XML element with its child elements and text, read with XMLParser.
final class XMLElementTree {
    let name: String
    var children: [XMLElementTree] = []
    var text = ""

    init(name: String) { self.name = name }

    static func parse(_ data: Data) throws -> XMLElementTree {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { throw OpenAPIRequestCheck.CheckError(message: "not well-formed XML") }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLElementTree?
        var stack: [XMLElementTree] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let element = XMLElementTree(name: name)
            stack.last?.children.append(element)
            if root == nil { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
        func parser(_ parser: XMLParser, foundCDATA block: Data) { stack.last?.text += String(decoding: block, as: UTF8.self) }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            _ = stack.popLast()
        }
    }
}
