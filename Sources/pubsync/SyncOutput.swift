import Foundation
import PubsyncCore

/// Printing of plan/sync/publish results, and their exit codes.
enum SyncOutput {
    /// The exit code of a run: 4 when a guard refused, 1 when an operation failed, else 0.
    static func exitCode(_ results: [ChannelSyncResult]) -> Int32 {
        if results.contains(where: { $0.guardRefusal != nil }) { return 4 }
        if results.contains(where: { $0.failed > 0 || $0.rejected > 0 || $0.stopped != nil }) { return 1 }
        return 0
    }

    /// Prints the results as the contract's JSON or as one line per channel, and messages on stderr.
    /// `notPublished` (publish of named items) says why each of them is not live on the one channel.
    static func print(_ results: [ChannelSyncResult], json: Bool, includeOps: Bool, notPublished: [NotPublished] = []) {
        clearProgress()
        if json {
            Terminal.printJSON(SyncRunOutput(results, includeOps: includeOps, notPublished: notPublished))
        } else {
            for result in results {
                if result.dryRun {
                    Swift.print("\(result.name): would put \(result.plan.puts.count), remove \(result.plan.retractions.count + result.plan.removals.count) (\(result.plan.retractions.count) retracted); \(result.plan.unchanged) unchanged, \(result.summary.live) live\(waiting(result))")
                    if includeOps {
                        for op in result.plan.ops { Swift.print("  \(op.kind.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)) \(op.id)  (\(op.reason.rawValue))") }
                    }
                } else {
                    Swift.print("\(result.name): put \(result.put), removed \(result.removed), failed \(result.failed + result.rejected), unchanged \(result.unchanged), live \(result.summary.live)\(result.summary.pending > 0 ? ", pending \(result.summary.pending)" : "")\(waiting(result))")
                }
            }
        }
        for result in results {
            if let refusal = result.guardRefusal { Terminal.error(refusal) }
            if result.removalsSkipped { Terminal.error("channel '\(result.name)': routine removals skipped because a put failed; they run once the puts succeed") }
            if let stopped = result.stopped { Terminal.error("channel '\(result.name)' stopped: \(stopped.message)") }
            for error in result.errors.prefix(20) { Terminal.error("channel '\(result.name)': \(error.id): \(error.message)") }
            if result.name == results.first?.name {
                for item in notPublished { Terminal.error("\(item.id) is not live on \(result.name): \(item.reason)") }
            }
            if result.errors.count > 20 { Terminal.error("channel '\(result.name)': … and \(result.errors.count - 20) more errors (see pubsync status)") }
        }
    }

    /// ", held N, scheduled N" for the counts that are not zero.
    private static func waiting(_ result: ChannelSyncResult) -> String {
        (result.held > 0 ? ", held \(result.held)" : "") + (result.scheduled > 0 ? ", scheduled \(result.scheduled)" : "")
    }

    /// Whether a progress line is on the terminal now (it is cleared before anything else is printed).
    static let progressShown = LockedValue(false)

    /// A progress line on stderr, on a terminal only, at most five times a second: each channel
    /// that has begun, with its operations done against its total (the channels of a run
    /// publish at the same time), e.g. `site: 1200/10000 · weibo: 10000/10000 operations`.
    static func progressReporter() -> (@Sendable (String, Int, Int) -> Void)? {
        guard Terminal.stderrIsTerminal else { return nil }
        let state = LockedValue(ProgressLine())
        return { channel, done, total in
            let line = state.update { $0.report(channel, done: min(done, total), total: total, at: Date()) }
            guard let line else { return }
            // CR, then erase to the end of the line: a shorter line leaves nothing of a longer one.
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
            progressShown.value = true
        }
    }

    /// Erases the progress line, if one is shown, so the summary starts on a clean line.
    static func clearProgress() {
        guard progressShown.value else { return }
        progressShown.value = false
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// The progress line's state: each channel's counts, in the order the channels began.
struct ProgressLine {
    private var channels: [(name: String, done: Int, total: Int)] = []
    private var lastShown = Date.distantPast

    /// Records a channel's counts; returns the line to show, or nil when the last one was shown
    /// less than 0.2 s ago (a channel that just finished is always shown).
    mutating func report(_ channel: String, done: Int, total: Int, at now: Date) -> String? {
        if let index = channels.firstIndex(where: { $0.name == channel }) {
            channels[index] = (channel, done, total)
        } else {
            channels.append((channel, done, total))
        }
        guard done == total || now.timeIntervalSince(lastShown) > 0.2 else { return nil }
        lastShown = now
        return channels.map { "\(Redacted.controlsEscaped($0.name)): \($0.done)/\($0.total)" }.joined(separator: " · ") + " operations"
    }
}

/// A value behind a lock, for progress state shared with the engine's callback.
final class LockedValue<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); defer { lock.unlock() }; stored = newValue }
    }

    /// Changes the value under the lock, returning what `change` returns.
    func update<R>(_ change: (inout T) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return change(&stored)
    }
}
