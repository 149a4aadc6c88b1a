import ArgumentParser
import Foundation
import PubsyncCore

extension Pubsync {
    /// `pubsync reconcile`: store vs ledger vs what is really on each channel.
    struct Reconcile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare what should be live, what the ledger records and what each channel really holds (exit 3 on drift).",
            discussion: "--repair re-puts missing and stale items and removes unexpected ones; foreign content is never touched.")

        @Option(name: .customLong("channel"), help: ArgumentHelp("Only this channel (repeat for several).", valueName: "C"))
        var channel: [String] = []

        @Flag(help: "Fix the drift found, then reconcile again.")
        var repair = false

        @Option(name: .customLong("max-delete"), help: ArgumentHelp("With --repair: refuse more routine removals than this per channel (default 20).", valueName: "N"))
        var maxDelete = SyncOptions().maxDelete

        @Flag(name: .customLong("allow-empty"), help: "With --repair: allow removing every live item of a channel.")
        var allowEmpty = false

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var lockOptions: LockOptions

        func validate() throws {
            if maxDelete < 0 { throw ValidationError("--max-delete must be zero or more") }
        }

        func run() async throws {
            let workspace = try global.openWorkspace()
            let config = workspace.config
            var seen = Set<String>()
            let selected = channel.isEmpty ? config.channels
                : try channel.filter { seen.insert($0).inserted }.map { try config.channel(named: $0) }
            let engine = SyncEngine(store: workspace.store, config: config, logger: Workspace.logger)
            try engine.checkNoChannelDisappeared()
            try SyncEngine.checkSecrets(selected)
            let lock = repair ? try workspace.lock("reconcile --repair", options: lockOptions) : nil
            defer { withExtendedLifetime(lock) {} }
            let reconciler = Reconciler(store: workspace.store, config: config, logger: Workspace.logger)
            let run = try await reconciler.run(selected, repair: repair ? .init(maxDelete: maxDelete, allowEmpty: allowEmpty) : nil)
            for repaired in run.repairs {
                let applied = repaired.applied
                if let refusal = applied.guardRefusal { Terminal.error(refusal) }
                if !json {
                    print("\(repaired.channel): repaired: put \(applied.put), removed \(applied.removed), failed \(applied.failed + applied.rejected)")
                }
            }
            let results = run.results
            if json {
                Terminal.printJSON(ReconcileOutput(results))
            } else {
                Terminal.printTable(header: ["CHANNEL", "EXPECTED", "LEDGER", "LIVE", "MISSING", "UNEXPECTED", "STALE", "FOREIGN"], rows: results.map { result in
                    result.error != nil ? [result.name, "\(result.expected)", "\(result.ledger)", "error", "-", "-", "-", "-"]
                        : [result.name, "\(result.expected)", "\(result.ledger)", "\(result.live)", "\(result.missing.count)",
                           "\(result.unexpected.count)", "\(result.stale.count)", "\(result.foreign.count)"]
                })
                for result in results {
                    for (label, ids) in [("missing", result.missing), ("unexpected", result.unexpected), ("stale", result.stale), ("foreign", result.foreign)] where !ids.isEmpty {
                        print("  \(result.name) \(label): \(ids.prefix(20).joined(separator: ", "))\(ids.count > 20 ? " … (\(ids.count))" : "")")
                    }
                    if let error = result.error { Terminal.error("channel '\(result.name)': listing failed: \(error.message)") }
                }
            }
            if run.guardRefused { throw ExitCode(4) }
            if run.listingFailed { throw ExitCode(1) }
            if run.hasDrift { throw ExitCode(3) }
        }
    }

    /// `pubsync backup FILE`: a consistent copy of the store.
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a consistent copy of the store (VACUUM INTO); never overwrites.")

        @Argument(help: ArgumentHelp("The new file.", valueName: "FILE"))
        var file: String

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let workspace = try global.openWorkspace()
            try workspace.store.backup(to: file)
            print("wrote \(file) (integrity check ok)")
        }
    }
}
