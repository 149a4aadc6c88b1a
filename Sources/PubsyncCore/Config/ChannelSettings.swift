import Foundation
import Logging

/// A config value as read from `pubsync.toml`, independent of the TOML library.
public enum ConfigValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    case date(String)
    case array([ConfigValue])
    case table([String: ConfigValue])

    /// The TOML type name, for error messages.
    public var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .double: return "a number"
        case .bool: return "a boolean"
        case .date: return "a date"
        case .array: return "an array"
        case .table: return "a table"
        }
    }
}

/// The settings of one `[[channels]]` entry, with typed getters whose errors name the key.
public struct ChannelSettings: Sendable {
    /// The channel's name (`name` key).
    public let name: String
    /// The adapter kind (`kind` key), e.g. `static-site`.
    public let kind: String
    /// All keys of the entry.
    public let values: [String: ConfigValue]
    /// The config file (for messages) and its folder (relative paths resolve against it).
    public let configFile: URL
    /// The process environment (token variables are read from it).
    public let environment: [String: String]
    /// Where the config's website channel serves its item pages, when it has one: resolved by the
    /// config loader from that channel's factory, so no channel needs to know another's kind or layout
    /// (a feed's default `item_url`).
    public var website: WebsiteAddresses?
    /// The config's `[disclosure]` section (the site links its 政府信息公开 section from it).
    public var disclosure = DisclosureSettings()

    /// Creates settings; the config loader does this.
    public init(name: String, kind: String, values: [String: ConfigValue], configFile: URL,
                environment: [String: String], website: WebsiteAddresses? = nil) {
        self.name = name
        self.kind = kind
        self.values = values
        self.configFile = configFile
        self.environment = environment
        self.website = website
    }

    /// The folder relative paths resolve against.
    public var baseDirectory: URL { configFile.deletingLastPathComponent() }

    /// An error that names the config file, the channel and the key.
    public func error(_ key: String, _ problem: String) -> PubsyncError {
        PubsyncError(.config, "\(configFile.path): channel '\(name)': key '\(key)' \(problem)", channel: name)
    }

    /// An optional string.
    public func string(_ key: String) throws -> String? {
        guard let value = values[key] else { return nil }
        guard case .string(let text) = value else { throw error(key, "must be a string, not \(value.typeName)") }
        return text
    }

    /// A string that must be present and not empty.
    public func requiredString(_ key: String) throws -> String {
        guard let text = try string(key) else { throw error(key, "is missing") }
        guard !text.isEmpty else { throw error(key, "must not be empty") }
        return text
    }

    /// An optional integer, checked against `range` when given.
    public func integer(_ key: String, in range: ClosedRange<Int>? = nil) throws -> Int? {
        guard let value = values[key] else { return nil }
        guard case .integer(let number) = value else { throw error(key, "must be an integer, not \(value.typeName)") }
        if let range, !range.contains(number) {
            throw error(key, "must be between \(range.lowerBound) and \(range.upperBound), not \(number)")
        }
        return number
    }

    /// An optional number (integer or floating point).
    public func number(_ key: String) throws -> Double? {
        guard let value = values[key] else { return nil }
        switch value {
        case .integer(let number): return Double(number)
        case .double(let number): return number
        default: throw error(key, "must be a number, not \(value.typeName)")
        }
    }

    /// An optional boolean.
    public func bool(_ key: String) throws -> Bool? {
        guard let value = values[key] else { return nil }
        guard case .bool(let flag) = value else { throw error(key, "must be true or false, not \(value.typeName)") }
        return flag
    }

    /// An optional array of strings.
    public func strings(_ key: String) throws -> [String]? {
        guard let value = values[key] else { return nil }
        guard case .array(let elements) = value else { throw error(key, "must be an array of strings, not \(value.typeName)") }
        return try elements.map { element in
            guard case .string(let text) = element else { throw error(key, "must hold only strings, found \(element.typeName)") }
            return text
        }
    }

    /// An optional table of string values (e.g. `[channels.columns]`).
    public func stringTable(_ key: String) throws -> [String: String]? {
        guard let value = values[key] else { return nil }
        guard case .table(let table) = value else { throw error(key, "must be a table, not \(value.typeName)") }
        return try table.mapValues { element in
            guard case .string(let text) = element else { throw error(key, "must hold only strings, found \(element.typeName)") }
            return text
        }
    }

    /// An optional path, resolved against the config file's folder.
    public func path(_ key: String) throws -> URL? {
        guard let text = try string(key) else { return nil }
        guard !text.isEmpty else { throw error(key, "must not be empty") }
        if text.hasPrefix("/") { return URL(fileURLWithPath: text).standardizedFileURL }
        return baseDirectory.appendingPathComponent(text).standardizedFileURL
    }

    /// A path that must be present.
    public func requiredPath(_ key: String) throws -> URL {
        guard let url = try path(key) else { throw error(key, "is missing") }
        return url
    }
}

/// Builds adapters of one kind from their settings; the executable registers one per kind.
public protocol ChannelFactory: Sendable {
    /// The `kind` value this factory serves, e.g. `static-site`.
    var kind: String { get }
    /// The keys this kind accepts besides the common ones (name, kind, routing); others are an error.
    var allowedKeys: Set<String> { get }
    /// Checks the settings and builds the adapter. Throws a `.config` error naming the key.
    /// Must not need secrets: those are checked by `SecretRequiring.checkSecrets()`.
    func make(_ settings: ChannelSettings, logger: Logger) throws -> any ChannelAdapter
    /// Where a channel of this kind with `settings` serves public item pages, when it is a website
    /// (nil otherwise, the default). The config loader hands the first website's addresses to every channel.
    func websiteAddresses(_ settings: ChannelSettings) -> WebsiteAddresses?
}

extension ChannelFactory {
    /// Not a website.
    public func websiteAddresses(_ settings: ChannelSettings) -> WebsiteAddresses? { nil }
}

/// Where a website channel serves its pages, for channels that link to them.
public struct WebsiteAddresses: Sendable, Hashable {
    /// The site's root address as configured (its `base_url`).
    public var baseURL: String
    /// An item page's address, `{id}` standing for the item id.
    public var itemURLTemplate: String

    /// Addresses of a website.
    public init(baseURL: String, itemURLTemplate: String) {
        self.baseURL = baseURL
        self.itemURLTemplate = itemURLTemplate
    }
}

/// Optional ability: an adapter that needs a secret (token) to talk to its channel.
public protocol SecretRequiring: ChannelAdapter {
    /// Throws a `.missingSecret` error naming the variable or file when the secret is unavailable.
    func checkSecrets() throws
}
