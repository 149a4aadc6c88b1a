import Foundation
import Logging
import TOMLKit

/// Reads and checks `pubsync.toml`: every problem is one `.config` error naming the file and key.
public struct ConfigLoader: Sendable {
    /// The adapter factories by kind (the executable registers them).
    public let factories: [String: any ChannelFactory]
    /// The process environment.
    public let environment: [String: String]

    /// Creates a loader with the given factories.
    public init(factories: [any ChannelFactory], environment: [String: String] = ProcessInfo.processInfo.environment) {
        var byKind: [String: any ChannelFactory] = [:]
        for factory in factories { byKind[factory.kind] = factory }
        self.factories = byKind
        self.environment = environment
    }

    static let topLevelKeys: Set<String> = ["timezone", "store", "channels", "audit", "disclosure", "check", "attachments"]
    static let commonChannelKeys: Set<String> = ["name", "kind", "title", "include_categories", "exclude_categories"]

    /// Loads the config at `file`, building every channel's adapter.
    public func load(_ file: URL, logger: Logger = Logger(label: "pubsync")) throws -> PubsyncConfig {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw PubsyncError(.config, "no config file at \(file.path): run 'pubsync init' or pass --config FILE (or set PUBSYNC_CONFIG)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PubsyncError(.config, "\(file.path): not valid UTF-8 text")
        }
        return try load(text: text, file: file, logger: logger)
    }

    /// Loads a config from its text; `file` names it in messages and anchors relative paths.
    public func load(text: String, file: URL, logger: Logger = Logger(label: "pubsync")) throws -> PubsyncConfig {
        let root = Self.convert(try TOMLText.table(text, file: file, code: .config))
        func fail(_ key: String, _ problem: String) -> PubsyncError {
            PubsyncError(.config, "\(file.path): key '\(key)' \(problem)")
        }
        if let unknown = root.keys.filter({ !Self.topLevelKeys.contains($0) }).sorted().first {
            throw fail(unknown, "is not a known setting (known: \(Self.topLevelKeys.sorted().joined(separator: ", ")))")
        }
        let timeZone = try Self.timeZone(root["timezone"], fail: fail)
        let storePath = try Self.storePath(root["store"], file: file, fail: fail)
        let audit = try Self.audit(root["audit"], file: file, fail: fail)
        let disclosure = try DisclosureSettings.load(root["disclosure"], fail: fail)
        let attachments = try Self.attachments(root["attachments"], fail: fail)
        let channels = try loadChannels(root["channels"], file: file, storePath: storePath, fail: fail, disclosure: disclosure, logger: logger)
        var config = PubsyncConfig(file: file, timeZone: timeZone, storePath: storePath, channels: channels, audit: audit, disclosure: disclosure,
                                   attachments: attachments)
        config.check = try Self.check(root["check"], fail: fail)
        return config
    }

