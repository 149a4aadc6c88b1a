import Foundation
import Logging
import PubsyncCore

/// Builds `http-push` adapters (the city portal, over the Portal Push API).
public struct PortalPushFactory: ChannelFactory {
    /// The retry timing every adapter built here uses (tests make it short).
    public var retryPolicy: PortalRetryPolicy

    /// Creates the factory; the default policy is the production one.
    public init(retryPolicy: PortalRetryPolicy = PortalRetryPolicy()) {
        self.retryPolicy = retryPolicy
    }

    /// `http-push`.
    public var kind: String { "http-push" }

    /// The keys an `http-push` channel accepts.
    public var allowedKeys: Set<String> {
        ["url", "token_env", "token_file", "ca_file", "public_url", "format", "concurrency", "timeout_s", "max_attempts",
         "allow_insecure_http"]
    }

    /// Checks the settings (never the token) and builds the adapter.
    public func make(_ settings: ChannelSettings, logger: Logger) throws -> any ChannelAdapter {
        let config = try PortalPushConfig(settings)
        return PortalPushAdapter(config: config, policy: retryPolicy, logger: logger)
    }
}

/// An `http-push` channel's settings, checked.
struct PortalPushConfig: Sendable {
    enum Format: String, Sendable { case json, xml }
    enum TokenSource: Sendable {
        case environment(String)
        case file(URL)
    }

    var channel: String
    var baseURL: URL
    var token: TokenSource
    var environment: [String: String]
    var publicURL: String?
    var format: Format
    var concurrency: Int
    var timeout: Double
    var maxAttempts: Int

    init(_ settings: ChannelSettings) throws {
        channel = settings.name
        let urlText = try settings.requiredString("url")
        guard let url = URL(string: urlText), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil, url.query == nil, url.fragment == nil, url.user == nil, url.password == nil else {
            throw settings.error("url", "must be an http:// or https:// URL without query, fragment or credentials, not '\(Redacted.url(urlText))'")
        }
        // The token travels in a header: over plain HTTP only to this machine, unless the config says so.
        if scheme == "http", !Self.isLoopback(url.host ?? ""), try settings.bool("allow_insecure_http") != true {
            throw settings.error("url", "is plain http:// to '\(Redacted.excerpt(url.host ?? ""))', which would send the token unencrypted; use https://, or set allow_insecure_http = true")
        }
        baseURL = url
        let tokenEnv = try settings.string("token_env")
        let tokenFile = try settings.path("token_file")
        switch (tokenEnv, tokenFile) {
        case (let name?, nil):
            guard !name.isEmpty else { throw settings.error("token_env", "must name an environment variable") }
            token = .environment(name)
        case (nil, let file?):
            token = .file(file)
        case (nil, nil):
            throw settings.error("token_env", "is missing (give token_env or token_file)")
        case (_?, _?):
            throw settings.error("token_file", "cannot be given together with token_env (give exactly one)")
        }
        environment = settings.environment
        if try settings.path("ca_file") != nil {
            // Not wired to the HTTP client's TLS settings yet: refuse rather than fail TLS later.
            throw settings.error("ca_file", "is not supported yet; add the private CA to the system trust store (update-ca-certificates) instead")
        }
        if let template = try settings.string("public_url") {
            guard template.contains("{id}"), template.hasPrefix("http://") || template.hasPrefix("https://") else {
                throw settings.error("public_url", "must be an http(s) URL template containing {id}, not '\(Redacted.url(template))'")
            }
            publicURL = template
        }
        let formatText = try settings.string("format") ?? "json"
        guard let format = Format(rawValue: formatText) else {
            throw settings.error("format", "must be \"json\" or \"xml\", not \"\(formatText)\"")
        }
        self.format = format
        concurrency = try settings.integer("concurrency", in: 1...64) ?? 4
        let timeout = try settings.number("timeout_s") ?? 30
        guard timeout > 0, timeout <= 600 else { throw settings.error("timeout_s", "must be more than 0 and at most 600, not \(timeout)") }
        self.timeout = timeout
        maxAttempts = try settings.integer("max_attempts", in: 1...20) ?? 5
    }

    /// Whether `host` is this machine (127.0.0.0/8, ::1, localhost).
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host.hasPrefix("127.")
    }

    /// `{url}/items/{id}`.
    func itemURL(_ id: String) -> URL {
        baseURL.appendingPathComponent("items", isDirectory: true).appendingPathComponent(id, isDirectory: false)
    }

    /// `{url}/files/{sha256}`.
    func fileURL(_ sha256: String) -> URL {
        baseURL.appendingPathComponent("files", isDirectory: true).appendingPathComponent(sha256, isDirectory: false)
    }

    /// `{url}/items?limit=N[&after=ID]`.
    func listURL(after: String?, limit: Int) -> URL {
        var components = URLComponents(url: baseURL.appendingPathComponent("items", isDirectory: false),
                                       resolvingAgainstBaseURL: false)!
        var query = [URLQueryItem(name: "limit", value: String(limit))]
        if let after { query.append(URLQueryItem(name: "after", value: after)) }
        components.queryItems = query
        return components.url!
    }

    /// The item's public address on the portal, from `public_url`.
    func publicAddress(_ id: String) -> String? {
        publicURL?.replacingOccurrences(of: "{id}", with: id)
    }

    /// Where the token comes from, for messages (never the token itself).
    var tokenSourceDescription: String {
        switch token {
        case .environment(let name): return "the environment variable \(name)"
        case .file(let url): return "the token file \(url.path)"
        }
    }
}
