import Foundation

/// The rule for a channel's `output` folder, checked when the config loads: a channel owns its
/// output folder and may replace or delete what it wrote there, so the folder must not be `/`,
/// the config's folder or a parent of it, nor contain the config file or the store; and it must
/// not be a symbolic link unless the channel says `follow_symlink = true`.
enum OutputFolderRule {
    /// The key that allows a symlinked output folder.
    static let followKey = "follow_symlink"

    /// Throws a `.config` error naming the channel's `output` key when the folder breaks the rule.
    static func check(_ settings: ChannelSettings, configFile: URL, storePath: String) throws {
        guard let output = try settings.path("output") else { return }
        let follow = try settings.bool(followKey) ?? false
        var info = stat()
        if lstat(output.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, !follow {
            throw settings.error("output", "'\(output.path)' is a symbolic link; point output at the real folder, or set \(followKey) = true")
        }
        let folder = real(output)
        if folder == "/" {
            throw settings.error("output", "must not be the root folder '/'")
        }
        let configFolder = real(configFile.deletingLastPathComponent())
        if configFolder == folder || configFolder.hasPrefix(folder + "/") {
            throw settings.error("output", "'\(output.path)' is the config's folder or a parent of it; use a folder of its own, e.g. \"out/\(settings.name)\"")
        }
        for (what, path) in [("the config file", real(configFile)), ("the store", real(URL(fileURLWithPath: storePath)))]
        where path.hasPrefix(folder + "/") {
            throw settings.error("output", "'\(output.path)' contains \(what) (\(path)); use a folder of its own, e.g. \"out/\(settings.name)\"")
        }
    }

    /// The absolute path with symbolic links resolved as far as the path exists.
    private static func real(_ url: URL) -> String {
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
