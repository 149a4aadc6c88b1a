import ArgumentParser
import Foundation
import PubsyncCore

extension Pubsync {
    /// `pubsync log`: the audit trail.
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the audit trail (who did what, when).")

        @Option(help: ArgumentHelp("Only events of this item.", valueName: "ID"))
        var item: String?

        @Option(help: ArgumentHelp("How many of the newest events.", valueName: "N"))
        var limit: Int = 50

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() throws {
            let workspace = try global.openWorkspace(readOnly: true)
            let events = try workspace.store.events(item: item, limit: limit)
            let zone = workspace.config.timeZone
            if json {
                Terminal.printJSON(LogOutput(events, zone: zone))
                return
            }
            Terminal.printTable(header: ["AT", "ACTOR", "ACTION", "ITEM", "CHANNEL", "DETAIL"], rows: events.map { event in
                [Timestamp.rfc3339(event.at, in: zone), event.actor, event.action, event.item ?? "-", event.channel ?? "-", Terminal.clip(event.detail, 60)]
            })
        }
    }
}
