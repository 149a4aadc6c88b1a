import Foundation

/// One import run (the `import` command's work): the files named are listed first, then parsed
/// and stored in one transaction with their attachments, screened on the way in. When the import
/// fails, the attachment files it added are removed again; what screening could not read is
/// recorded for `audit` and `check`.
public struct ItemImport: Sendable {
    let store: ItemStore
    let config: PubsyncConfig
    let screening: AuditRuleSet?
    let intake: AttachmentIntake
    let parser: ImportParser

    /// An import into `store` under `config` (its channels, attachment limits, numbering and screening rules).
    public init(store: ItemStore, config: PubsyncConfig) throws {
        self.store = store
        self.config = config
        screening = try config.screeningRules()
        intake = AttachmentIntake(files: store.attachmentFiles, settings: config.attachments, screening: screening)
        parser = ImportParser(channelNames: Set(config.channels.map(\.name)), attachments: intake)
    }

    /// The importable files at `paths` (folders walked); bad paths are input errors.
    public func files(in paths: [String]) throws -> [String] {
        try parser.files(in: paths)
    }

    /// Parses `files` and stores their items as `actor`, approving as reviewer `approveBy` when given.
    public func run(_ files: [String], actor: String, approveBy: String?) throws -> ImportSummary {
        let summary: ImportSummary
        do {
            summary = try store.importItemsConcurrently(actor: actor, approveBy: approveBy, numbering: config.disclosure.numbering,
                                                        screening: screening) { emit in
                for file in files { try parser.parse(file: file, emit: emit) }
            }
        } catch {
            // Nothing was imported: the attachment files this run added are referenced by nothing.
            intake.discardAdded()
            throw error
        }
        // What screening could not read is listed by audit and check (not held).
        try store.recordAttachmentScans(intake.scanResults())
        return summary
    }
}
