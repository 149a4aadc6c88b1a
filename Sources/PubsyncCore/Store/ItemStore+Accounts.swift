import Foundation
import GRDB

/// A staff account's role in the console: what the account may do there.
public enum StaffRole: String, Sendable, Codable, CaseIterable {
    /// Reads everything, changes nothing.
    case editor
    /// Approves revisions as reviewer (审核).
    case reviewer
    /// Approves sensitive revisions as leader (领导审签).
    case leader
    /// Dismisses audit flags and retracts items.
    case auditor
    /// Manages accounts (with `pubsync users`); reads in the console.
    case admin

    /// The approval role this account gives, if it approves at all.
    public var approvalRole: ApprovalRole? {
        switch self {
        case .reviewer: return .reviewer
        case .leader: return .leader
        default: return nil
        }
    }
}

/// A staff account, without its password hash.
public struct StaffAccount: Sendable, Hashable {
    /// The login name; also the actor of every event the account causes.
    public var name: String
    /// The role.
    public var role: StaffRole
    /// A disabled account cannot log in and has no sessions.
    public var disabled: Bool
    /// While set and in the future, the account is locked after too many failed logins.
    public var lockedUntil: Date?
    /// When the account was made.
    public var createdAt: Date
}

/// A live console session.
public struct StaffSession: Sendable, Hashable {
    /// Whose session it is.
    public var account: StaffAccount
    /// The session's one CSRF token, carried by every form.
    public var csrf: String
}

/// What a login attempt found, before any password check.
public enum LoginGate: Sendable, Hashable {
    /// No such account, or it is disabled.
    case unknown
    /// Locked until the date after too many failed logins.
    case locked(until: Date)
    /// May try: the stored bcrypt hash to check the password against.
    case open(passwordHash: String)
}

