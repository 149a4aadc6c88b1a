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
            let screening = try workspace.screening()
            let intake = AttachmentIntake(files: workspace.store.attachmentFiles, settings: workspace.config.attachments, screening: screening)
            let parser = ImportParser(channelNames: Set(workspace.config.channels.map(\.name)), attachments: intake)
            let files = try parser.files(in: paths)
            let lock = try workspace.lock("import", options: lockOptions)
            defer { withExtendedLifetime(lock) {} }
            let actor = approveBy ?? ProcessInfo.processInfo.environment["USER"] ?? "pubsync"
            let summary: ImportSummary
            do {
                summary = try workspace.store.importItemsConcurrently(actor: actor, approveBy: approveBy,
                                                                      numbering: workspace.config.disclosure.numbering,
                                                                      screening: screening) { emit in
                    for file in files { try parser.parse(file: file, emit: emit) }
                }
            } catch {
                // Nothing was imported: the attachment files this run added are referenced by nothing.
                intake.discardAdded()
                throw error
            }
            // What screening could not read is listed by audit and check (not held).
            try workspace.store.recordAttachmentScans(intake.scanResults())
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