    private func loadChannels(_ value: ConfigValue?, file: URL, storePath: String, fail: (String, String) -> PubsyncError, disclosure: DisclosureSettings,
                              logger: Logger) throws -> [ConfiguredChannel] {
        guard let value else { return [] }
        guard case .array(let entries) = value else { throw fail("channels", "must be an array of tables ([[channels]])") }
        var raw: [(settings: ChannelSettings, routing: ChannelRouting)] = []
        var names: Set<String> = []
        for (index, entry) in entries.enumerated() {
            let label = "channels[\(index + 1)]"
            guard case .table(let values) = entry else { throw fail(label, "must be a table ([[channels]])") }
            guard case .string(let name)? = values["name"], !name.isEmpty else { throw fail("\(label).name", "is missing or not a string") }
            guard ItemID.isValid(name) else { throw fail("\(label).name", "'\(name)' must be a lower-case slug (a-z, 0-9, '.', '_', '-')") }
            guard names.insert(name).inserted else { throw fail("\(label).name", "'\(name)' is a duplicate channel name") }
            guard case .string(let kind)? = values["kind"] else { throw fail("\(label).kind", "is missing or not a string (channel '\(name)')") }
            guard let factory = factories[kind] else {
                throw fail("\(label).kind", "'\(kind)' is not a known channel kind (known: \(factories.keys.sorted().joined(separator: ", ")))")
            }
            var allowed = Self.commonChannelKeys.union(factory.allowedKeys)
            if allowed.contains("output") { allowed.insert(OutputFolderRule.followKey) }
            if let unknown = values.keys.filter({ !allowed.contains($0) }).sorted().first {
                throw fail("\(label).\(unknown)", "is not a setting of a '\(kind)' channel (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
            let settings = ChannelSettings(name: name, kind: kind, values: values, configFile: file, environment: environment)
            try OutputFolderRule.check(settings, configFile: file, storePath: storePath)
            let include = try settings.strings("include_categories").map(Set.init)
            let exclude = Set(try settings.strings("exclude_categories") ?? [])
            raw.append((settings, ChannelRouting(include: include, exclude: exclude)))
        }
        // The first website channel's addresses (in config order), for channels that link to its pages.
        let website = raw.lazy.compactMap { self.factories[$0.settings.kind]!.websiteAddresses($0.settings) }.first
        return try raw.map { entry in
            var settings = ChannelSettings(name: entry.settings.name, kind: entry.settings.kind, values: entry.settings.values,
                                           configFile: file, environment: environment, website: website)
            settings.disclosure = disclosure
            var channelLogger = logger
            channelLogger[metadataKey: "channel"] = .string(settings.name)
            let adapter = try factories[settings.kind]!.make(settings, logger: channelLogger)
            return ConfiguredChannel(settings: settings, routing: entry.routing, adapter: adapter)
        }
    }

    private static func timeZone(_ value: ConfigValue?, fail: (String, String) -> PubsyncError) throws -> TimeZone {
        guard let value else { return TimeZone.current }
        guard case .string(let identifier) = value else { throw fail("timezone", "must be a string like \"Asia/Shanghai\"") }
        guard let zone = TimeZone(identifier: identifier) else { throw fail("timezone", "'\(identifier)' is not a known time zone (e.g. \"Asia/Shanghai\")") }
        return zone
    }

    private static func storePath(_ value: ConfigValue?, file: URL, fail: (String, String) -> PubsyncError) throws -> String {
        guard let value else { throw fail("store", "is missing: add [store] with path = \"pubsync.db\"") }
        guard case .table(let store) = value else { throw fail("store", "must be a table ([store])") }
        if let unknown = store.keys.filter({ $0 != "path" }).sorted().first { throw fail("store.\(unknown)", "is not a known setting (known: path)") }
        guard let pathValue = store["path"] else { throw fail("store.path", "is missing") }
        guard case .string(let path) = pathValue, !path.isEmpty else { throw fail("store.path", "must be a non-empty string") }
        return resolve(path, against: file)
    }

    private static func audit(_ value: ConfigValue?, file: URL, fail: (String, String) -> PubsyncError) throws -> AuditSettings {
        guard let value else { return AuditSettings(rules: ["cn-id-number", "cn-mobile", "secrecy-marking"], wordsFile: nil) }
        guard case .table(let audit) = value else { throw fail("audit", "must be a table ([audit])") }
        if let unknown = audit.keys.filter({ !["rules", "words_file"].contains($0) }).sorted().first {
            throw fail("audit.\(unknown)", "is not a known setting (known: rules, words_file)")
        }
        var rules = ["cn-id-number", "cn-mobile", "secrecy-marking"]
        if let rulesValue = audit["rules"] {
            guard case .array(let elements) = rulesValue else { throw fail("audit.rules", "must be an array of rule names") }
            rules = try elements.map { element in
                guard case .string(let name) = element else { throw fail("audit.rules", "must hold only strings") }
                // Refused here, when the config loads, not first when `audit` runs.
                guard AuditRules.names.contains(name) else {
                    throw fail("audit.rules", "names the unknown rule '\(Redacted.excerpt(name))' (known: \(AuditRules.names.joined(separator: ", ")))")
                }
                return name
            }
        }
        var wordsFile: URL?
        if let wordsValue = audit["words_file"] {
            guard case .string(let path) = wordsValue, !path.isEmpty else { throw fail("audit.words_file", "must be a non-empty string") }
            wordsFile = URL(fileURLWithPath: resolve(path, against: file))
        }
        if rules.contains(WordListRule.ruleName), wordsFile == nil {
            throw fail("audit.rules", "names the rule '\(WordListRule.ruleName)', which needs [audit] words_file")
        }
        return AuditSettings(rules: rules, wordsFile: wordsFile)
    }

    private static func attachments(_ value: ConfigValue?, fail: (String, String) -> PubsyncError) throws -> AttachmentSettings {
        guard let value else { return AttachmentSettings() }
        guard case .table(let table) = value else { throw fail("attachments", "must be a table ([attachments])") }
        if let unknown = table.keys.filter({ $0 != "max_mb" }).sorted().first {
            throw fail("attachments.\(unknown)", "is not a known setting (known: max_mb)")
        }
        guard let limit = table["max_mb"] else { return AttachmentSettings() }
        guard case .integer(let megabytes) = limit, (1...4096).contains(megabytes) else {
            throw fail("attachments.max_mb", "must be a whole number of megabytes from 1 to 4096")
        }
        return AttachmentSettings(maxMB: Int(megabytes))
    }

    static func resolve(_ path: String, against file: URL) -> String {
        if path.hasPrefix("/") { return path }
        return file.deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL.path
    }

    static func convert(_ table: TOMLTable) -> [String: ConfigValue] {
        var result: [String: ConfigValue] = [:]
        for key in table.keys {
            if let value = table[key] { result[key] = convert(value) }
        }
        return result
    }

    static func convert(_ value: any TOMLValueConvertible) -> ConfigValue {
        switch value.type {
        case .table: return .table(value.table.map(convert) ?? [:])
        case .array: return .array(value.array.map { array in array.map { convert($0) } } ?? [])
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .double(value.double ?? 0)
        case .bool: return .bool(value.bool ?? false)
        default: return .date(value.tomlValue.debugDescription)
        }
    }
}
