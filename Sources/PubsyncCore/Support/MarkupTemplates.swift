import Mustache

/// Mustache templates that escape with `Markup.escape`, the one escaping rule of every page.
///
/// swift-mustache's own HTML escaping looks up each `Character`: a `"` or `<` that a combining
/// mark follows (`"\u{301}`) is another character, and was left as it is, so item text could end
/// a quoted attribute (`<meta content="…">`). It was also most of a list page's rendering time
/// (a dictionary look-up, with Unicode normalisation, per character of Chinese text).
/// `Markup.escape` works on scalars: every `&`, `<`, `>`, `"` and `'` becomes a reference.
public enum MarkupTemplates {
    /// The content type's name in the pragma put before every template.
    static let contentTypeName = "PUBSYNC_MARKUP"

    private struct Escaping: MustacheContentType {
        func escapeText(_ text: String) -> String { Markup.escape(text) }
    }

    private static let registered: Void = MustacheContentTypes.register(Escaping(), named: contentTypeName)

    /// Registers `text` as template `name`, escaping with `Markup.escape`. The pragma goes on
    /// every template: each partial (and the parent of `{{<base}}`) starts with HTML escaping again.
    public static func register(_ text: String, named name: String, in library: inout MustacheLibrary) throws {
        _ = registered
        try library.register("{{% CONTENT_TYPE: \(contentTypeName)}}" + text, named: name)
    }
}

/// A text value of a template context. It renders as its text, escaped like every value, but
/// swift-mustache finds it with fewer dynamic casts than a `String` (which it tries as a
/// template, a lambda and an optional before describing it): a site's pages are mostly such look-ups.
/// Sections and transforms behave as for a `String`.
public struct TemplateText: MustacheCustomRenderable, MustacheParent, MustacheTransformable, CustomStringConvertible, Sendable {
    /// The text.
    public let text: String

    /// Wraps `text`.
    public init(_ text: String) { self.text = text }

    /// The text, which the template's content type escapes.
    public var renderText: String { text }
    /// Never null: a section on a text value renders (as on a `String`, even an empty one).
    public var isNull: Bool { false }
    /// No children: a look-up inside a section on this value goes on to the enclosing context.
    public func child(named: String) -> Any? { nil }
    /// `String`'s transforms (`uppercased(name)`, `empty(name)`, …).
    public func transform(_ name: String) -> Any? { text.transform(name) }
    /// The text.
    public var description: String { text }
}

/// A dictionary of a template context, as a class: swift-mustache checks each object of its
/// context stack for `MustacheParent` at every look-up, and `Dictionary`'s conformance is a
/// conditional one (measured: about 8% of a full publish's CPU time). Not a sequence and
/// without transforms, as a dictionary.
public final class TemplateContext: MustacheParent, @unchecked Sendable {
    // Immutable after init; `Any` holds only strings, numbers, booleans and these wrappers.
    private let values: [String: Any]

    private init(_ values: [String: Any]) { self.values = values }

    /// `context` with every `String` value wrapped as `TemplateText`, also in nested
    /// dictionaries and arrays of dictionaries (which become `TemplateContext`s too; other
    /// arrays keep their elements, and so their transforms such as `sorted`).
    public convenience init(wrapping context: [String: Any]) {
        self.init(context.mapValues(Self.wrap))
    }

    /// The value of `name`.
    public func child(named name: String) -> Any? { values[name] }

    /// A value as a template context holds it: a `String` as `TemplateText`, a dictionary (or
    /// an array of them) as `TemplateContext`; anything else, already wrapped ones too, as it is.
    public static func wrap(_ value: Any) -> Any {
        switch value {
        case let text as String: return TemplateText(text)
        case let dictionary as [String: Any]: return TemplateContext(wrapping: dictionary)
        case let array as [[String: Any]]: return array.map(TemplateContext.init(wrapping:))
        default: return value
        }
    }
}
