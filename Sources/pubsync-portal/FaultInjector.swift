import Foundation

/// The test switches (`--fail-every`, `--latency-ms`, `--throttle`) and the request counters
/// that `GET {base}/_stats` reports, so tests can count what really reached the portal.
final class FaultInjector: @unchecked Sendable {
    /// What to do with one API request.
    enum Decision: Sendable {
        case proceed
        case fail
        case throttle(retryAfter: String)
    }

    let failEvery: Int?
    let latencyMs: Int?
    let throttle: Int?
    let retryAfterDate: Bool
    private let lock = NSLock()
    private var requests = 0
    private var windowStart = 0
    private var windowCount = 0
    private var counters: [String: Int] = [:]

    init(failEvery: Int?, latencyMs: Int?, throttle: Int?, retryAfterDate: Bool) {
        self.failEvery = failEvery
        self.latencyMs = latencyMs
        self.throttle = throttle
        self.retryAfterDate = retryAfterDate
    }

    /// Counts the request and decides whether it is failed, throttled or let through.
    func decide(method: String, now: Date = Date()) -> Decision {
        lock.lock()
        defer { lock.unlock() }
        requests += 1
        counters["requests", default: 0] += 1
        counters["requests_\(method.lowercased())", default: 0] += 1
        if let failEvery, requests % failEvery == 0 {
            counters["answered_503", default: 0] += 1
            return .fail
        }
        if let throttle {
            // A fixed one-second window: simple, and Retry-After is exact to the second.
            let second = Int(now.timeIntervalSince1970.rounded(.down))
            if second != windowStart {
                windowStart = second
                windowCount = 0
            }
            windowCount += 1
            if windowCount > throttle {
                counters["answered_429", default: 0] += 1
                let next = Date(timeIntervalSince1970: TimeInterval(second + 1))
                return .throttle(retryAfter: retryAfterDate ? Self.httpDate(next) : "1")
            }
        }
        return .proceed
    }

    /// Adds one to a named counter (e.g. `puts_stored`).
    func count(_ name: String) {
        lock.lock()
        counters[name, default: 0] += 1
        lock.unlock()
    }

    /// A snapshot of all counters.
    func snapshot() -> [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        return counters
    }

    /// RFC 9110 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
