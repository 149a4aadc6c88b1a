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
