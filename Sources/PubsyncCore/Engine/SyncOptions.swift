import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a sync or publish runs.
public struct SyncOptions: Sendable {
    /// Plan from the whole store instead of the journal fast path.
    public var full = false
    /// Plan only: no store writes, no channel calls.
    public var dryRun = false
    /// Most routine removals allowed on one channel in one run.
    public var maxDelete = 20
    /// Allow a run to remove every item of a channel.
    public var allowEmpty = false
    /// Only these items (plus owed retractions); nil means everything.
    public var onlyItems: Set<String>?
    /// Who the run's events are recorded as.
    public var actor = "pubsync"
    /// Record outcomes at least every this many operations.
    public var batchSize = 2000
    /// ... and at least this often.
    public var batchInterval: Duration = .seconds(1)

    /// Default options.
    public init() {}
}

/// A test hook: the process kills itself (SIGKILL) at a chosen point of the Nth operation, so
/// crash-recovery can be tested with the real binary. Set by `PUBSYNC_FAILPOINT=point:N`.
public struct Failpoint: Sendable, Equatable {
    /// Where to die.
    public enum Point: String, Sendable {
        /// After the channel confirmed op N, before the flush.
        case afterOp = "after-op"
        /// After a flush that covered op N, before recording.
        case afterFlush = "after-flush"
        /// After recording a batch that holds op N.
        case afterRecord = "after-record"
    }

    /// Where.
    public var point: Point
    /// Which operation (1-based, counted over the whole run).
    public var count: Int

    /// Parses `point:N`; nil when absent or malformed.
    public init?(_ text: String?) {
        guard let text, let colon = text.firstIndex(of: ":"),
              let point = Point(rawValue: String(text[..<colon])), let count = Int(text[text.index(after: colon)...]), count > 0 else { return nil }
        self.point = point
        self.count = count
    }

    func trigger(_ at: Point, opsDone: Int, range: ClosedRange<Int>? = nil) {
        guard at == point else { return }
        let hit = range.map { $0.contains(count) } ?? (opsDone == count)
        if hit { kill(getpid(), SIGKILL) }
    }
}
