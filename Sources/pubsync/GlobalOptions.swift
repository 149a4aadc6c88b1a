import ArgumentParser
import Foundation
import Logging
import PubsyncCore

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The config file (default: $PUBSYNC_CONFIG, else ./pubsync.toml).", valueName: "FILE"))
    var config: String?

    /// The located config file.
    var configURL: URL {
        PubsyncConfig.locate(explicit: config, environment: ProcessInfo.processInfo.environment)
    }

    /// Loads and checks the config.
    func loadConfig() throws -> PubsyncConfig {
        try ConfigLoader(factories: ChannelKinds.factories).load(configURL, logger: Workspace.logger)
    }

    /// Opens the config and the store it names (the store must exist: `init` creates it).
    /// A command that only reads (`readOnly`) works on a store this user cannot write; any
    /// other command refuses such a store up front (exit 2) instead of failing mid-way.
    func openWorkspace(readOnly: Bool = false) throws -> Workspace {
        let config = try loadConfig()
        guard FileManager.default.fileExists(atPath: config.storePath) else {
            throw PubsyncError(.config, "no store at \(config.storePath) (from \(config.file.path)): run 'pubsync init' first")
        }
        let writable = ItemStore.isWritable(config.storePath)
        guard writable || readOnly else {
            let folder = URL(fileURLWithPath: config.storePath).deletingLastPathComponent().path
            throw PubsyncError(.config, "the store \(config.storePath) is read-only for this user (the file or its folder \(folder) is not writable), and this command writes to it; run it as the store's owner or fix the permissions")
        }
        return Workspace(config: config, store: try ItemStore(path: config.storePath, readOnly: !writable))
    }
}

/// Options of commands that write: how long to wait for another run's lock.
struct LockOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Wait up to this many seconds for another run's lock (default: 0, or 300 for retract).", valueName: "SECONDS"))
    var wait: Double?

    func validate() throws {
        if let wait, wait < 0 || !wait.isFinite { throw ValidationError("--wait must be zero or a positive number of seconds") }
    }
}

/// A loaded config with its open store.
struct Workspace {
    let config: PubsyncConfig
    let store: ItemStore

    /// The CLI's logger (libraries receive it; only the CLI makes one).
    static let logger: Logger = {
        var logger = Logger(label: "pubsync")
        logger.logLevel = ProcessInfo.processInfo.environment["PUBSYNC_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        return logger
    }()

    /// The audit rules that screen new revisions at import and approval; nil when `[audit] rules = []`.
    func screening() throws -> AuditRuleSet? {
        try config.screeningRules()
    }

    /// Takes the writers' lock for `command`.
    func lock(_ command: String, options: LockOptions, defaultWait: Double = 0) throws -> WriteLock {
        try WriteLock.acquire(storePath: config.storePath, wait: options.wait ?? defaultWait, command: command)
    }
}
