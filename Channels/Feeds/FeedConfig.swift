import ChannelSupport
import Crypto
import Foundation
import PubsyncCore

/// A feed file format the channel can write.
public enum FeedFormat: String, CaseIterable, Sendable, Codable {
    /// RSS 2.0, `rss.xml`.
    case rss
    /// Atom (RFC 4287) with RFC 6721 tombstones, `atom.xml`.
    case atom
    /// JSON Feed 1.1, `feed.json`.
    case json

    /// The file the format is written to, inside the output folder.
    public var fileName: String {
        switch self {
        case .rss: return "rss.xml"
        case .atom: return "atom.xml"
        case .json: return "feed.json"
        }
    }
}

/// The checked settings of one `feed` channel.
public struct FeedConfig: Sendable, Hashable {
    /// The channel's name.
    public var channel: String
    /// The folder the feed files are written to.
    public var output: URL
    /// The formats written, in canonical order (rss, atom, json).
    public var formats: [FeedFormat]
    /// How many of the newest items the files show.
    public var maxItems: Int
    /// The post text limit in microblog units (a CJK character 1, any other ½).
    public var textLimit: Int
    /// The feed's title.
    public var title: String
    /// The home page the feed belongs to (RSS `link`, Atom alternate link, JSON `home_page_url`).
    public var homeURL: String
    /// The address of an item, with `{id}` standing for the item id.
    public var itemURLTemplate: String
    /// The site root attachments are served under (`{filesBase}files/{sha256}/{name}`, the
    /// site channel's layout, `AttachmentPath`); ends with `/`.
    public var filesBaseURL: String
    /// The prefix of every entry id (a `tag:` or `urn:` URI, never a URL); the item id follows.
    public var idPrefix: String
    /// The id of the feed itself (Atom `id`).
    public var feedID: String

    /// Version of the files' layout; bumping it changes the fingerprint and republishes.
    static let layoutVersion = 3
    /// How long an Atom tombstone stays after the retraction.
    public static let tombstoneLifetime: TimeInterval = 30 * 86_400

    /// Creates a config from explicit values (tests, tools); `idPrefix` and `feedID` default
    /// to tag URIs on the home page's host.
    public init(channel: String, output: URL, formats: [FeedFormat] = FeedFormat.allCases, maxItems: Int = 50,
                textLimit: Int = 140, title: String, homeURL: String, itemURLTemplate: String,
                idPrefix: String? = nil, filesBaseURL: String? = nil) {
        self.channel = channel
        self.output = output
        self.formats = FeedFormat.allCases.filter(formats.contains)
        self.maxItems = maxItems
        self.textLimit = textLimit
        self.title = FeedText.singleLine(title)
        self.homeURL = homeURL
        self.itemURLTemplate = itemURLTemplate
        self.filesBaseURL = FeedConfig.withSlash(filesBaseURL ?? FeedConfig.origin(of: itemURLTemplate))
        let host = FeedConfig.host(of: homeURL) ?? FeedConfig.host(of: itemURLTemplate) ?? "localhost"
        self.idPrefix = idPrefix ?? "tag:\(host),2014:items/"
        self.feedID = "tag:\(host),2014:feeds/\(FeedConfig.tagSafe(channel))"
    }

    /// The public address of item `id`.
    public func itemURL(_ id: String) -> String {
        itemURLTemplate.replacingOccurrences(of: "{id}", with: id)
    }

    /// Where the site serves `attachment`.
    public func fileURL(_ attachment: Attachment) -> String {
        filesBaseURL + AttachmentPath.urlPath(attachment)
    }

    /// The permanent entry id of item `id` (not a URL; unchanged when title or URL change).
    public func entryID(_ id: String) -> String { idPrefix + id }

    /// SHA-256 (hex) over every setting that shapes the files, including derived defaults.
    public var fingerprint: String {
        let lines = [
            "feed-layout=\(FeedConfig.layoutVersion)", "channel=\(channel)", "output=\(output.path)",
            "formats=\(formats.map(\.rawValue).joined(separator: ","))", "max_items=\(maxItems)",
            "text_limit=\(textLimit)", "title=\(title)", "home=\(homeURL)", "item_url=\(itemURLTemplate)",
            "id_prefix=\(idPrefix)", "files_base=\(filesBaseURL)",
        ]
        let digest = SHA256.hash(data: Data(lines.joined(separator: "\n").utf8))
        return Hex.string(digest)
    }

