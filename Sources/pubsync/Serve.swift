import ArgumentParser
import Foundation
import Logging
import PubsyncConsole
import PubsyncCore

extension Pubsync {
    /// `pubsync serve`: the staff console.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the staff console (review queue, approvals, flags, retraction) on 127.0.0.1 by default.",
            discussion: "Accounts come from 'pubsync users add'. For other hosts, put it behind a TLS reverse proxy (see README). "
                + "The first stdout line says where it listens (--port 0 picks a free port).")

        @Option(help: ArgumentHelp("Address to listen on.", valueName: "HOST"))
        var host = "127.0.0.1"

        @Option(help: ArgumentHelp("Port to listen on; 0 picks a free one.", valueName: "PORT"))
        var port = 8080

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
            if host.isEmpty { throw ValidationError("--host must name an address") }
        }

        func run() async throws {
            let workspace = try global.openWorkspace()
            if try workspace.store.accounts().isEmpty {
                Terminal.error("no accounts yet: add one with 'pubsync users add NAME --role reviewer' (nobody can log in)")
            }
            let host = self.host
            try await ConsoleServer(config: workspace.config, store: workspace.store, logger: Workspace.logger)
                .run(host: host, port: port) { bound in
                    FileHandle.standardOutput.write(Data("listening on http://\(host):\(bound)/\n".utf8))
                }
        }
    }
}
