import ArgumentParser
import Foundation
import PubsyncConsole
import PubsyncCore

extension StaffRole: ExpressibleByArgument {}

extension Pubsync {
    /// `pubsync users`: the staff console's accounts.
    struct Users: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the staff console's accounts (bcrypt passwords; never printed).",
            subcommands: [Add.self, List.self, Disable.self, Passwd.self], defaultSubcommand: List.self)

        /// Who runs the command, for the trail.
        static var operatorName: String { ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "pubsync" }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add an account.")

            @Argument(help: ArgumentHelp("The login name (also the name in the trail).", valueName: "NAME"))
            var name: String

            @Option(help: ArgumentHelp("editor, reviewer, leader, auditor or admin.", valueName: "ROLE"))
            var role: StaffRole

            @Flag(name: .customLong("password-stdin"), help: "Read the password as one line from stdin (else a prompt without echo).")
            var passwordStdin = false

            @OptionGroup var global: GlobalOptions

            func run() throws {
                let workspace = try global.openWorkspace()
                let password = try PasswordInput.read(fromStdin: passwordStdin, confirm: true)
                try StaffAccounts(store: workspace.store).add(name: name, role: role, password: password, actor: Users.operatorName)
                print("added \(name) as \(role.rawValue)")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts.")

            @Flag(help: "Print JSON.")
            var json = false

            @OptionGroup var global: GlobalOptions

            func run() throws {
                let workspace = try global.openWorkspace()
                let accounts = try workspace.store.accounts()
                let zone = workspace.config.timeZone
                let now = Date()
                if json {
                    Terminal.printJSON(UsersOutput(accounts, now: now, zone: zone))
                    return
                }
                Terminal.printTable(header: ["NAME", "ROLE", "STATE", "CREATED"], rows: accounts.map {
                    [$0.name, $0.role.rawValue, $0.state(at: now, zone: zone), Timestamp.rfc3339($0.createdAt, in: zone)]
                })
            }
        }

        struct Disable: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Disable an account and end its sessions.")

            @Argument(help: ArgumentHelp("The account.", valueName: "NAME"))
            var name: String

            @OptionGroup var global: GlobalOptions

            func run() throws {
                let workspace = try global.openWorkspace()
                try workspace.store.disableAccount(name: name, actor: Users.operatorName)
                print("disabled \(name)")
            }
        }

        struct Passwd: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Set an account's password (lifts a lockout, ends its sessions).")

            @Argument(help: ArgumentHelp("The account.", valueName: "NAME"))
            var name: String

            @Flag(name: .customLong("password-stdin"), help: "Read the password as one line from stdin (else a prompt without echo).")
            var passwordStdin = false

            @OptionGroup var global: GlobalOptions

            func run() throws {
                let workspace = try global.openWorkspace()
                let password = try PasswordInput.read(fromStdin: passwordStdin, confirm: true)
                try StaffAccounts(store: workspace.store).changePassword(name: name, password: password, actor: Users.operatorName)
                print("changed the password of \(name)")
            }
        }
    }
}

/// Reads a password: one line of stdin (newline stripped), or a terminal prompt without echo.
enum PasswordInput {
    static func read(fromStdin: Bool, confirm: Bool) throws -> String {
        if fromStdin {
            guard let line = readLine(strippingNewline: true) else {
                throw PubsyncError(.usage, "--password-stdin: stdin had no line to read")
            }
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
        guard isatty(0) == 1 else {
            throw PubsyncError(.usage, "stdin is not a terminal: pass --password-stdin to read the password from it")
        }
        let first = try prompt("Password: ")
        if confirm, try prompt("Again: ") != first {
            throw PubsyncError(.usage, "the two passwords differ; nothing changed")
        }
        return first
    }

    /// One line from the terminal with echo off (restored afterwards, also on error).
    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(0, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(0, TCSAFLUSH, &silent)
        defer {
            tcsetattr(0, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw PubsyncError(.usage, "no password entered") }
        return line
    }
}
