import Foundation

/// A draft parsed and hashed off the importing transaction's thread.
struct HashedDraft: Sendable {
    /// The draft.
    var draft: ImportDraft
    /// `ContentHash.of(draft.content)`.
    var hash: String
    /// What screening found in the draft's text (empty when screening is off).
    var findings: [AuditFinding]
}

/// A bounded, ordered hand-over of parsed drafts from one parsing thread to the importing
/// transaction, so parsing, hashing and screening (one core) overlap the store writes (the other).
/// The producer's error travels in order behind the drafts read before it; the consumer
/// cancels the producer when it gives up.
final class DraftPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[HashedDraft]] = []
    private var finished = false
    private var producerDone = false
    private var failure: (any Error)?
    private var cancelled = false
    private let capacity: Int

    /// A pipe holding at most `capacity` chunks in flight.
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Producer: hands a chunk over, waiting while the pipe is full; throws once cancelled.
    func put(_ chunk: [HashedDraft]) throws {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw CancellationError() }
        chunks.append(chunk)
        condition.broadcast()
    }

    /// Producer: no more chunks; `error` (if any) is delivered after the chunks already put.
    func finish(error: (any Error)?) {
        condition.lock()
        finished = true
        producerDone = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer: the next chunk, nil at the end; rethrows the producer's error in its place.
    func take() throws -> [HashedDraft]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        if !chunks.isEmpty {
            condition.broadcast()
            return chunks.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Consumer: stops the producer and waits until its thread has left the pipe.
    func cancelAndWait() {
        condition.lock()
        cancelled = true
        chunks.removeAll()
        condition.broadcast()
        while !producerDone { condition.wait() }
        condition.unlock()
    }
}

extension ItemStore {
    /// Imports what `produce` parses, in one transaction, like `importItems(actor:approveBy:_:)`,
    /// but runs `produce` (parsing, and hashing and screening each draft) on its own thread while this one
    /// writes to the store. The first error in input order wins, and rolls everything back.
    public func importItemsConcurrently(actor: String, approveBy: String? = nil, numbering: IndexNumbering? = nil,
                                        screening: AuditRuleSet? = nil,
                                        _ produce: @escaping @Sendable (_ emit: (ImportDraft) throws -> Void) throws -> Void) throws -> ImportSummary {
        let pipe = DraftPipe(capacity: 16)
        let producer = Thread {
            var chunk: [HashedDraft] = []
            chunk.reserveCapacity(128)
            do {
                try produce { draft in
                    chunk.append(HashedDraft(draft: draft, hash: ContentHash.of(draft.content),
                                             findings: draft.screened(by: screening)))
                    if chunk.count == 128 {
                        try pipe.put(chunk)
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
                if !chunk.isEmpty { try pipe.put(chunk) }
                pipe.finish(error: nil)
            } catch {
                // The drafts read before the error go first, so an earlier rule error still wins.
                if !chunk.isEmpty { try? pipe.put(chunk) }
                pipe.finish(error: error)
            }
        }
        producer.stackSize = 8 << 20
        producer.start()
        defer { pipe.cancelAndWait() }
        return try importItems(actor: actor, approveBy: approveBy, numbering: numbering, from: pipe)
    }
}
