import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
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

/// One HTTP exchange with retries: 5xx, 408, timeouts and connection errors back off with full
/// jitter up to `max_attempts`; 429 waits for `Retry-After`. Other answers go back to the caller.
struct PortalHTTP: Sendable {
    let session: URLSession
    let config: PortalPushConfig
    let policy: PortalRetryPolicy
    let logger: Logger

    /// A final answer: its status, body and `Retry-After`-free view of what the caller needs.
    struct Answer: Sendable {
        var status: Int
        var data: Data

        /// The portal's `{"error": message}`, or a short excerpt of the body.
        var portalMessage: String {
            if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
               let message = object["error"] as? String {
                return String(message.prefix(500))
            }
            let text = String(decoding: data.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? "no message" : text
        }
    }

    /// Sends `request` until it gets a final answer; throws `.channel` when the attempts run out.
    func exchange(_ request: URLRequest, what: String, item: String?, stop: CredentialsStop?) async throws -> Answer {
        var attempt = 0
        var throttled = 0
        while true {
            try stop?.check()
            try Task.checkCancellation()
            attempt += 1
            let data: Data
            let response: HTTPURLResponse
            do {
                let (body, answer) = try await session.data(for: request)
                guard let http = answer as? HTTPURLResponse else {
                    throw URLError(.badServerResponse)
                }
                data = body
                response = http
            } catch {
                if error is CancellationError || (error as? URLError)?.code == .cancelled {
                    throw PubsyncError(.channel, "channel '\(config.channel)': \(what) was cancelled", channel: config.channel,
                                       item: item, underlying: error)
                }
                let reason = Self.describe(error, timeout: config.timeout)
                guard Self.isTransient(error), attempt < config.maxAttempts else {
                    throw PubsyncError(.channel, "channel '\(config.channel)': \(what) failed after \(attempt) attempt(s): \(reason)",
                                       channel: config.channel, item: item, underlying: error)
                }
                let wait = policy.backoff(attempt: attempt)
                logger.debug("portal request failed, retrying", metadata: ["op": "\(what)", "attempt": "\(attempt)", "reason": "\(reason)"])
                try await policy.sleep(wait)
                continue
            }
            let status = response.statusCode
            if status == 429 {
                throttled += 1
                attempt -= 1  // a throttled request was not served; it does not use up an attempt
                guard throttled <= policy.maxThrottleWaits else {
                    throw PubsyncError(.channel, "channel '\(config.channel)': \(what) was throttled (HTTP 429) \(throttled - 1) times; left for the next run",
                                       channel: config.channel, item: item)
                }
                let wait = policy.throttleWait(retryAfter: response.value(forHTTPHeaderField: "Retry-After"), attempt: throttled)
                logger.debug("portal throttled, waiting", metadata: ["op": "\(what)", "seconds": "\(wait)"])
                try await policy.sleep(wait)
                continue
            }
            if status >= 500 || status == 408 {
                let answer = Answer(status: status, data: data)
                guard attempt < config.maxAttempts else {
                    throw PubsyncError(.channel, "channel '\(config.channel)': \(what) failed after \(attempt) attempt(s): HTTP \(status): \(answer.portalMessage)",
                                       channel: config.channel, item: item)
                }
                logger.debug("portal answered \(status), retrying", metadata: ["op": "\(what)", "attempt": "\(attempt)"])
                try await policy.sleep(policy.backoff(attempt: attempt))
                continue
            }
            return Answer(status: status, data: data)
        }
    }

    /// A request with the bearer token; the token lives only in this header.
    func request(_ method: String, _ url: URL, token: String, body: Data? = nil, contentType: String? = nil,
                 idempotencyKey: String? = nil) -> URLRequest {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: config.timeout)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        if let idempotencyKey { request.setValue(idempotencyKey, forHTTPHeaderField: "Idempotency-Key") }
        request.httpBody = body
        return request
    }

    /// The error a 401/403 becomes; the engine stops the channel on this code.
    func credentialsRefused(_ answer: Answer, item: String?) -> PubsyncError {
        PubsyncError(.credentialsRefused,
                     "channel '\(config.channel)': the portal refused the credentials (HTTP \(answer.status)); check the token in \(config.tokenSourceDescription)",
                     channel: config.channel, item: item)
    }

    /// Timeouts and lost or refused connections are worth repeating; TLS and URL errors are not.
    static func isTransient(_ error: any Error) -> Bool {
        guard let urlError = error as? URLError else { return false }
        switch urlError.code {
        case .timedOut, .cannotConnectToHost, .networkConnectionLost, .notConnectedToInternet, .cannotFindHost,
             .dnsLookupFailed, .badServerResponse, .zeroByteResource, .cannotParseResponse, .resourceUnavailable:
            return true
        default:
            return false
        }
    }

    /// A short reason for messages; it names no header (so never the token).
    static func describe(_ error: any Error, timeout: Double) -> String {
        guard let urlError = error as? URLError else { return String(describing: type(of: error)) }
        switch urlError.code {
        case .timedOut: return "timed out after \(timeout) s"
        case .cannotConnectToHost: return "could not connect to the portal"
        case .networkConnectionLost: return "the connection was lost"
        case .cannotFindHost, .dnsLookupFailed: return "the portal's host name was not found"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return "TLS failed (URLError \(urlError.code.rawValue)): is the portal's certificate trusted by the system?"
        default: return "URLError \(urlError.code.rawValue)"
        }
    }
}