extension ItemStore {
    /// Whether `name` can be an account name: 1–64 characters, no spaces or control characters.
    public static func isValidAccountName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && !name.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
    }

    /// Adds an account; refuses an existing name.
    public func addAccount(name: String, role: StaffRole, passwordHash: String, actor: String) throws {
        guard Self.isValidAccountName(name) else {
            throw PubsyncError(.usage, "account name '\(name)' must be 1-64 characters without spaces or control characters")
        }
        let now = clock()
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE name = ?", arguments: [name]) == true {
                throw PubsyncError(.conflict, "account '\(name)' exists already (change its password with: pubsync users passwd \(name))")
            }
            try db.execute(sql: "INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [name, role.rawValue, passwordHash, now.timeIntervalSince1970, now.timeIntervalSince1970])
            try logEvent(db, at: now, actor: actor, action: "user-added", item: nil, detail: "\(name) as \(role.rawValue)")
        }
    }

    /// Every account, by name.
    public func accounts() throws -> [StaffAccount] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY name").map(Self.account) }
    }

    /// Disables an account and ends its sessions.
    public func disableAccount(name: String, actor: String) throws {
        let now = clock()
        try write { db in
            try db.execute(sql: "UPDATE users SET disabled = 1, updated_at = ? WHERE name = ?", arguments: [now.timeIntervalSince1970, name])
            guard db.changesCount > 0 else { throw PubsyncError(.notFound, "no account '\(name)' (see pubsync users list)") }
            try db.execute(sql: "DELETE FROM sessions WHERE user_name = ?", arguments: [name])
            try logEvent(db, at: now, actor: actor, action: "user-disabled", item: nil, detail: name)
        }
    }

    /// Replaces an account's password hash, lifts a lockout and ends its sessions.
    public func setPassword(name: String, passwordHash: String, actor: String) throws {
        let now = clock()
        try write { db in
            try db.execute(sql: "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL, updated_at = ? WHERE name = ?",
                           arguments: [passwordHash, now.timeIntervalSince1970, name])
            guard db.changesCount > 0 else { throw PubsyncError(.notFound, "no account '\(name)' (see pubsync users list)") }
            try db.execute(sql: "DELETE FROM sessions WHERE user_name = ?", arguments: [name])
            try logEvent(db, at: now, actor: actor, action: "user-password", item: nil, detail: name)
        }
    }

    /// Whether `name` may try to log in now, and the hash to check against.
    public func loginGate(name: String) throws -> LoginGate {
        let now = clock()
        return try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT password_hash, disabled, locked_until FROM users WHERE name = ?", arguments: [name]),
                  !(row[1] as Bool) else { return .unknown }
            if let until = row[2] as Double?, until > now.timeIntervalSince1970 { return .locked(until: Date(timeIntervalSince1970: until)) }
            return .open(passwordHash: row[0])
        }
    }

    /// Records a failed login for `name` (an unknown name too, in `login_failures`). The
    /// `lockAfter`-th failure in a row locks an existing account for `lockFor` seconds.
    /// Returns when the account is locked until, if this failure locked it.
    @discardableResult
    public func recordLoginFailure(name: String, address: String, lockAfter: Int, lockFor: TimeInterval) throws -> Date? {
        let now = clock()
        return try write { db in
            try db.execute(sql: "INSERT INTO login_failures (user_name, at, address) VALUES (?, ?, ?)",
                           arguments: [String(name.prefix(64)), now.timeIntervalSince1970, address])
            guard let failures = try Int.fetchOne(db, sql: """
                UPDATE users SET failed_logins = failed_logins + 1, updated_at = ? WHERE name = ? RETURNING failed_logins
                """, arguments: [now.timeIntervalSince1970, name]) else { return nil }
            guard failures >= lockAfter else { return nil }
            let until = now.addingTimeInterval(lockFor)
            try db.execute(sql: "UPDATE users SET failed_logins = 0, locked_until = ? WHERE name = ?", arguments: [until.timeIntervalSince1970, name])
            try logEvent(db, at: now, actor: name, action: "login-locked", item: nil, detail: "\(lockAfter) failed logins; locked for \(Int(lockFor / 60)) minutes")
            return until
        }
    }

    /// Starts a session for `name` after a good password: failures reset, the session stored
    /// under the SHA-256 of its id (`idHash`), with its CSRF token.
    public func startSession(name: String, idHash: String, csrf: String) throws {
        let now = clock()
        try write { db in
            try db.execute(sql: "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE name = ?", arguments: [name])
            try db.execute(sql: "INSERT INTO sessions (id_hash, user_name, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)",
                           arguments: [idHash, name, csrf, now.timeIntervalSince1970, now.timeIntervalSince1970])
            try logEvent(db, at: now, actor: name, action: "login", item: nil)
        }
    }

    /// The session stored under `idHash` when it was used within `idleTimeout` seconds and its
    /// account is enabled; its last use becomes now (written at most once every `touchEvery`
    /// seconds). An idle session is deleted.
    public func session(idHash: String, idleTimeout: TimeInterval, touchEvery: TimeInterval = 30) throws -> StaffSession? {
        let now = clock().timeIntervalSince1970
        guard let row = try read({ db in
            try Row.fetchOne(db, sql: """
                SELECT s.csrf, s.last_seen, u.* FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.id_hash = ?
                """, arguments: [idHash])
        }) else { return nil }
        let lastSeen: Double = row[1]
        if now - lastSeen > idleTimeout || row["disabled"] as Bool {
            try write { db in try db.execute(sql: "DELETE FROM sessions WHERE id_hash = ?", arguments: [idHash]) }
            return nil
        }
        if now - lastSeen >= touchEvery {
            try write { db in try db.execute(sql: "UPDATE sessions SET last_seen = ? WHERE id_hash = ?", arguments: [now, idHash]) }
        }
        return StaffSession(account: Self.account(row), csrf: row[0])
    }

    /// Ends a session (logout); idle sessions of anyone are cleared on the way.
    public func endSession(idHash: String, idleTimeout: TimeInterval) throws {
        let now = clock()
        try write { db in
            if let name = try String.fetchOne(db, sql: "DELETE FROM sessions WHERE id_hash = ? RETURNING user_name", arguments: [idHash]) {
                try logEvent(db, at: now, actor: name, action: "logout", item: nil)
            }
            try db.execute(sql: "DELETE FROM sessions WHERE last_seen < ?", arguments: [now.timeIntervalSince1970 - idleTimeout])
        }
    }

    static func account(_ row: Row) -> StaffAccount {
        StaffAccount(name: row["name"], role: StaffRole(rawValue: row["role"]) ?? .editor, disabled: row["disabled"],
                     lockedUntil: (row["locked_until"] as Double?).map(Date.init(timeIntervalSince1970:)),
                     createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }
}
