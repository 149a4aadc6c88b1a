import ArgumentParser
import Foundation
import PubsyncCore

extension Pubsync {
    /// `pubsync repeal ID --on DATE --by NAME [--repealed-by REF] [--reason TEXT]`.
    struct Repeal: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Repeal a 规章 or 行政规范性文件: a new approved revision with its 废止日期; the next sync shows 废止 everywhere.")

        @Argument(help: ArgumentHelp("The item id.", valueName: "ID"))
        var id: String

        @Option(help: ArgumentHelp("废止日期: the document is 废止 from this day.", valueName: "YYYY-MM-DD"))
        var on: String

        @Option(help: ArgumentHelp("Who repeals (approves the new revision as reviewer).", valueName: "NAME"))
        var by: String

        @Option(name: .customLong("repealed-by"), help: ArgumentHelp("废止依据: the repealing item's id or a 文号.", valueName: "REF"))
        var repealedBy: String?

        @Option(help: ArgumentHelp("Why, for the log.", valueName: "TEXT"))
        var reason: String?

        @OptionGroup var global: GlobalOptions
        @OptionGroup var lockOptions: LockOptions

        func validate() throws {
            if by.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--by needs a name") }
            if LocalDate(on) == nil { throw ValidationError("--on '\(on)' is not a date (use YYYY-MM-DD)") }
            if let repealedBy, repealedBy.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--repealed-by needs a reference") }
        }

        func run() throws {
            let workspace = try global.openWorkspace()
            let lock = try workspace.lock("repeal", options: lockOptions)
            defer { withExtendedLifetime(lock) {} }
            let outcome = try workspace.store.repeal(item: id, on: LocalDate(on)!, by: by,
                                                     repealedBy: repealedBy?.trimmingCharacters(in: .whitespaces), reason: reason)
            if outcome.becameApproved {
                print("\(id): revision \(outcome.rev) repeals it from \(on) (废止); the next sync updates every channel")
            } else {
                print("\(id): revision \(outcome.rev) repeals it from \(on); it is sensitive and still needs a leader's approval (pubsync approve \(id) --by NAME --role leader)")
            }
        }
    }
}
