import ArgumentParser
import Foundation
import PubsyncCore

extension Pubsync {
    /// `pubsync approve ID --by NAME [--role reviewer|leader]`.
    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve an item's newest revision; a sensitive item needs a reviewer and a leader (two people).")

        @Argument(help: ArgumentHelp("The item id.", valueName: "ID"))
        var id: String

        @Option(help: ArgumentHelp("Who approves.", valueName: "NAME"))
        var by: String

        @Option(help: ArgumentHelp("reviewer (default) or leader.", valueName: "ROLE"))
        var role: ApprovalRole = .reviewer

        @Option(help: ArgumentHelp("A note kept with the approval.", valueName: "TEXT"))
        var comment: String?

        @OptionGroup var global: GlobalOptions
        @OptionGroup var lockOptions: LockOptions

        func validate() throws {
            if by.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--by needs a name") }
        }

        func run() throws {
            let workspace = try global.openWorkspace()
            let screening = try workspace.screening()
            let lock = try workspace.lock("approve", options: lockOptions)
            defer { withExtendedLifetime(lock) {} }
            let result = try workspace.store.approve(item: id, by: by, role: role, comment: comment, screening: screening)
            if result.becameApproved {
                print("\(id): revision \(result.state.headRev) approved; it is published once due")
            } else if result.state.approvedRev == result.state.headRev {
                print("\(id): revision \(result.state.headRev) is approved")
            } else {
                print("\(id): \(by)'s approval as \(role.rawValue) recorded; revision \(result.state.headRev) still needs a \(role == .reviewer ? "leader" : "reviewer")'s approval (sensitive item)")
            }
            if !result.heldBy.isEmpty {
                Terminal.error("\(id): revision \(result.state.headRev) stays held: it is not published until each flag is dismissed (pubsync flags dismiss FLAG --by NAME --reason TEXT) or a newer revision without the finding replaces it")
                for flag in result.heldBy {
                    Terminal.note("  flag \(flag.id)  \(flag.rule)  \(flag.excerpt)")
                }
            }
        }
    }
}
