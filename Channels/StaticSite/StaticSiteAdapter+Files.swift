import ChannelSupport
import Foundation
import PubsyncCore

extension StaticSiteAdapter {
    /// Marks the item pages that link to an attachment file which is missing or whose bytes no
    /// longer hash to the SHA-256 it was written with as `edited:file:PATH`, so reconcile
    /// reports the item stale and `reconcile --repair` publishes it (and its file) again.
    func markBrokenFiles(_ entries: inout [LiveEntry], manifest: OutputManifest, folder: OutputFolder) {
        var broken: [(path: String, needle: [UInt8])] = []
        for (path, entry) in manifest.entries where StaticSiteSession.isFile(path) {
            let digest = StaticSiteSession.contentDigest(folder, path)
            guard digest == nil || digest != entry.sha256 else { continue }
            // Pages link to `files/{sha256}/…`: the folder part finds them whatever the template.
            let parts = path.split(separator: "/")
            guard parts.count == 3 else { continue }
            broken.append((path, Array("files/\(parts[1])/".utf8)))
            logger.warning("attachment file \(folder.root)/\(path) is \(digest == nil ? "missing" : "changed since pubsync wrote it")")
        }
        guard !broken.isEmpty else { return }
        for index in entries.indices where entries[index].contentHash?.hasPrefix("edited:") != true {
            guard let bytes = try? folder.read(SitePaths.item(entries[index].id)) else { continue }
            if let hit = broken.first(where: { bytes.firstRange(of: $0.needle) != nil }) {
                entries[index].contentHash = "edited:file:" + hit.path
            }
        }
    }
}
