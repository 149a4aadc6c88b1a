import Foundation

/// Which categories a channel takes when an item has no channel list of its own.
public struct ChannelRouting: Sendable, Hashable {
    /// Only these categories, when set.
    public var include: Set<String>?
    /// Never these categories.
    public var exclude: Set<String>

    /// Creates routing rules.
    public init(include: Set<String>? = nil, exclude: Set<String> = []) {
        self.include = include
        self.exclude = exclude
    }

    /// A stable text of the rules, remembered with the channel's sync cursor.
    public var digest: String {
        let include = self.include.map { "include:" + $0.sorted().joined(separator: ",") } ?? "include:*"
        return include + ";exclude:" + exclude.sorted().joined(separator: ",")
    }

    /// Whether channel `channel` with these rules takes an item of `category` with the item's own `channels` list.
    public func accepts(channel: String, category: String, itemChannels: [String]?) -> Bool {
        if let itemChannels { return itemChannels.contains(channel) }
        if exclude.contains(category) { return false }
        if let include { return include.contains(category) }
        return true
    }
}

/// One configured channel: its settings, routing, and the adapter built from them.
public struct ConfiguredChannel: Sendable {
    /// The settings as read.
    public var settings: ChannelSettings
    /// Routing rules.
    public var routing: ChannelRouting
    /// The adapter.
    public var adapter: any ChannelAdapter

    /// The channel's name.
    public var name: String { settings.name }
}

/// The `[audit]` section.
public struct AuditSettings: Sendable {
    /// Rule names to run.
    public var rules: [String]
    /// The word-list file for the `words` rule.
    public var wordsFile: URL?
}

/// A loaded, checked `pubsync.toml`.
public struct PubsyncConfig: Sendable {
    /// The config file.
    public var file: URL
    /// The zone "today" is decided in.
    public var timeZone: TimeZone
    /// The SQLite store file.
    public var storePath: String
    /// Channels in config order.
    public var channels: [ConfiguredChannel]
    /// Audit settings.
    public var audit: AuditSettings
    /// The `[disclosure]` section.
    public var disclosure = DisclosureSettings()

    /// Attachment limits (`[attachments]`).
    public var attachments = AttachmentSettings()

    /// The office's column order: the `column_order` list of the first channel that has one (the site's).
    public var columnOrder: ColumnOrder {
        for channel in channels {
            if case .array(let values)? = channel.settings.values["column_order"] {
                return ColumnOrder(values.compactMap { if case .string(let name) = $0 { return name } else { return nil } })
            }
        }
        return ColumnOrder()
    }
    /// `[check]`: what `pubsync check` expects of the columns.
    public var check = CheckSettings()

    /// The channel named `name`, or a `.notFound` error listing the configured ones.
    public func channel(named name: String) throws -> ConfiguredChannel {
        guard let channel = channels.first(where: { $0.name == name }) else {
            let known = channels.map(\.name).joined(separator: ", ")
            throw PubsyncError(.notFound, "no channel '\(name)' in \(file.path) (configured: \(known.isEmpty ? "none" : known))")
        }
        return channel
    }

    /// Today's date in the configured zone.
    public func today(at now: Date) -> LocalDate {
        LocalDate(now, in: timeZone)
    }

    /// Where the config is found: `--config`, else `$PUBSYNC_CONFIG`, else `./pubsync.toml`.
    public static func locate(explicit: String?, environment: [String: String]) -> URL {
        let path = explicit ?? environment["PUBSYNC_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? "pubsync.toml"
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
        return url.standardizedFileURL
    }
}
