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

/// The adapter's small state file in the output folder: the live tombstones. (What files the
/// channel owns is in the shared `OutputManifest`.)
struct FeedState: Codable, Equatable, Sendable {
    /// The state file's name.
    static let fileName = ".pubsync-feed-state.json"

    /// Layout version of this file.
    var version = 1
    /// Files the adapter wrote, as state files before the shared manifest listed them; read
    /// once to take ownership over, never written again.
    var files: [String]?
    /// Tombstones, newest first.
    var tombstones: [Tombstone] = []

    /// Decodes the state file's bytes; a missing file is an empty state, and so is an
    /// unparsable one (with the problem, for the log), because a damaged state file must not
    /// block a retraction.
    static func decode(_ bytes: [UInt8]?, file: String) -> (FeedState, problem: String?) {
        guard let bytes else { return (FeedState(), nil) }
        do {
            return (try JSONDecoder().decode(FeedState.self, from: Data(bytes)), nil)
        } catch {
            return (FeedState(), "cannot parse \(file) (\(error)); starting without tombstones")
        }
    }

    /// The file's bytes (sorted keys, so equal states give equal bytes).
    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return Array(data)
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
