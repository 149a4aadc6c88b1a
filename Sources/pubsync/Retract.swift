import ArgumentParser
import Foundation
import PubsyncCore

extension Pubsync {
    /// `pubsync retract`: take items off every channel now.
    struct Retract: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Retract items at once and remove them from every channel (waits up to 300 s for a running sync).",
            discussion: "A channel that fails keeps the removal pending; every later sync or publish retries it first.")

        @Argument(help: ArgumentHelp("The items to retract.", valueName: "ID"))
        var ids: [String] = []

        @Flag(help: "Retract every item with an open audit flag.")
        var flagged = false

        @Option(help: ArgumentHelp("Why (kept in the trail).", valueName: "TEXT"))
        var reason: String?

        @Option(help: ArgumentHelp("Who decides.", valueName: "NAME"))
        var by: String

        @Flag(name: .customLong("no-sync"), help: "Record the retraction only; the next sync takes the items down.")
        var noSync = false

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var lockOptions: LockOptions

        func validate() throws {
            if flagged == !ids.isEmpty { throw ValidationError("name the items to retract, or pass --flagged (not both)") }
            if !flagged && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reason is required when retracting by id") }
            if by.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--by needs a name") }
        }

        func run() async throws {
            let workspace = try global.openWorkspace()
            let lock = try workspace.lock("retract", options: lockOptions, defaultWait: 300)
            defer { withExtendedLifetime(lock) {} }
            var engine = SyncEngine(store: workspace.store, config: workspace.config, logger: Workspace.logger)
            engine.progress = SyncOutput.progressReporter()
            let outcome = try await Retraction(engine: engine).run(flagged ? .flagged : .items(ids), by: by, reason: reason, sync: !noSync)
            if json {
                Terminal.printJSON(outcome)
            } else {
                let targets = outcome.retracted
                print(targets.isEmpty ? "nothing to retract (no open flags)" : "retracted \(targets.joined(separator: ", "))")
                for channel in outcome.channels {
                    print("\(channel.name): removed \(channel.removed.count)\(channel.pending.isEmpty ? "" : ", still pending \(channel.pending.joined(separator: ", "))")")
                    if let error = channel.error { Terminal.error("channel '\(channel.name)': \(error)") }
                }
                if noSync { print("not synced (--no-sync): the next sync takes them down") }
                if !outcome.isComplete { Terminal.error("some removals are pending; they are retried first by the next sync or publish (see pubsync status)") }
            }
            if !outcome.isComplete { throw ExitCode(1) }
        }
    }

    /// `pubsync restore ID`: allow a retracted item to be published again.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Restore a retracted item (its approved revision is published by the next sync).")

        @Argument(help: ArgumentHelp("The item.", valueName: "ID"))
        var id: String

        @Option(help: ArgumentHelp("Who decides.", valueName: "NAME"))
        var by: String

        @Option(help: ArgumentHelp("Why (kept in the trail).", valueName: "TEXT"))
        var reason: String

        @OptionGroup var global: GlobalOptions
        @OptionGroup var lockOptions: LockOptions

        func run() throws {
            let workspace = try global.openWorkspace()
            let lock = try workspace.lock("restore", options: lockOptions)
            defer { withExtendedLifetime(lock) {} }
            try workspace.store.restore(id, by: by, reason: reason)
            print("\(id) restored; the next sync publishes it where it is routed")
        }
    }
}