    static func host(of url: String) -> String? {
        guard let host = URL(string: url.replacingOccurrences(of: "{id}", with: "x"))?.host, !host.isEmpty else { return nil }
        return host.lowercased()
    }

    /// Percent-encodes what a tag URI's specific part should not carry raw.
    static func tagSafe(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension FeedConfig {
    /// The keys a `feed` channel accepts besides the common ones.
    public static let keys: Set<String> = [
        "output", "formats", "max_items", "text_limit", "title", "base_url", "item_url", "id_prefix",
    ]

    /// Reads and checks a channel's settings; errors name the config file, channel and key.
    public init(settings: ChannelSettings) throws {
        let output = try settings.requiredPath("output")
        var formats = FeedFormat.allCases
        if let names = try settings.strings("formats") {
            guard !names.isEmpty else { throw settings.error("formats", "must name at least one of rss, atom, json") }
            formats = try names.map { name in
                guard let format = FeedFormat(rawValue: name) else {
                    throw settings.error("formats", "has '\(name)'; allowed: rss, atom, json")
                }
                return format
            }
        }
        let maxItems = try settings.integer("max_items", in: 1...10_000) ?? 50
        let textLimit = try settings.integer("text_limit", in: 1...100_000) ?? 140

        let website = settings.website
        let base = try settings.string("base_url")
        if let base { try FeedConfig.checkHTTP(base, key: "base_url", settings: settings) }

        let template: String
        if let given = try settings.string("item_url") {
            guard given.contains("{id}") else { throw settings.error("item_url", "must contain {id}, e.g. https://example.gov.cn/items/{id}.html") }
            try FeedConfig.checkHTTP(given, key: "item_url", settings: settings)
            template = given
        } else if let website {
            template = website.itemURLTemplate
        } else {
            throw settings.error("item_url", "is missing and no website channel (kind 'static-site') has a base_url to derive it from; set item_url = \"https://HOST/items/{id}.html\"")
        }

        var idPrefix: String?
        if let prefix = try settings.string("id_prefix") {
            let lower = prefix.lowercased()
            guard lower.hasPrefix("tag:") || lower.hasPrefix("urn:"),
                  !prefix.contains(where: { $0.isWhitespace || !$0.isASCII }) else {
                throw settings.error("id_prefix", "must be a tag: or urn: URI prefix without spaces (entry ids must not be URLs), not '\(prefix)'")
            }
            idPrefix = prefix
        }

        let home = base ?? website?.baseURL ?? FeedConfig.origin(of: template)
        // Attachments are where the website writes them, under its base_url.
        let files = website?.baseURL ?? base
        self.init(channel: settings.name, output: output, formats: formats, maxItems: maxItems, textLimit: textLimit,
                  title: try settings.string("title") ?? settings.name, homeURL: home,
                  itemURLTemplate: template, idPrefix: idPrefix, filesBaseURL: files)
    }

    private static func checkHTTP(_ url: String, key: String, settings: ChannelSettings) throws {
        let probe = url.replacingOccurrences(of: "{id}", with: "x")
        guard let parsed = URL(string: probe), let scheme = parsed.scheme?.lowercased(),
              scheme == "http" || scheme == "https", parsed.host?.isEmpty == false else {
            throw settings.error(key, "must be an absolute http(s) URL, not '\(Redacted.url(url))'")
        }
    }

    static func withSlash(_ url: String) -> String { url.hasSuffix("/") ? url : url + "/" }

    static func origin(of template: String) -> String {
        guard let url = URL(string: template.replacingOccurrences(of: "{id}", with: "x")),
              let scheme = url.scheme, let host = url.host else { return template }
        return "\(scheme)://\(host)\(url.port.map { ":\($0)" } ?? "")/"
    }
}
