import Foundation
import Mustache
import PubsyncCore

/// The site's Mustache templates: the embedded defaults, each replaced by a file of the same
/// name (`item.mustache`, …) when the channel's `templates` folder has one.
public struct StaticSiteTemplates: Sendable {
    /// The file names a templates folder may hold (`base.mustache`, `home.mustache`, …).
    public static var fileNames: [String] { DefaultTemplates.names.map { $0 + ".mustache" } }

    /// Name → the text in effect.
    let texts: [String: String]
    /// The parsed templates, with partials (`base`, `pager`) resolvable by name.
    let library: MustacheLibrary

    /// Loads the defaults, overridden by the files of `directory` when given.
    init(directory: URL?, channel: String) throws {
        var texts = DefaultTemplates.texts
        if let directory {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw PubsyncError(.config, "channel '\(channel)': key 'templates': the folder \(directory.path) does not exist", channel: channel)
            }
            for name in DefaultTemplates.names {
                let file = directory.appendingPathComponent(name + ".mustache")
                guard FileManager.default.fileExists(atPath: file.path) else { continue }
                do {
                    let data = try Data(contentsOf: file)
                    guard let text = String(data: data, encoding: .utf8) else {
                        throw PubsyncError(.config, "channel '\(channel)': template \(file.path) is not UTF-8", channel: channel)
                    }
                    try Self.refuseUnescapedTags(in: text, file: file.path, channel: channel)
                    texts[name] = text
                } catch let error as PubsyncError {
                    throw error
                } catch {
                    throw PubsyncError(.config, "channel '\(channel)': cannot read the template \(file.path): \(error.localizedDescription)", channel: channel, underlying: error)
                }
            }
        }
        var library = MustacheLibrary()
        for name in DefaultTemplates.names {
            do {
                try MarkupTemplates.register(texts[name]!, named: name, in: &library)
            } catch {
                let origin = directory.map { $0.appendingPathComponent(name + ".mustache").path } ?? "embedded template \(name)"
                throw PubsyncError(.config, "channel '\(channel)': template \(origin) does not parse: \(error)", channel: channel, underlying: error)
            }
        }
        self.texts = texts
        self.library = library
    }

    /// The only values a template may print unescaped: the item body, which the Markdown pipeline
    /// has already sanitised, and the page's header and footer, which the `header` and `footer`
    /// templates rendered (escaping). Everything else is item text that must stay escaped.
    static let unescapedAllowed: Set<String> = ["body", "header", "footer"]

    /// Refuses `{{{name}}}` and `{{& name}}` for any name but `body`, delimiter changes
    /// (`{{=<% %>=}}`, which would hide such a tag) and pragmas (`{{% CONTENT_TYPE: TEXT}}`, which
    /// would turn escaping off), naming the file, line and tag.
    static func refuseUnescapedTags(in text: String, file: String, channel: String) throws {
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let after = rest[open.upperBound...]
                let closing = after.hasPrefix("{") ? "}}}" : "}}"
                guard let close = after.range(of: closing) else { break }
                let inner = after[after.startIndex..<close.lowerBound]
                let tag = String(rest[open.lowerBound..<close.upperBound])
                rest = after[close.upperBound...]
                let name: Substring
                if inner.hasPrefix("{") { name = inner.dropFirst() }
                else if inner.hasPrefix("&") { name = inner.dropFirst() }
                else if inner.hasPrefix("=") {
                    throw PubsyncError(.config, "channel '\(channel)': template \(file) line \(offset + 1): \(tag) changes the tag delimiters, which pubsync's templates may not do", channel: channel)
                } else if inner.hasPrefix("%") {
                    throw PubsyncError(.config, "channel '\(channel)': template \(file) line \(offset + 1): \(tag) is a pragma, which could turn escaping off; pubsync's templates may not hold one", channel: channel)
                } else { continue }
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                if !unescapedAllowed.contains(trimmed) {
                    throw PubsyncError(.config, "channel '\(channel)': template \(file) line \(offset + 1): \(tag) prints '\(trimmed)' unescaped; only {{{body}}}, {{{header}}} and {{{footer}}} (HTML pubsync made safe) may be — use {{\(trimmed)}}", channel: channel)
                }
            }
        }
    }

    /// Writes the embedded default templates into `directory` (created when missing), for
    /// `pubsync templates export DIR`. Refuses, writing nothing, when any of the files exists.
    /// Returns the files written.
    @discardableResult
    public static func exportDefaults(to directory: URL) throws -> [URL] {
        let files = DefaultTemplates.names.map { directory.appendingPathComponent($0 + ".mustache") }
        let existing = files.filter { FileManager.default.fileExists(atPath: $0.path) }
        guard existing.isEmpty else {
            throw PubsyncError(.conflict, "refusing to overwrite existing template files: \(existing.map(\.path).joined(separator: ", "))")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, file) in zip(DefaultTemplates.names, files) {
                try Data(DefaultTemplates.texts[name]!.utf8).write(to: file, options: .withoutOverwriting)
            }
        } catch {
            throw PubsyncError(.io, "cannot write the templates into \(directory.path): \(error.localizedDescription)", underlying: error)
        }
        return files
    }
}
