import ArgumentParser
import Foundation
import PubsyncCore

extension Pubsync {
    /// `pubsync items`: the store's items, optionally by status or channel.
    struct Items: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List items (id, status, revisions, title).")

        @Option(help: ArgumentHelp("Only items in this state (\(LifecycleState.allCases.map(\.rawValue).joined(separator: ", "))), or approved.", valueName: "S"))
        var status: StatusFilter?

        @Option(help: ArgumentHelp("Only items the channel's routing sends there.", valueName: "C"))
        var channel: String?

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let workspace = try global.openWorkspace(readOnly: true)
            var listings = try workspace.store.listItems(status: status?.storedStatus)
            let lifecycles = try workspace.store.lifecycles(config: workspace.config)
            if case .state(let wanted) = status {
                listings = listings.filter { lifecycles[$0.listing.id]?.state == wanted }
            }
            if let channel {
                let configured = try workspace.config.channel(named: channel)
                listings = listings.filter { configured.routing.accepts(channel: channel, category: $0.listing.category, itemChannels: $0.channels) }
            }
            if json {
                Terminal.printJSON(ItemsOutput(listings.map(\.listing), lifecycles: lifecycles))
                return
            }
            Terminal.printTable(header: ["ID", "STATE", "REV", "PUBLISHED", "CATEGORY", "TITLE"], rows: listings.map { entry in
                let item = entry.listing
                let rev = item.approvedRev.map { $0 == item.headRev ? "\($0)" : "\($0)/\(item.headRev)" } ?? "-/\(item.headRev)"
                let lifecycle = lifecycles[item.id]
                let state = (lifecycle?.state.rawValue ?? item.status.rawValue) + (lifecycle?.headState.map { " (head \($0.rawValue))" } ?? "")
                return [item.id, state, rev, item.published.description, item.category, Terminal.clip(item.title, 40)]
            })
        }
    }
}

/// `items --status`: a derived state, or `approved` (every item with an approved revision).
enum StatusFilter: ExpressibleByArgument {
    case approved
    case state(LifecycleState)

    init?(argument: String) {
        if argument == ItemStatus.approved.rawValue {
            self = .approved
        } else if let state = LifecycleState(rawValue: argument) {
            self = .state(state)
        } else {
            return nil
        }
    }

    /// The stored status the store can filter on first.
    var storedStatus: ItemStatus? {
        switch self {
        case .approved: return .approved
        case .state(.retracted): return .retracted
        case .state(.draft), .state(.awaitingLeader): return .draft
        case .state: return .approved
        }
    }

    static var allValueStrings: [String] { [ItemStatus.approved.rawValue] + LifecycleState.allCases.map(\.rawValue) }
}

extension ItemStatus: ExpressibleByArgument {}
extension ApprovalRole: ExpressibleByArgument {}
