import ArgumentParser
import Foundation
import PubsyncCore

extension Pubsync {
    /// `pubsync audit`: run the audit rules over what is published and record flags.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Scan what is published (each item's approved revision and the revision each channel has live) with the [audit] rules; record findings as flags.")

        @Flag(help: "Also scan drafts and unapproved newer revisions.")
        var all = false

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var lockOptions: LockOptions

        func run() throws {
            let workspace = try global.openWorkspace()
            let auditor = try Auditor(store: workspace.store, settings: workspace.config.audit, configFile: workspace.config.file)
            let lock = try workspace.lock("audit", options: lockOptions)
            defer { withExtendedLifetime(lock) {} }
            let summary = try auditor.run(all: all, actor: ProcessInfo.processInfo.environment["USER"] ?? "pubsync")
            if auditor.isOff { Terminal.error("the audit is off ([audit] rules = [] in \(workspace.config.file.path)): nothing was scanned") }
            if json {
                Terminal.printJSON(AuditOutput(summary))
            } else {
                print("scanned \(summary.scanned) revisions (\(summary.bytes / 1024) KiB) and \(summary.attachmentsScanned) attachments: \(summary.newFlags) new flags")
                if !summary.unscanned.isEmpty {
                    print("\(summary.unscanned.count) attachments could not be read, so they were NOT scanned:")
                    for file in summary.unscanned {
                        print("  \(file.item) rev \(file.rev)  \(file.name): \(file.reason)")
                    }
                }
                if summary.newFlags > 0 { print("see them with: pubsync flags; take them down with: pubsync retract --flagged --by NAME") }
            }
        }
    }

    /// `pubsync flags`: list audit findings; `flags dismiss` closes a false positive.
    struct Flags: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List audit flags (open ones, or all).", subcommands: [List.self, Dismiss.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List open flags (or all).")

            @Flag(help: "Include dismissed, retracted and superseded flags.")
            var all = false

            @Flag(help: "Print JSON.")
            var json = false

            @OptionGroup var global: GlobalOptions

            func run() throws {
                let workspace = try global.openWorkspace()
                let flags = try workspace.store.flags(all: all)
                let zone = workspace.config.timeZone
                if json {
                    Terminal.printJSON(FlagsOutput(flags, zone: zone))
                    return
                }
                Terminal.printTable(header: ["FLAG", "ITEM", "REV", "RULE", "STATUS", "EXCERPT"], rows: flags.map { flag in
                    ["\(flag.id)", flag.item, "\(flag.rev)", flag.rule, flag.status.rawValue, flag.excerpt]
                })
            }
        }

        struct Dismiss: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Close a flag as a false positive (kept in the trail).")

            @Argument(help: ArgumentHelp("The flag number.", valueName: "FLAG"))
            var flag: Int64

            @Option(help: ArgumentHelp("Who decides.", valueName: "NAME"))
            var by: String

            @Option(help: ArgumentHelp("Why it is not a problem.", valueName: "TEXT"))
            var reason: String

            @OptionGroup var global: GlobalOptions
            @OptionGroup var lockOptions: LockOptions

            func validate() throws {
                if by.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--by needs a name") }
                if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reason needs a text") }
            }

            func run() throws {
                let workspace = try global.openWorkspace()
                let lock = try workspace.lock("flags dismiss", options: lockOptions)
                defer { withExtendedLifetime(lock) {} }
                try workspace.store.dismissFlag(flag, by: by, reason: reason)
                print("flag \(flag) dismissed by \(by)")
            }
        }
    }
}
