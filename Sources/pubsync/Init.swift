import ArgumentParser
import Foundation
import PubsyncCore

extension Pubsync {
    /// `pubsync init [DIR]`: a commented config and an empty store; never overwrites either.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a commented pubsync.toml and an empty store (never overwrites).")

        @Argument(help: ArgumentHelp("The folder to set up (default: the current folder).", valueName: "DIR"))
        var directory: String?

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let fileManager = FileManager.default
            let configURL: URL
            if let directory {
                let folder = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: fileManager.currentDirectoryPath)).standardizedFileURL
                try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
                configURL = folder.appendingPathComponent("pubsync.toml")
            } else {
                configURL = global.configURL
            }
            let wroteConfig = try AtomicWrite.create(Data(InitTemplate.config.utf8), at: configURL)
            let config = try ConfigLoader(factories: ChannelKinds.factories).load(configURL, logger: Workspace.logger)
            if fileManager.fileExists(atPath: config.storePath) {
                if wroteConfig { print("wrote \(configURL.path)") }
                throw PubsyncError(.usage, "a store already exists at \(config.storePath); init never overwrites it")
            }
            _ = try ItemStore(path: config.storePath)
            print(wroteConfig ? "wrote \(configURL.path)" : "kept the existing \(configURL.path)")
            print("created the store \(config.storePath)")
        }
    }
}
