import Foundation

/// `log --json`: `{"events":[{"at","actor","action","item","channel","detail"}]}`.
public struct LogOutput: CommandOutput, Equatable {
    /// One event of the trail.
    public struct Entry: Codable, Sendable, Equatable {
        /// When (RFC 3339 with the configured offset).
        public var at: String
        /// Who.
        public var actor: String
        /// What (a typed event action's name).
        public var action: String
        /// The item, or null.
        @Nullable public var item: String?
        /// The channel, or null.
        @Nullable public var channel: String?
        /// Details.
        public var detail: String
    }

    /// The events, newest first.
    public var events: [Entry]

    /// The output of `events`, times in `zone`.
    public init(_ events: [Event], zone: TimeZone) {
        self.events = events.map {
            Entry(at: Timestamp.rfc3339($0.at, in: zone), actor: $0.actor, action: $0.action, item: $0.item, channel: $0.channel, detail: $0.detail)
        }
    }
}

/// `flags --json`: `{"flags":[{"id","item","rev","rule","excerpt","status","found_at"}]}`.
public struct FlagsOutput: CommandOutput, Equatable {
    /// One audit flag.
    public struct Flag: Codable, Sendable, Equatable {
        /// The flag number.
        public var id: Int64
        /// The item.
        public var item: String
        /// The revision.
        public var rev: Int
        /// The rule that found it.
        public var rule: String
        /// The masked excerpt.
        public var excerpt: String
        /// `open`, `dismissed`, `retracted` or `superseded`.
        public var status: String
        /// When found (RFC 3339).
        public var foundAt: String
        enum CodingKeys: String, CodingKey { case id, item, rev, rule, excerpt, status, foundAt = "found_at" }

        /// The JSON form of `flag`, its time in `zone`.
        public init(_ flag: AuditFlag, zone: TimeZone) {
            id = flag.id
            item = flag.item
            rev = flag.rev
            rule = flag.rule
            excerpt = flag.excerpt
            status = flag.status.rawValue
            foundAt = Timestamp.rfc3339(flag.foundAt, in: zone)
        }
    }

    /// The flags.
    public var flags: [Flag]

    /// The output of `flags`, times in `zone`.
    public init(_ flags: [AuditFlag], zone: TimeZone) {
        self.flags = flags.map { Flag($0, zone: zone) }
    }
}

/// `audit --json`: `{"scanned","new_flags","attachments_scanned","attachments_unscanned":[…]}`.
public struct AuditOutput: CommandOutput, Equatable {
    /// An attachment the audit could not read.
    public struct Unscanned: Codable, Sendable, Equatable {
        /// The item.
        public var item: String
        /// The revision.
        public var rev: Int
        /// The file's name.
        public var name: String
        /// The file's SHA-256.
        public var sha256: String
        /// Why it could not be read.
        public var reason: String
    }

    /// Revisions scanned.
    public var scanned: Int
    /// Flags recorded by this run.
    public var newFlags: Int
    /// Attachments scanned.
    public var attachmentsScanned: Int
    /// Attachments that could not be read (so not scanned).
    public var attachmentsUnscanned: [Unscanned]

    enum CodingKeys: String, CodingKey {
        case scanned, newFlags = "new_flags", attachmentsScanned = "attachments_scanned", attachmentsUnscanned = "attachments_unscanned"
    }

    /// The output of an audit run.
    public init(_ summary: Auditor.Summary) {
        scanned = summary.scanned
        newFlags = summary.newFlags
        attachmentsScanned = summary.attachmentsScanned
        attachmentsUnscanned = summary.unscanned.map { Unscanned(item: $0.item, rev: $0.rev, name: $0.name, sha256: $0.sha256, reason: $0.reason) }
    }
}

/// `check --json`: `{"as_of","findings":[{"rule","severity","channel","subject","detail"}],"summary":{…}}`.
public struct CheckOutput: CommandOutput, Equatable {
    /// One finding.
    public struct Finding: Codable, Sendable, Equatable {
        /// The rule.
        public var rule: String
        /// `veto`, `deduct` or `warn`.
        public var severity: String
        /// The channel, or null.
        @Nullable public var channel: String?
        /// What it is about.
        public var subject: String
        /// Details.
        public var detail: String
    }

    /// Counts per severity, and stale columns.
    public struct Summary: Codable, Sendable, Equatable {
        /// Veto findings.
        public var veto: Int
        /// Deduct findings.
        public var deduct: Int
        /// Warnings.
        public var warn: Int
        /// Columns not updated in time.
        public var staleColumns: Int
        enum CodingKeys: String, CodingKey { case veto, deduct, warn, staleColumns = "stale_columns" }
    }

    /// The day ages were counted from, YYYY-MM-DD.
    public var asOf: String
    /// The findings.
    public var findings: [Finding]
    /// The counts.
    public var summary: Summary

    enum CodingKeys: String, CodingKey { case findings, summary, asOf = "as_of" }

    /// The output of a spot check.
    public init(_ report: CheckReport) {
        asOf = report.asOf.description
        findings = report.findings.map {
            Finding(rule: $0.rule, severity: $0.severity.rawValue, channel: $0.channel, subject: $0.subject, detail: $0.detail)
        }
        summary = Summary(veto: report.count(.veto), deduct: report.count(.deduct), warn: report.count(.warn), staleColumns: report.staleColumns)
    }
}

/// `import --json`: `{"files","read","created","revised","unchanged","approved","flagged"}`.
public struct ImportOutput: CommandOutput, Equatable {
    /// Files read.
    public var files: Int
    /// Items read.
    public var read: Int
    /// Items new to the store.
    public var created: Int
    /// Items given a new revision.
    public var revised: Int
    /// Items whose content was already stored.
    public var unchanged: Int
    /// Approvals recorded.
    public var approved: Int
    /// Revisions screening held back.
    public var flagged: Int

    /// The output of an import of `files` files.
    public init(files: Int, summary: ImportSummary) {
        self.files = files
        read = summary.read
        created = summary.created
        revised = summary.revised
        unchanged = summary.unchanged
        approved = summary.approved
        flagged = summary.flagged
    }
}

/// `users list --json`: `{"users":[{"name","role","state","created_at"}]}`.
public struct UsersOutput: CommandOutput, Equatable {
    /// One staff account.
    public struct User: Codable, Sendable, Equatable {
        /// The account name.
        public var name: String
        /// Its role.
        public var role: String
        /// `active`, `disabled` or `locked until TIME`.
        public var state: String
        /// When created (RFC 3339).
        public var createdAt: String
        enum CodingKeys: String, CodingKey { case name, role, state, createdAt = "created_at" }
    }

    /// The accounts.
    public var users: [User]

    /// The output of `accounts` as of `now`, times in `zone`.
    public init(_ accounts: [StaffAccount], now: Date, zone: TimeZone) {
        users = accounts.map {
            User(name: $0.name, role: $0.role.rawValue, state: $0.state(at: now, zone: zone), createdAt: Timestamp.rfc3339($0.createdAt, in: zone))
        }
    }
}

extension StaffAccount {
    /// `active`, `disabled`, or `locked until TIME` as of `now` (the `users list` column).
    public func state(at now: Date, zone: TimeZone) -> String {
        if disabled { return "disabled" }
        if let lockedUntil, lockedUntil > now { return "locked until \(Timestamp.rfc3339(lockedUntil, in: zone))" }
        return "active"
    }
}
