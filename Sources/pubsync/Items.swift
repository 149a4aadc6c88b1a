import ArgumentParser
import Foundation
import PubsyncCore

extension Pubsync {
    /// `pubsync items`: the store's items, optionally by status or channel.
    struct Items: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List items (id, status, revisions, title).")

        @Option(help: ArgumentHelp("Only items with this status (draft, approved, retracted).", valueName: "S"))
        var status: ItemStatus?

        @Option(help: ArgumentHelp("Only items the channel's routing sends there.", valueName: "C"))
        var channel: String?

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let workspace = try global.openWorkspace()
            var listings = try workspace.store.listItems(status: status)
            if let channel {
                let configured = try workspace.config.channel(named: channel)
                listings = listings.filter { configured.routing.accepts(channel: channel, category: $0.listing.category, itemChannels: $0.channels) }
            }
            if json {
                Terminal.printJSON(["items": listings.map { entry -> [String: Any] in
                    let item = entry.listing
                    return ["id": item.id, "title": item.title, "category": item.category, "status": item.status.rawValue,
                            "head_rev": item.headRev, "approved_rev": Terminal.json(item.approvedRev), "published": item.published.description]
                }])
                return
            }
            Terminal.printTable(header: ["ID", "STATUS", "REV", "PUBLISHED", "CATEGORY", "TITLE"], rows: listings.map { entry in
                let item = entry.listing
                let rev = item.approvedRev.map { $0 == item.headRev ? "\($0)" : "\($0)/\(item.headRev)" } ?? "-/\(item.headRev)"
                return [item.id, item.status.rawValue, rev, item.published.description, item.category, Terminal.clip(item.title, 40)]
            })
        }
    }
}

extension ItemStatus: ExpressibleByArgument {}
extension ApprovalRole: ExpressibleByArgument {}
