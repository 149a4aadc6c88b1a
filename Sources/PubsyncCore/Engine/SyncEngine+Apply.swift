import Foundation

/// The mutable state of one channel's apply: the unrecorded batch and the running counts.
/// Used from the applying task only.
final class ApplyState: @unchecked Sendable {
    var result: ChannelSyncResult
    var counter: OpCounter
    var batch: [OpOutcome] = []
    var batchFirstOp = 1
    var lastRecord = ContinuousClock.now
    /// The previous batch's ledger write, running while the next batch's operations go out.
    var recording: Task<Void, any Error>?
    /// This channel's operation count; `counter` runs over the whole run (for failpoints).
    let total: Int
    /// `counter.done` when this channel's apply began, so progress counts this channel's ops only.
    let doneBefore: Int

    init(result: ChannelSyncResult, counter: OpCounter, total: Int) {
        self.result = result
        self.counter = counter
        self.total = total
        doneBefore = counter.done
    }
}

extension SyncEngine {
    /// Applies a plan: retractions, puts, then routine removals (unless guarded or a put failed).
    func apply(_ plan: ChannelPlan, on channel: ConfiguredChannel, options: SyncOptions,
               result: inout ChannelSyncResult, counter: inout OpCounter) async throws {
        let context = SessionContext(now: clock(), timeZone: config.timeZone, logger: logger,
                                     live: StoreLiveItems(store: store, channel: channel.name, today: config.today(at: clock())),
                                     attachments: store.attachmentFiles)
        let state = ApplyState(result: result, counter: counter, total: plan.opCount)
        defer {
            result = state.result
            counter = state.counter
        }
        let session: any ChannelSession
        do {
            session = try await channel.adapter.openSession(context)
        } catch {
            state.result.stopped = Self.wrap(error, channel: channel.name)
            return
        }
        let concurrency = max(1, channel.adapter.maxConcurrentOperations)
        var options = options
        if let tuned = channel.adapter as? any FlushTuned, options.batchSize == SyncOptions().batchSize {
            options.batchSize = max(options.batchSize, tuned.flushInterval.operations)
            options.batchInterval = max(options.batchInterval, .milliseconds(Int(tuned.flushInterval.seconds * 1000)))
        }
        do {
            try await applyPhases(plan, session: session, concurrency: concurrency, channel: channel, options: options, state: state)
            if plan.isEmpty {
                // Nothing to publish, but an earlier run's puts wait to be listed (DeferredListing).
                try await flushAndRecord(session: session, channel: channel.name, options: options, state: state)
            }
            try await state.recording?.value
        } catch {
            // Nothing outlives the apply: the last batch's write is finished (or failed) first.
            _ = try? await state.recording?.value
            throw error
        }
    }

    private func applyPhases(_ plan: ChannelPlan, session: any ChannelSession, concurrency: Int, channel: ConfiguredChannel,
                             options: SyncOptions, state: ApplyState) async throws {
        let phases: [(ops: [PlanOp], routine: Bool)] = [(plan.retractions, false), (plan.puts, false), (plan.removals, true)]
        for phase in phases where !phase.ops.isEmpty {
            if phase.routine {
                if state.result.guardRefusal != nil { continue }
                if state.result.failed > 0 || state.result.rejected > 0 || !state.batch.allSatisfy(\.isSuccess) {
                    state.result.removalsSkipped = true
                    continue
                }
            }
            do {
                try await run(phase.ops, session: session, concurrency: concurrency, channel: channel.name, options: options, state: state)
            } catch let error as PubsyncError where error.code == .credentialsRefused || error.code == .store {
                try await flushAndRecord(session: session, channel: channel.name, options: options, state: state)
                if error.code == .store { throw error }
                state.result.stopped = error
                return
            }
            // Retractions are confirmed before anything else goes out.
            try await flushAndRecord(session: session, channel: channel.name, options: options, state: state)
        }
    }

    private func run(_ ops: [PlanOp], session: any ChannelSession, concurrency: Int, channel: String,
                     options: SyncOptions, state: ApplyState) async throws {
        // Chunks as ranges of `ops`: a copy of 100,000 operations is not made again.
        let chunks = stride(from: 0, to: ops.count, by: 200).map { $0..<min($0 + 200, ops.count) }
        // The next chunk's items are read (on a pool reader) while this chunk is applied and recorded.
        let store = store
        func prefetch(_ index: Int) -> Task<[PublishedItem], any Error>? {
            guard index < chunks.count else { return nil }
            let refs = ops[chunks[index]].compactMap { op in op.kind == .put ? op.rev.map { (id: op.id, rev: $0) } : nil }
            let today = config.today(at: clock())
            return Task { try store.publishedItems(refs, today: today) }
        }
        var next = prefetch(0)
        defer { next?.cancel() }
        for index in chunks.indices {
            let chunk = ops[chunks[index]]
            var items: [String: PublishedItem] = [:]
            for item in try await next!.value { items[item.id] = item }
            next = prefetch(index + 1)
            let work = chunk.map { op in (op, items[op.id]) }
            if concurrency == 1 {
                for (op, item) in work {
                    let outcome = try await execute(op, item: item, session: session, channel: channel)
                    try await handle(outcome, session: session, channel: channel, options: options, state: state)
                }
                continue
            }
            try await withThrowingTaskGroup(of: OpOutcome.self) { group in
                var pending = work.makeIterator()
                for _ in 0..<concurrency {
                    guard let (op, item) = pending.next() else { break }
                    group.addTask { try await execute(op, item: item, session: session, channel: channel) }
                }
                while let outcome = try await group.next() {
                    try await handle(outcome, session: session, channel: channel, options: options, state: state)
                    if let (op, item) = pending.next() {
                        group.addTask { try await execute(op, item: item, session: session, channel: channel) }
                    }
                }
            }
        }
    }

