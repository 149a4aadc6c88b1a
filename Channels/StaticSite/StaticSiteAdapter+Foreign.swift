import ChannelSupport
import Foundation
import PubsyncCore

/// Files pubsync did not create at the site's output paths: reconcile lists them as foreign
/// (`file:PATH`); a sync that would write there fails that item (or the flush) instead.
extension StaticSiteAdapter: ForeignFileReporting {
    /// The pages every site has, whatever it publishes.
    static let fixedPaths = [SitePaths.home, SitePaths.sitemap, SitePaths.catalogue(), SiteExtras.disclosurePath,
                             SiteExtras.searchPath, SearchScript.path]

    /// The fixed pages and the item pages (`items/*.html`) present on disk that the manifest
    /// does not own (a symlink there counts, and is never followed); a folder of item pages that
    /// is a symlink leading out of the output folder is listed as `items`. A manifest that cannot
    /// be read throws `.inventory`: the listing failed, it is not "none".
    public func foreignFiles() async throws -> [String] {
        guard let folder = OutputFolder(existing: config.output, channel: name) else { return [] }
        let manifest = try OutputManifest.load(from: folder, channel: name)
        var paths = Self.fixedPaths
        let pages: [String]?
        do {
            pages = try folder.names(in: "items")
        } catch {
            return folder.foreign(paths, manifest: manifest) + ["items"]
        }
        paths += (pages ?? []).filter { $0.hasSuffix(".html") && !$0.hasPrefix(".") }.sorted().map { "items/" + $0 }
        return folder.foreign(paths, manifest: manifest)
    }
}
