import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import PubsyncCore

/// Set once the portal refused the credentials, so the session's other operations stop at once.
final class CredentialsStop: @unchecked Sendable {
    private let lock = NSLock()
    private var refusal: PubsyncError?

    func trip(_ error: PubsyncError) {
        lock.lock()
        if refusal == nil { refusal = error }
        lock.unlock()
    }

    func check() throws {
        lock.lock()
        let refusal = self.refusal
        lock.unlock()
        if let refusal { throw refusal }
    }
}

/// One request to the portal, built before it is sent (so a retry sends the same bytes).
struct PortalRequest: Sendable {
    var method: HTTPMethod
    var url: URL
    var headers: HTTPHeaders
    var body: Data?
    /// A file sent as the body instead, streamed from disk on each attempt (never whole in memory).
    var file: (url: URL, size: Int)?
}

/// One HTTP exchange with retries: 5xx, 408, timeouts and connection errors back off with full
/// jitter up to `max_attempts`; 429 waits for `Retry-After`. Other answers go back to the caller.
///
/// Built on AsyncHTTPClient (SwiftNIO), not URLSession: on Linux, cancelling a URLSession task
/// while libcurl's queue holds the task's lock deadlocked a whole sync (issue 13 item 1). Here a
/// cancelled or timed-out request fails its own continuation on the event loop; no lock is
/// shared with the caller. Every request has a deadline (`timeout_s`), redirects are never
/// followed (a 3xx goes back to the caller, which names the Location), and the token goes only
/// to the configured origin.
struct PortalHTTP: Sendable {
    let config: PortalPushConfig
    let policy: PortalRetryPolicy
    let logger: Logger

    /// The most of an answer's body that is read (the portal's answers are small JSON objects).
    static let maxAnswerBytes = 4 << 20

    /// A final answer: its status, body and the headers the caller needs.
    struct Answer: Sendable {
        var status: Int
        var data: Data
        var location: String? = nil

        /// The portal's `{"error": message}`, or a short excerpt of the body.
        var portalMessage: String {
            if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
               let message = object["error"] as? String {
                return String(message.prefix(500))
            }
            let text = String(decoding: data.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? "no message" : text
        }

        /// Whether this is a redirect (never followed).
        var isRedirect: Bool { (300..<400).contains(status) }
    }

    /// Sends `request` until it gets a final answer; throws `.channel` when the attempts run out.
    func exchange(_ request: PortalRequest, what: String, item: String?, stop: CredentialsStop?) async throws -> Answer {
        var attempt = 0
        var throttled = 0
        while true {
            try stop?.check()
            try Task.checkCancellation()
            attempt += 1
            let answer: Answer
            let retryAfter: String?
            do {
                (answer, retryAfter) = try await send(request)
            } catch {
                if error is CancellationError || (error as? HTTPClientError) == .cancelled {
                    throw PubsyncError(.channel, "\(what) was cancelled", channel: config.channel, item: item, underlying: error)
                }
                let reason = Self.describe(error, timeout: config.timeout)
                guard Self.isTransient(error), attempt < config.maxAttempts else {
                    throw PubsyncError(.channel, "\(what) failed after \(attempt) attempt(s): \(reason)",
                                       channel: config.channel, item: item, underlying: error)
                }
                let wait = policy.backoff(attempt: attempt)
                logger.debug("portal request failed, retrying", metadata: ["op": "\(what)", "attempt": "\(attempt)", "reason": "\(reason)"])
                try await policy.sleep(wait)
                continue
            }
            let status = answer.status
            if status == 429 {
                throttled += 1
                attempt -= 1  // a throttled request was not served; it does not use up an attempt
                guard throttled <= policy.maxThrottleWaits else {
                    throw PubsyncError(.channel, "\(what) was throttled (HTTP 429) \(throttled - 1) times; left for the next run",
                                       channel: config.channel, item: item)
                }
                let wait = policy.throttleWait(retryAfter: retryAfter, attempt: throttled)
                logger.debug("portal throttled, waiting", metadata: ["op": "\(what)", "seconds": "\(wait)"])
                try await policy.sleep(wait)
                continue
            }
            if status >= 500 || status == 408 {
                guard attempt < config.maxAttempts else {
                    throw PubsyncError(.channel, "\(what) failed after \(attempt) attempt(s): HTTP \(status): \(answer.portalMessage)",
                                       channel: config.channel, item: item)
                }
                logger.debug("portal answered \(status), retrying", metadata: ["op": "\(what)", "attempt": "\(attempt)"])
                try await policy.sleep(policy.backoff(attempt: attempt))
                continue
            }
            return answer
        }
    }

