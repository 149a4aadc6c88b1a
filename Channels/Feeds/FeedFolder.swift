import ChannelSupport
import Foundation
import PubsyncCore

/// A feed channel's output folder and what pubsync owns in it: the three feed files and the
/// state file, as recorded in the shared `OutputManifest`. Anything else there is foreign.
struct FeedFolder {
    /// The confined folder.
    let folder: OutputFolder
    /// What pubsync created there.
    var manifest: OutputManifest
    /// Tombstones (empty when the state file is missing or unreadable, see `problem`).
    var state: FeedState
    /// Why the state file could not be used, for the log.
    var problem: String?

    /// Opens the folder (creating it when `create`; nil when it does not exist and is not
    /// created) and reads the manifest and state. A corrupt manifest throws `.inventory`.
    static func open(_ config: FeedConfig, create: Bool) throws -> FeedFolder? {
        let folder: OutputFolder
        if create {
            folder = try OutputFolder(output: config.output, channel: config.channel)
        } else {
            guard let existing = OutputFolder(existing: config.output, channel: config.channel) else { return nil }
            folder = existing
        }
        var manifest = try OutputManifest.load(from: folder, channel: config.channel)
        let stateBytes: [UInt8]?
        do {
            stateBytes = try folder.read(FeedState.fileName)
        } catch {
            return FeedFolder(folder: folder, manifest: manifest, state: FeedState(), problem: "\(error)")
        }
        var (state, problem) = FeedState.decode(stateBytes, file: folder.root + "/" + FeedState.fileName)
        // Written before the manifest was shared: the state file listed the files it wrote.
        if manifest.entries.isEmpty, stateBytes != nil, problem == nil {
            let known = Set(FeedFormat.allCases.map(\.fileName))
            for name in [FeedState.fileName] + (state.files ?? []).filter(known.contains) {
                manifest.entries[name] = ManifestEntry(sha256: nil)
            }
        }
        if stateBytes != nil, !manifest.owns(FeedState.fileName) {
            (state, problem) = (FeedState(), nil)  // not ours: never read as our tombstones
        }
        state.files = nil
        return FeedFolder(folder: folder, manifest: manifest, state: state, problem: problem)
    }

    /// Every path the channel writes under `config`: its formats' files and the state file.
    static func targets(_ config: FeedConfig) -> [String] {
        config.formats.map(\.fileName) + [FeedState.fileName]
    }

    /// The channel's output paths that hold a file pubsync did not create.
    func foreign(_ config: FeedConfig) -> [String] {
        folder.foreign(FeedFolder.targets(config), manifest: manifest)
    }
}