    /// Runs one operation; refused credentials and store errors propagate, anything else is an outcome.
    private func execute(_ op: PlanOp, item: PublishedItem?, session: any ChannelSession, channel: String) async throws -> OpOutcome {
        do {
            switch op.kind {
            case .put:
                guard var item else { throw PubsyncError(.store, "item '\(op.id)' revision \(op.rev ?? 0) is missing", item: op.id) }
                let receipt = try await session.put(item)
                item.body = ""
                return OpOutcome(op: op, result: .put(item, remoteRef: receipt.remoteRef))
            case .remove:
                try await session.remove(id: op.id, reason: op.removalReason)
                return OpOutcome(op: op, result: .removed)
            }
        } catch let error as PubsyncError where error.code == .credentialsRefused || error.code == .store {
            throw error
        } catch let error as PubsyncError where error.code == .rejected {
            return OpOutcome(op: op, result: .rejected(error.message))
        } catch {
            return OpOutcome(op: op, result: .failed(Self.wrap(error, channel: channel).message))
        }
    }

    private func handle(_ outcome: OpOutcome, session: any ChannelSession, channel: String, options: SyncOptions, state: ApplyState) async throws {
        state.batch.append(outcome)
        state.counter.done += 1
        failpoint?.trigger(.afterOp, opsDone: state.counter.done)
        progress?(channel, state.counter.done - state.doneBefore, state.total)
        if state.batch.count >= options.batchSize || ContinuousClock.now - state.lastRecord >= options.batchInterval {
            // In the middle of a phase: the phase's own last flush lists what this one publishes.
            try await flushAndRecord(session: session, channel: channel, options: options, state: state, midPhase: true)
        }
    }

    /// Makes the batch durable on the channel, then records it; a failed flush records the batch as failed.
    /// The ledger write runs while the next batch's operations go out; it is finished before the
    /// next flush (a flush may read the ledger) and before the apply returns. `midPhase`: more of
    /// the phase follows, so a `PutFlushing` session may leave the listing to the phase's end.
    private func flushAndRecord(session: any ChannelSession, channel: String, options: SyncOptions, state: ApplyState,
                                midPhase: Bool = false) async throws {
        try await state.recording?.value
        state.recording = nil
        var outcomes = state.batch
        let range = state.batchFirstOp...max(state.batchFirstOp, state.counter.done)
        do {
            if midPhase, let deferring = session as? any PutFlushing {
                try await deferring.flushPuts()
            } else {
                try await session.flush()
            }
        } catch {
            let message = "the channel could not make the changes durable: \(Self.wrap(error, channel: channel).message)"
            outcomes = outcomes.map { $0.isSuccess ? OpOutcome(op: $0.op, result: .failed(message)) : $0 }
        }
        if !outcomes.isEmpty {
            failpoint?.trigger(.afterFlush, opsDone: state.counter.done, range: range)
            let (store, failpoint, recorded, opsDone) = (store, failpoint, outcomes, state.counter.done)
            state.recording = Task {
                try store.record(channel: channel, outcomes: recorded, actor: options.actor)
                failpoint?.trigger(.afterRecord, opsDone: opsDone, range: range)
            }
        }
        for outcome in outcomes {
            switch outcome.result {
            case .put: state.result.put += 1
            case .removed:
                state.result.removed += 1
                state.result.removedIDs.append(outcome.op.id)
            case .failed(let message):
                state.result.failed += 1
                state.result.errors.append((outcome.op.id, message))
            case .rejected(let message):
                state.result.rejected += 1
                state.result.errors.append((outcome.op.id, message))
            }
        }
        state.batch = []
        state.batchFirstOp = state.counter.done + 1
        state.lastRecord = ContinuousClock.now
    }

    static func wrap(_ error: any Error, channel: String) -> PubsyncError {
        if let error = error as? PubsyncError { return error }
        return PubsyncError(.channel, "\(error)", channel: channel, underlying: error)
    }
}

extension OpOutcome {
    /// Whether the channel confirmed the operation.
    var isSuccess: Bool {
        switch result {
        case .put, .removed: return true
        case .failed, .rejected: return false
        }
    }
}
