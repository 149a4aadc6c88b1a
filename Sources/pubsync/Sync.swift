import ArgumentParser
import Foundation
import PubsyncCore

/// Options shared by `sync` and `publish`.
struct GuardOptions: ParsableArguments {
    @Option(name: .customLong("max-delete"), help: ArgumentHelp("Refuse more routine removals than this on a channel (retractions are exempt).", valueName: "N"))
    var maxDelete = 20

    @Flag(name: .customLong("allow-empty"), help: "Allow a run to remove every item of a channel.")
    var allowEmpty = false

    func validate() throws {
        if maxDelete < 0 { throw ValidationError("--max-delete must be zero or more") }
    }
}

extension Pubsync {
    /// `pubsync sync`: publish what is approved and due, everywhere, and retry what failed.
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish what is approved and due to every channel (or the named ones), retrying what failed.")

        @Option(name: .customLong("channel"), help: ArgumentHelp("Only this channel (repeatable).", valueName: "C"))
        var channels: [String] = []

        @Flag(help: "Plan from the whole store instead of only what changed.")
        var full = false

        @Flag(name: .customLong("dry-run"), help: "Show what would be done; change nothing anywhere.")
        var dryRun = false

        @OptionGroup var guards: GuardOptions

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var lockOptions: LockOptions

        func run() async throws {
            let workspace = try global.openWorkspace()
            var options = SyncOptions()
            options.full = full
            options.dryRun = dryRun
            options.maxDelete = guards.maxDelete
            options.allowEmpty = guards.allowEmpty
            let code = try await SyncRunner(workspace: workspace, command: "sync", lockOptions: lockOptions)
                .run(channelNames: channels, options: options, json: json, includeOps: false)
            if code != 0 { throw ExitCode(code) }
        }
    }

    /// `pubsync plan`: what sync would do; changes nothing.
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show what sync would do, operation by operation; changes nothing.")

        @Option(name: .customLong("channel"), help: ArgumentHelp("Only this channel (repeatable).", valueName: "C"))
        var channels: [String] = []

        @Flag(help: "Plan from the whole store instead of only what changed.")
        var full = false

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let workspace = try global.openWorkspace()
            var options = SyncOptions()
            options.full = full
            options.dryRun = true
            let code = try await SyncRunner(workspace: workspace, command: "plan", lockOptions: LockOptions())
                .run(channelNames: channels, options: options, json: json, includeOps: true)
            if code != 0 { throw ExitCode(code) }
        }
    }

    /// `pubsync publish --channel C [ID...]`: one channel now.
    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish to one channel now (optionally only the named items).")

        @Option(name: .customLong("channel"), help: ArgumentHelp("The channel.", valueName: "C"))
        var channel: String

        @Argument(help: ArgumentHelp("Only these items (owed retractions always run first).", valueName: "ID"))
        var ids: [String] = []

        @OptionGroup var guards: GuardOptions

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var lockOptions: LockOptions

        func run() async throws {
            let workspace = try global.openWorkspace()
            var options = SyncOptions()
            options.maxDelete = guards.maxDelete
            options.allowEmpty = guards.allowEmpty
            options.onlyItems = ids.isEmpty ? nil : Set(ids)
            let code = try await SyncRunner(workspace: workspace, command: "publish", lockOptions: lockOptions)
                .run(channelNames: [channel], options: options, json: json, includeOps: false, explainIDs: ids)
            if code != 0 { throw ExitCode(code) }
        }
    }
}

/// The common path of sync, plan and publish: the core's `SyncRun` (checks, lock, engine), then output.
struct SyncRunner {
    let workspace: Workspace
    let command: String
    let lockOptions: LockOptions

    /// Runs; `explainIDs` (publish) names why each of them is not live on the channel afterwards (exit 3 then).
    func run(channelNames: [String], options: SyncOptions, json: Bool, includeOps: Bool, explainIDs: [String] = []) async throws -> Int32 {
        let config = workspace.config
        let selected = try channelNames.isEmpty ? config.channels : channelNames.map { try config.channel(named: $0) }
        var engine = SyncEngine(store: workspace.store, config: config, logger: Workspace.logger,
                                failpoint: Failpoint(ProcessInfo.processInfo.environment["PUBSYNC_FAILPOINT"]))
        var options = options
        // Test knob: small batches make crash tests cover many flush/record boundaries.
        if let size = ProcessInfo.processInfo.environment["PUBSYNC_BATCH_SIZE"].flatMap(Int.init), size > 0 { options.batchSize = size }
        if !options.dryRun { engine.progress = SyncOutput.progressReporter() }
        let outcome = try await SyncRun(engine: engine).run(selected, options: options, explain: explainIDs,
                                                            lock: { try workspace.lock(command, options: lockOptions) })
        let (results, notPublished) = (outcome.results, outcome.notPublished)
        SyncOutput.print(results, json: json, includeOps: includeOps, notPublished: notPublished)
        let code = SyncOutput.exitCode(results)
        return code == 0 && !notPublished.isEmpty ? 3 : code
    }
}