    /// One attempt, bounded by `timeout_s` from the first byte sent to the last byte read.
    private func send(_ request: PortalRequest) async throws -> (Answer, retryAfter: String?) {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = request.method
        outgoing.headers = request.headers
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        if let file = request.file { outgoing.body = .stream(FileChunks(url: file.url), length: .known(Int64(file.size))) }
        let timeout = TimeAmount.milliseconds(Int64((config.timeout * 1000).rounded(.up)))
        let deadline = NIODeadline.now() + timeout
        let client = PortalClients.client(readTimeout: timeout)
        let response = try await client.execute(outgoing, deadline: deadline, logger: nil)
        // The deadline above covers the answer's head; the body's read is bounded by the same
        // deadline here (and by the client's read time-out between bytes).
        let remaining = deadline - NIODeadline.now()
        guard remaining.nanoseconds > 0 else { throw HTTPClientError.deadlineExceeded }
        let data = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await response.body.collect(upTo: Self.maxAnswerBytes) }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(remaining.nanoseconds))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else { throw HTTPClientError.deadlineExceeded }
            return buffer
        }
        let answer = Answer(status: Int(response.status.code), data: Data(data.readableBytesView),
                            location: response.headers.first(name: "Location"))
        return (answer, response.headers.first(name: "Retry-After"))
    }

    /// A request with the bearer token; the token lives only in this header, and only goes to
    /// the configured `url` (redirects are never followed).
    func request(_ method: HTTPMethod, _ url: URL, token: String, body: Data? = nil, contentType: String? = nil,
                 idempotencyKey: String? = nil) -> PortalRequest {
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Bearer \(token)")
        headers.add(name: "Accept", value: "application/json")
        if let contentType { headers.add(name: "Content-Type", value: contentType) }
        if let idempotencyKey { headers.add(name: "Idempotency-Key", value: idempotencyKey) }
        return PortalRequest(method: method, url: url, headers: headers, body: body)
    }

    /// The error a 401/403 becomes; the engine stops the channel on this code.
    func credentialsRefused(_ answer: Answer, item: String?) -> PubsyncError {
        PubsyncError(.credentialsRefused,
                     "the portal refused the credentials (HTTP \(answer.status)); check the token in \(config.tokenSourceDescription)",
                     channel: config.channel, item: item)
    }

    /// The error a 3xx becomes: redirects are not followed (the token must not travel, and a
    /// redirected PUT arrives without its body), so the message names where the portal pointed.
    func redirected(_ answer: Answer, what: String, item: String?) -> PubsyncError {
        let target = answer.location.map { "'\(Redacted.url($0))'" } ?? "no Location"
        return PubsyncError(.channel,
                            "\(what) was answered with a redirect (HTTP \(answer.status)) to \(target); pubsync does not follow redirects: set the channel's url to the portal's real address",
                            channel: config.channel, item: item)
    }

    /// Timeouts and lost or refused connections are worth repeating; TLS and URL errors are not.
    static func isTransient(_ error: any Error) -> Bool {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .remoteConnectionClosed,
                 .getConnectionFromPoolTimeout:
                return true
            default:
                return false
            }
        }
        if error is NIOConnectionError || error is IOError { return true }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout, .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed: return true
            default: return false
            }
        }
        return false
    }

    /// A short reason for messages; it names no header (so never the token).
    static func describe(_ error: any Error, timeout: Double) -> String {
        let seconds = timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout: return "timed out after \(seconds) s"
            case .connectTimeout, .getConnectionFromPoolTimeout: return "could not connect to the portal (timed out)"
            case .remoteConnectionClosed: return "the connection was lost"
            default: return "HTTP client error: \(error.shortDescription)"
            }
        }
        if error is NIOConnectionError || error is IOError { return "could not connect to the portal" }
        if let error = error as? PubsyncError { return error.message }
        if error is ChannelError { return "the connection was lost" }
        let type = String(describing: type(of: error))
        if type.contains("SSL") || type.contains("TLS") || type.contains("Certificate") {
            return "TLS failed (\(type)): is the portal's certificate trusted by the system?"
        }
        return type
    }
}

extension HTTPClientError {
    /// The error's case name without associated values that could carry a URL.
    var shortDescription: String {
        String(String(describing: self).prefix { $0 != "(" })
    }
}

/// The process's HTTP clients for portal channels, one per read time-out, never shut down (they
/// live as long as the process; an `HTTPClient` must not be released while running).
enum PortalClients {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var clients: [Int64: HTTPClient] = [:]

    /// The client whose idle-read time-out is `readTimeout`; redirects off, no decompression.
    static func client(readTimeout: TimeAmount) -> HTTPClient {
        lock.lock()
        defer { lock.unlock() }
        if let client = clients[readTimeout.nanoseconds] { return client }
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: readTimeout, read: readTimeout),
                                                     decompression: .disabled)
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        // A refused connection fails the attempt at once; `PortalHTTP.exchange` retries with backoff.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.httpVersion = .http1Only
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        clients[readTimeout.nanoseconds] = client
        return client
    }
}
