import Foundation

/// An RFC 6721 tombstone: the withdrawn entry's id and the retraction time, nothing else.
struct Tombstone: Codable, Hashable, Sendable {
    /// The item id (to drop the tombstone when the item is published again).
    var id: String
    /// The entry id the readers saw (`ref`).
    var ref: String
    /// The retraction time, whole seconds since 1970.
    var when: Int

    /// The retraction time as a date.
    var date: Date { Date(timeIntervalSince1970: TimeInterval(when)) }
}

/// The adapter's small state file in the output folder: the files it wrote (so a format
/// dropped from the config is deleted, never left stale with retracted items in it) and the
/// live tombstones.
struct FeedState: Codable, Equatable, Sendable {
    /// The state file's name.
    static let fileName = ".pubsync-feed-state.json"

    /// Layout version of this file.
    var version = 1
    /// Files the adapter wrote, by name.
    var files: [String] = []
    /// Tombstones, newest first.
    var tombstones: [Tombstone] = []

    /// Reads the state from `folder`; a missing file is an empty state, and so is an unreadable
    /// one (logged by the caller), because a damaged state file must not block a retraction.
    static func load(from folder: URL) -> (FeedState, problem: String?) {
        let url = folder.appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url) else {
            return (FeedState(), FileManager.default.fileExists(atPath: url.path) ? "cannot read \(url.path)" : nil)
        }
        do {
            return (try JSONDecoder().decode(FeedState.self, from: data), nil)
        } catch {
            return (FeedState(), "cannot parse \(url.path) (\(error)); starting without tombstones")
        }
    }

    /// The file's bytes (sorted keys, so equal states give equal bytes).
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Records a retraction at `now` (keeping an earlier time if the item is already tombstoned).
    mutating func retract(id: String, ref: String, now: Date) {
        guard !tombstones.contains(where: { $0.id == id }) else { return }
        tombstones.append(Tombstone(id: id, ref: ref, when: Int(now.timeIntervalSince1970.rounded(.down))))
    }

    /// Forgets the tombstone of an item that is published again.
    mutating func republished(id: String) {
        tombstones.removeAll { $0.id == id }
    }

    /// Drops tombstones older than the lifetime and orders the rest newest first.
    mutating func prune(now: Date, lifetime: TimeInterval) {
        tombstones.removeAll { now.timeIntervalSince($0.date) >= lifetime }
        tombstones.sort { $0.when != $1.when ? $0.when > $1.when : $0.id > $1.id }
    }
}
