import Foundation
import PubsyncConsole
import PubsyncCore
import PubsyncTesting
import Testing

/// A clock tests move by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now = Date(timeIntervalSince1970: 1_700_000_000)

    var date: Date { lock.withLock { now } }

    func advance(_ seconds: TimeInterval) { lock.withLock { now += seconds } }
}

@Suite("staff accounts: bcrypt, lockout, sessions")
struct StaffAccountsTests {
    let directory = TemporaryDirectory("pubsync-accounts")
    let clock = ManualClock()

    func accounts() throws -> StaffAccounts {
        let clock = self.clock
        return StaffAccounts(store: try ItemStore(path: directory.path("pubsync.db"), clock: { clock.date }))
    }

    @Test("the store keeps a bcrypt hash, never the password")
    func hashOnly() throws {
        let accounts = try accounts()
        try accounts.add(name: "王审核", role: .reviewer, password: "correct horse", actor: "admin")
        let raw = try String(decoding: Data(contentsOf: URL(fileURLWithPath: directory.path("pubsync.db"))), as: UTF8.self)
        #expect(!raw.contains("correct horse"))
        guard case .open(let hash) = try accounts.store.loginGate(name: "王审核") else { Issue.record("no gate"); return }
        #expect(hash.hasPrefix("$2b$11$") || hash.hasPrefix("$2y$11$") || hash.hasPrefix("$2a$11$"))
        #expect(try accounts.store.accounts().map(\.role) == [.reviewer])
    }

    @Test("five failed logins lock the account for 15 minutes, even against the right password")
    func lockout() throws {
        let accounts = try accounts()
        try accounts.add(name: "li", role: .leader, password: "right password", actor: "admin")
        for _ in 1..<StaffAccounts.lockAfter {
            #expect(try accounts.login(name: "li", password: "wrong") == .refused)
        }
        guard case .locked(let until) = try accounts.login(name: "li", password: "wrong") else { Issue.record("fifth failure did not lock"); return }
        #expect(until == clock.date.addingTimeInterval(15 * 60))
        guard case .locked = try accounts.login(name: "li", password: "right password") else { Issue.record("sixth login was let in"); return }
        clock.advance(14 * 60)
        guard case .locked = try accounts.login(name: "li", password: "right password") else { Issue.record("let in after 14 minutes"); return }
        clock.advance(61)
        guard case .session = try accounts.login(name: "li", password: "right password") else { Issue.record("still locked after 15 minutes"); return }
    }

    @Test("a session ends after 30 idle minutes; use keeps it alive; logout and disabling end it")
    func sessions() throws {
        let accounts = try accounts()
        try accounts.add(name: "zhao", role: .auditor, password: "auditor pass", actor: "admin")
        guard case .session(let id, let csrf) = try accounts.login(name: "zhao", password: "auditor pass") else { Issue.record("no session"); return }
        #expect(id.count == 64 && csrf.count == 64 && id != csrf)
        #expect(try accounts.session(id: id)?.csrf == csrf)
        clock.advance(29 * 60)
        #expect(try accounts.session(id: id)?.account.name == "zhao")
        clock.advance(29 * 60)
        #expect(try accounts.session(id: id) != nil, "use within 30 minutes keeps the session")
        clock.advance(31 * 60)
        #expect(try accounts.session(id: id) == nil, "idle for 31 minutes")
        guard case .session(let second, _) = try accounts.login(name: "zhao", password: "auditor pass") else { Issue.record("no session"); return }
        try accounts.logout(id: second)
        #expect(try accounts.session(id: second) == nil)
        guard case .session(let third, _) = try accounts.login(name: "zhao", password: "auditor pass") else { Issue.record("no session"); return }
        try accounts.store.disableAccount(name: "zhao", actor: "admin")
        #expect(try accounts.session(id: third) == nil)
        #expect(try accounts.login(name: "zhao", password: "auditor pass") == .refused)
    }

    @Test("bad names and short passwords are refused; a name is added once")
    func validation() throws {
        let accounts = try accounts()
        #expect(throws: PubsyncError.self) { try accounts.add(name: "a b", role: .editor, password: "long enough", actor: "admin") }
        #expect(throws: PubsyncError.self) { try accounts.add(name: "ok", role: .editor, password: "short", actor: "admin") }
        try accounts.add(name: "ok", role: .editor, password: "long enough", actor: "admin")
        #expect(throws: PubsyncError.self) { try accounts.add(name: "ok", role: .admin, password: "long enough", actor: "admin") }
    }
}
