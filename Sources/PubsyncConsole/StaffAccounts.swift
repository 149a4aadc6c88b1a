import Crypto
import Foundation
import HummingbirdBcrypt
import PubsyncCore

/// Accounts and sessions of the staff console: bcrypt passwords, the lockout rule and the
/// session rule, over the store. The CLI's `users` commands and the server both use it.
public struct StaffAccounts: Sendable {
    /// Failed logins in a row that lock an account.
    public static let lockAfter = 5
    /// How long a lockout lasts (15 minutes).
    public static let lockFor: TimeInterval = 15 * 60
    /// A session unused this long is over (30 minutes).
    public static let idleTimeout: TimeInterval = 30 * 60
    /// bcrypt's cost (log2 of its rounds).
    static let bcryptCost: UInt8 = 11

    /// The store.
    public let store: ItemStore

    /// Accounts over `store`.
    public init(store: ItemStore) {
        self.store = store
    }

    /// What a login attempt came to.
    public enum LoginOutcome: Sendable, Equatable {
        /// A new session: the cookie's id and the session's CSRF token.
        case session(id: String, csrf: String)
        /// Wrong name or password (the same answer for both).
        case refused
        /// The account is locked until then, whatever the password.
        case locked(until: Date)
    }

    /// Adds an account with a bcrypt hash of `password`.
    public func add(name: String, role: StaffRole, password: String, actor: String) throws {
        try Self.checkPassword(password)
        try store.addAccount(name: name, role: role, passwordHash: Bcrypt.hash(password, cost: Self.bcryptCost), actor: actor)
    }

    /// Replaces an account's password (and lifts a lockout).
    public func changePassword(name: String, password: String, actor: String) throws {
        try Self.checkPassword(password)
        try store.setPassword(name: name, passwordHash: Bcrypt.hash(password, cost: Self.bcryptCost), actor: actor)
    }

    /// Checks `name`'s password; a good one on an unlocked, enabled account starts a session.
    /// A bad one counts towards the lockout; while locked, even the right password is refused.
    public func login(name: String, password: String, address: String = "") throws -> LoginOutcome {
        switch try store.loginGate(name: name) {
        case .locked(let until):
            return .locked(until: until)
        case .unknown:
            try store.recordLoginFailure(name: name, address: address, lockAfter: Self.lockAfter, lockFor: Self.lockFor)
            return .refused
        case .open(let hash):
            guard Bcrypt.verify(password, hash: hash) else {
                if let until = try store.recordLoginFailure(name: name, address: address, lockAfter: Self.lockAfter, lockFor: Self.lockFor) {
                    return .locked(until: until)
                }
                return .refused
            }
            let id = Self.randomToken(), csrf = Self.randomToken()
            try store.startSession(name: name, idHash: Self.digest(id), csrf: csrf)
            return .session(id: id, csrf: csrf)
        }
    }

    /// The live session of the cookie id `id`, if any.
    public func session(id: String) throws -> StaffSession? {
        guard id.count == 64 else { return nil }
        return try store.session(idHash: Self.digest(id), idleTimeout: Self.idleTimeout)
    }

    /// Ends the session of the cookie id `id`.
    public func logout(id: String) throws {
        try store.endSession(idHash: Self.digest(id), idleTimeout: Self.idleTimeout)
    }

    /// 32 random bytes from the system's CSPRNG, as 64 hex digits.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.string((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// SHA-256 hex of a session id: the store never holds the id itself.
    static func digest(_ id: String) -> String {
        Hex.string(SHA256.hash(data: Data(id.utf8)))
    }

    static func checkPassword(_ password: String) throws {
        guard password.count >= 8 else { throw PubsyncError(.usage, "a password needs at least 8 characters") }
        guard password.utf8.count <= 72 else { throw PubsyncError(.usage, "a password may have at most 72 bytes (bcrypt's limit)") }
    }
}
