import ArgumentParser
import Foundation
import PubsyncCore

extension Pubsync {
    /// `pubsync import PATH...`: Markdown with front matter, JSON and NDJSON, in one transaction.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import items from .md (YAML front matter), .json and .ndjson files; folders are walked.",
            discussion: "The whole import is one transaction: any bad file and nothing is imported (exit 2).")

        @Argument(help: ArgumentHelp("Files or folders to import.", valueName: "PATH"))
        var paths: [String]

        @Option(name: .customLong("approve-by"), help: ArgumentHelp("Approve what is imported, as reviewer NAME.", valueName: "NAME"))
        var approveBy: String?

        @Flag(help: "Print the summary as JSON.")
        var json = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var lockOptions: LockOptions

        func validate() throws {
            if paths.isEmpty { throw ValidationError("name at least one file or folder to import") }
            if let approveBy, approveBy.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--approve-by needs a name") }
        }

        func run() throws {
            let workspace = try global.openWorkspace()
            let run = try ItemImport(store: workspace.store, config: workspace.config)
            let files = try run.files(in: paths)
            let lock = try workspace.lock("import", options: lockOptions)
            defer { withExtendedLifetime(lock) {} }
            let summary = try run.run(files, actor: approveBy ?? ProcessInfo.processInfo.environment["USER"] ?? "pubsync", approveBy: approveBy)
            if json {
                Terminal.printJSON(ImportOutput(files: files.count, summary: summary))
            } else {
                print("imported \(summary.read) items from \(files.count) files: \(summary.created) new, \(summary.revised) revised, \(summary.unchanged) unchanged, \(summary.approved) approvals")
            }
            if summary.flagged > 0 {
                Terminal.error("screening flagged \(summary.flagged) item(s): they are held (never published) until a person dismisses the flag (pubsync flags; pubsync flags dismiss FLAG --by NAME --reason TEXT) or a newer revision without the finding replaces it")
            }
        }
    }
}
