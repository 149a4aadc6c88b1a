import Foundation
import Logging
import PubsyncCore

/// Builds `static-site` adapters (the bureau website) from their `[[channels]]` settings.
public struct StaticSiteFactory: ChannelFactory {
    /// Creates the factory.
    public init() {}

    /// The `kind` this factory serves.
    public var kind: String { "static-site" }

    /// The keys a `static-site` channel accepts besides name, kind and routing.
    public var allowedKeys: Set<String> {
        Set(["output", "base_url", "title", "templates", "columns", "allow_raw_html", "column_order", "page_size"]).union(SiteFooter.keys)
    }

    /// The site's item pages under its `base_url` (when that is an address with a host).
    public func websiteAddresses(_ settings: ChannelSettings) -> WebsiteAddresses? {
        guard let base = (try? settings.string("base_url")) ?? nil, URL(string: base)?.host?.isEmpty == false else { return nil }
        return WebsiteAddresses(baseURL: base, itemURLTemplate: (base.hasSuffix("/") ? base : base + "/") + SitePaths.item("{id}"))
    }

    /// Checks the settings, loads the templates and builds the adapter.
    public func make(_ settings: ChannelSettings, logger: Logger) throws -> any ChannelAdapter {
        let config = try SiteConfig(settings)
        do {
            return try StaticSiteAdapter(name: settings.name, config: config, logger: logger)
        } catch var error as PubsyncError {
            if error.channel == nil { error.channel = settings.name }
            throw error
        }
    }
}
