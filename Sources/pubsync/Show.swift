import ArgumentParser
import Foundation
import PubsyncCore

extension Pubsync {
    /// `pubsync show ID`: one item's revisions, approvals and channels.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one item: revisions, approvals, and where it is live.")

        @Argument(help: ArgumentHelp("The item id.", valueName: "ID"))
        var id: String

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let workspace = try global.openWorkspace(readOnly: true)
            let detail = try workspace.store.itemDetail(id: id)
            let lifecycle = try workspace.store.lifecycles(ids: [id], config: workspace.config)[id]
            let zone = workspace.config.timeZone
            let today = workspace.config.today(at: Date())
            let openFlags = Dictionary(grouping: detail.flags.filter { $0.status == .open }, by: \.rev)
            if json {
                Terminal.printJSON(ShowOutput(detail, lifecycle: lifecycle, today: today, zone: zone))
                return
            }
            let state = detail.state
            let derived = (lifecycle?.state.rawValue ?? state.status.rawValue) + (lifecycle?.headState.map { " (head revision: \($0.rawValue))" } ?? "")
            print("\(state.id)  \(derived)  head rev \(state.headRev), approved rev \(state.approvedRev.map(String.init) ?? "none")")
            for (revision, approvals) in detail.revisions {
                let content = revision.content
                Terminal.line("rev \(revision.rev)  \(content.published)  \(content.category)  \(content.title)")
                Terminal.line("       hash \(revision.contentHash.prefix(16))…  by \(revision.author)\(content.sensitive ? "  sensitive" : "")")
                for (label, value) in Terminal.metadataLines(content, today: today) {
                    Terminal.line("       \(label) \(value)")
                }
                for file in content.attachments {
                    print("       attachment \(file.displayLabel)  sha256 \(file.sha256.prefix(16))…\(file.title == (file.name as NSString).deletingPathExtension ? "" : "  “\(file.title)”")")
                }
                for approval in approvals {
                    Terminal.line("       approved by \(approval.by) as \(approval.role.rawValue) at \(Timestamp.rfc3339(approval.at, in: zone))\(approval.comment.map { ": \($0)" } ?? "")")
                }
                for flag in openFlags[revision.rev] ?? [] {
                    Terminal.line("       open flag \(flag.id)  \(flag.rule)  \(flag.excerpt)")
                }
            }
            if detail.ledger.isEmpty {
                Terminal.line("channels: not published anywhere yet")
            }
            for row in detail.ledger {
                let rev = row.rev.map { "rev \($0)" } ?? "-"
                Terminal.line("channel \(row.channel): \(row.state.rawValue) \(rev)\(row.lastError.map { "  error: \($0)" } ?? "")")
            }
        }
    }
}
