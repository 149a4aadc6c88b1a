import Foundation

/// What a sync (or a plan) did on one channel.
public struct ChannelSyncResult: Sendable {
    /// The channel.
    public var name: String
    /// The plan that was applied (or would be, for a dry run).
    public var plan: ChannelPlan
    /// Puts the channel confirmed.
    public var put = 0
    /// Removals the channel confirmed (retractions included).
    public var removed = 0
    /// The ids of those removals.
    public var removedIDs: [String] = []
    /// Operations that failed (retried next run).
    public var failed = 0
    /// Puts the channel refused (400/422).
    public var rejected = 0
    /// Per-item errors of this run.
    public var errors: [(id: String, message: String)] = []
    /// A guard that refused the routine removals, with how to override it.
    public var guardRefusal: String?
    /// Routine removals skipped because a put failed.
    public var removalsSkipped = false
    /// The error that stopped the channel (e.g. refused credentials).
    public var stopped: PubsyncError?
    /// Ledger counts after the run.
    public var summary = LedgerSummary()
    /// Whether this was a dry run.
    public var dryRun = false
    /// Items routed here whose approved revision is held by an open flag (nothing is put until a person acts).
    public var held = 0
    /// Items routed here that are approved and clean but dated after today.
    public var scheduled = 0

    /// Live items that were not put in this run.
    public var unchanged: Int {
        if dryRun {
            let touched = plan.puts.filter { $0.reason != .new }.count + plan.retractions.count + plan.removals.count
            return max(0, summary.live - touched)
        }
        return max(0, summary.live - put)
    }
}
