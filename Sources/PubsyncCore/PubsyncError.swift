import Foundation

/// The one error type of pubsync: a code, a message, the channel and item when known,
/// and the underlying error.
public struct PubsyncError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case usage, config, input, notFound, conflict, store, io, channel, rejected
            case credentialsRefused, missingSecret, locked, guardRefused, inventory
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Bad command-line usage.
        public static let usage = Code(.usage)
        /// The config file is missing or wrong.
        public static let config = Code(.config)
        /// An input file (import) is wrong.
        public static let input = Code(.input)
        /// A named item, channel or flag does not exist.
        public static let notFound = Code(.notFound)
        /// The request conflicts with the store's state (e.g. approving a retracted item).
        public static let conflict = Code(.conflict)
        /// The store could not be read or written.
        public static let store = Code(.store)
        /// A local file operation failed.
        public static let io = Code(.io)
        /// A channel operation failed; retried next run.
        public static let channel = Code(.channel)
        /// The channel refused the content (400/422); not retried until the content changes.
        public static let rejected = Code(.rejected)
        /// The channel refused the credentials (401/403); the whole channel stops.
        public static let credentialsRefused = Code(.credentialsRefused)
        /// A secret the channel needs (token variable or file) is not available.
        public static let missingSecret = Code(.missingSecret)
        /// Another pubsync run holds the lock.
        public static let locked = Code(.locked)
        /// A safety guard refused the run; nothing was removed.
        public static let guardRefused = Code(.guardRefused)
        /// Listing a channel's content failed.
        public static let inventory = Code(.inventory)

        /// The code's name, e.g. `config`.
        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// A message for the user that names the file, key, item or channel involved.
    public var message: String
    /// The channel involved, if any.
    public var channel: String?
    /// The item involved, if any.
    public var item: String?
    /// The error that caused this one, if any.
    public var underlying: (any Error)?

    /// Creates an error.
    public init(_ code: Code, _ message: String, channel: String? = nil, item: String? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.channel = channel
        self.item = item
        self.underlying = underlying
    }

    /// Whether repeating the operation later may succeed.
    public var isRetryable: Bool {
        code == .channel || code == .io || code == .inventory || code == .locked
    }

    /// The process exit code the command-line contract gives this error.
    public var exitCode: Int32 {
        switch code {
        case .usage, .config, .input, .notFound, .conflict, .missingSecret: return 2
        case .locked: return 75
        case .guardRefused: return 4
        default: return 1
        }
    }

    /// The message, prefixed with the channel when known.
    public var description: String {
        if let channel, !message.contains("channel '\(channel)'") { return "channel '\(channel)': \(message)" }
        return message
    }
}
