import ArgumentParser
import Foundation
import PubsyncCore

/// The `pubsync` command: one canonical store, diff-published to every channel.
@main
struct Pubsync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pubsync",
        abstract: "Keep one canonical store of published items and diff-publish it to every channel.",
        discussion: "The config is found by --config FILE (before or after the command), else $PUBSYNC_CONFIG, else ./pubsync.toml.\n"
            + "Exit codes: 0 done, 1 an operation or listing failed, 2 bad usage, config or input, "
            + "3 drift or pending work, 4 a safety guard refused, 75 another run holds the lock.",        version: "0.1.0",
        subcommands: [Init.self, Import.self, Items.self, Show.self, Approve.self, Plan.self, Sync.self, Publish.self, Retract.self, Restore.self, Audit.self, Flags.self, Reconcile.self, Report.self, Status.self, Log.self, Backup.self, Templates.self, Repeal.self, Check.self, Serve.self, Users.self]
    )

    /// `pubsync --config FILE <command>`: the contract puts `--config` before the command, where
    /// argument-parser only looks for the root command's own options, so it is moved after it.
    static func hoistingGlobalOptions(_ arguments: [String]) -> [String] {
        var arguments = arguments
        var hoisted: [String] = []
        while let first = arguments.first, first.hasPrefix("--config") {
            if first == "--config", arguments.count >= 2 {
                hoisted += arguments.prefix(2)
                arguments.removeFirst(2)
            } else if first.hasPrefix("--config=") {
                hoisted.append(first)
                arguments.removeFirst()
            } else {
                break
            }
        }
        guard !hoisted.isEmpty else { return arguments }
        if let terminator = arguments.firstIndex(of: "--") {
            arguments.insert(contentsOf: hoisted, at: terminator)
        } else {
            arguments += hoisted
        }
        return arguments
    }

    /// Runs the command line, mapping every error to the exit codes of the contract:
    /// 0 done · 1 an operation failed · 2 bad usage, config or input · 3 drift or pending work ·
    /// 4 a guard refused · 75 locked.
    static func main() async {
        Heap.configure()
        do {
            var command = try parseAsRoot(hoistingGlobalOptions(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as PubsyncError {
            Terminal.error(error.description)
            Foundation.exit(error.exitCode)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Terminal.error(fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}
