import Foundation

/// How long the portal adapter waits between attempts. Production uses the defaults; tests
/// shorten the backoff (a 429's `Retry-After` is still honoured, up to `retryAfterCap`).
public struct PortalRetryPolicy: Sendable {
    /// The first backoff step in seconds; step n is `baseDelay * 2^(n-1)`, capped by `maxDelay`.
    public var baseDelay: Double
    /// The largest backoff step in seconds.
    public var maxDelay: Double
    /// The longest `Retry-After` honoured, in seconds (a portal asking for more is waited this long).
    public var retryAfterCap: Double
    /// Extra random wait, up to this many seconds, after a `Retry-After`, so workers do not return together.
    public var throttleJitter: Double
    /// How many 429 answers one operation accepts before it is left pending for the next run.
    public var maxThrottleWaits: Int
    /// Sleeps for the given seconds (replaceable so tests can record waits).
    public var sleep: @Sendable (Double) async throws -> Void

    /// Creates a policy; the defaults suit a real portal.
    public init(baseDelay: Double = 0.5, maxDelay: Double = 30, retryAfterCap: Double = 60, throttleJitter: Double = 0.5,
                maxThrottleWaits: Int = 20,
                sleep: @escaping @Sendable (Double) async throws -> Void = { seconds in
                    try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
                }) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.retryAfterCap = retryAfterCap
        self.throttleJitter = throttleJitter
        self.maxThrottleWaits = maxThrottleWaits
        self.sleep = sleep
    }

    /// Exponential backoff with full jitter (a uniform wait between 0 and the step).
    func backoff(attempt: Int) -> Double {
        let step = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return Double.random(in: 0...max(0, step))
    }

    /// The wait a 429 asks for: `Retry-After` (seconds or an HTTP date) capped, plus a little jitter.
    func throttleWait(retryAfter: String?, attempt: Int, now: Date = Date()) -> Double {
        guard let retryAfter, let seconds = Self.parseRetryAfter(retryAfter, now: now) else {
            return backoff(attempt: attempt)
        }
        return min(retryAfterCap, seconds) + Double.random(in: 0...max(0, throttleJitter))
    }

    /// Seconds from `now` that a `Retry-After` value names; nil when it is neither form.
    static func parseRetryAfter(_ value: String, now: Date) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text), seconds >= 0 { return Double(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        // IMF-fixdate first; the obsolete RFC 850 and asctime forms are accepted too (RFC 9110 §5.6.7).
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return max(0, date.timeIntervalSince(now)) }
        }
        return nil
    }
}
