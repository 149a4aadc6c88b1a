import Foundation
import PubsyncCore

/// An in-memory channel with fault switches, for engine tests and the conformance suite's
/// self-test. Thread-safe; every call is recorded in `calls`.
public final class MemoryChannel: ChannelAdapter, @unchecked Sendable {
    /// Switches that make the channel misbehave.
    public struct Faults: Sendable {
        /// Fail these put calls (1-based count of put calls since creation) with a retryable error.
        public var failPutCalls: Set<Int> = []
        /// Fail these remove calls (1-based) with a retryable error.
        public var failRemoveCalls: Set<Int> = []
        /// Fail every put of these ids.
        public var failPutIDs: Set<String> = []
        /// Reject (as a 422 would) puts of these ids.
        public var rejectIDs: Set<String> = []
        /// Refuse credentials on every call.
        public var refuseCredentials = false
        /// Make `inventory()` throw.
        public var failListing = false
        /// Sleep this long in every operation.
        public var delay: Duration = .zero
        /// Called (with the item id) at the start of every put, before anything else.
        public var onPut: (@Sendable (String) async -> Void)?

        /// No faults.
        public init() {}
    }

    /// One recorded call.
    public enum Call: Sendable, Equatable {
        case open
        case put(String, Int)
        case remove(String, RemovalReason)
        case flush
        case inventory
    }

    public let name: String
    private let lock = NSLock()
    private var _fingerprint: String
    private var _faults = Faults()
    private var stored: [String: PublishedItem] = [:]
    private var _calls: [Call] = []
    private var putCount = 0
    private var removeCount = 0
    /// How many operations may run at once.
    public let maxConcurrentOperations: Int

    /// Creates an empty channel.
    public init(name: String, fingerprint: String = "memory-v1", maxConcurrentOperations: Int = 1) {
        self.name = name
        self._fingerprint = fingerprint
        self.maxConcurrentOperations = maxConcurrentOperations
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// The adapter fingerprint; tests change it to simulate a template edit.
    public var fingerprint: String {
        get { locked { _fingerprint } }
        set { locked { _fingerprint = newValue } }
    }

    /// The fault switches.
    public var faults: Faults {
        get { locked { _faults } }
        set { locked { _faults = newValue } }
    }

    /// Every call so far.
    public var calls: [Call] { locked { _calls } }

    /// What the channel holds, by id.
    public var items: [String: PublishedItem] { locked { stored } }

    /// Puts an item directly (as someone editing the channel by hand would).
    public func inject(_ item: PublishedItem) { locked { stored[item.id] = item } }

    /// Deletes an item directly.
    public func drop(_ id: String) { locked { _ = stored.removeValue(forKey: id) } }

    public func openSession(_ context: SessionContext) async throws -> any ChannelSession {
        locked { _calls.append(.open) }
        return Session(channel: self)
    }

    public func inventory() async throws -> [LiveEntry] {
        let (faults, snapshot) = locked { () -> (Faults, [PublishedItem]) in
            _calls.append(.inventory)
            return (_faults, Array(stored.values))
        }
        if faults.failListing { throw PubsyncError(.inventory, "listing failed (test fault)", channel: name) }
        return snapshot.map { LiveEntry(id: $0.id, revision: $0.revision, contentHash: $0.contentHash) }.sorted { $0.id < $1.id }
    }

    fileprivate func put(_ item: PublishedItem) async throws -> PutReceipt {
        let (faults, count) = locked { () -> (Faults, Int) in
            putCount += 1
            _calls.append(.put(item.id, item.revision))
            return (_faults, putCount)
        }
        await faults.onPut?(item.id)
        if faults.delay > .zero { try await Task.sleep(for: faults.delay) }
        if faults.refuseCredentials { throw PubsyncError(.credentialsRefused, "credentials refused (test fault)", channel: name) }
        if faults.rejectIDs.contains(item.id) { throw PubsyncError(.rejected, "content rejected (test fault)", channel: name, item: item.id) }
        if faults.failPutCalls.contains(count) || faults.failPutIDs.contains(item.id) {
            throw PubsyncError(.channel, "put failed (test fault)", channel: name, item: item.id)
        }
        locked { stored[item.id] = item }
        return PutReceipt(remoteRef: "memory://\(name)/\(item.id)")
    }

    fileprivate func remove(_ id: String, reason: RemovalReason) async throws {
        let (faults, count) = locked { () -> (Faults, Int) in
            removeCount += 1
            _calls.append(.remove(id, reason))
            return (_faults, removeCount)
        }
        if faults.delay > .zero { try await Task.sleep(for: faults.delay) }
        if faults.refuseCredentials { throw PubsyncError(.credentialsRefused, "credentials refused (test fault)", channel: name) }
        if faults.failRemoveCalls.contains(count) { throw PubsyncError(.channel, "remove failed (test fault)", channel: name, item: id) }
        locked { _ = stored.removeValue(forKey: id) }
    }

    fileprivate func recordFlush() { locked { _calls.append(.flush) } }

    private struct Session: ChannelSession {
        let channel: MemoryChannel
        func put(_ item: PublishedItem) async throws -> PutReceipt { try await channel.put(item) }
        func remove(id: String, reason: RemovalReason) async throws { try await channel.remove(id, reason: reason) }
        func flush() async throws { channel.recordFlush() }
    }
}
