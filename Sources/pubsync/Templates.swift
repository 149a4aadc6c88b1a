import ArgumentParser
import Foundation
import PubsyncCore
import StaticSite

extension Pubsync {
    /// `pubsync templates export DIR`: the site's embedded templates, to start a customisation from.
    struct Templates: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Work with the site's Mustache templates.", subcommands: [Export.self])

        struct Export: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Write the embedded default templates into DIR (never overwrites); point a site channel's templates = \"DIR\" at them.")

            @Argument(help: ArgumentHelp("The folder to write.", valueName: "DIR"))
            var directory: String

            func run() throws {
                let files = try StaticSiteTemplates.exportDefaults(to: URL(fileURLWithPath: directory))
                for file in files { print("wrote \(file.path)") }
            }
        }
    }
}
