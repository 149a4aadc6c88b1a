import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PubsyncTesting

/// A real `pubsync serve` on a free loopback port.
final class ConsoleProcess: @unchecked Sendable {
    let process = Process()
    let port: Int

    init(workspace: Workspace, environment: [String: String] = [:]) throws {
        process.executableURL = workspace.runner.executable("pubsync")
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = workspace.directory.url
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "PUBSYNC_CONFIG")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
              let bound = Int(text[range].split(separator: ":").last ?? "") else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSDebugDescriptionErrorKey: "pubsync serve said: \(text)"])
        }
        port = bound
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

/// One browser-like client of the console: its own cookies, redirects not followed.
final class ConsoleClient: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    struct Answer {
        let status: Int
        let headers: [String: String]
        let body: String
        var location: String? { headers["location"] }
        /// The page's `csrf` hidden field (the first).
        var csrf: String? {
            guard let range = body.range(of: #"name="csrf" value="([0-9a-f]+)""#, options: .regularExpression) else { return nil }
            return String(body[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
        }
    }

    let base: URL
    private(set) var cookies: [String: String] = [:]
    private(set) var setCookieLines: [String] = []
    private lazy var session = URLSession(configuration: {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.timeoutIntervalForRequest = 60
        return configuration
    }(), delegate: self, delegateQueue: nil)

    init(port: Int) {
        base = URL(string: "http://127.0.0.1:\(port)")!
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func get(_ path: String, headers: [String: String] = [:]) throws -> Answer {
        try send("GET", path, body: nil, headers: headers)
    }

    func post(_ path: String, _ fields: [(String, String)], headers: [String: String] = [:]) throws -> Answer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
        return try send("POST", path, body: Data(body.utf8), headers: headers.merging(["Content-Type": "application/x-www-form-urlencoded"]) { a, _ in a })
    }

    /// Logs in through the form; returns the login answer.
    @discardableResult
    func login(_ name: String, _ password: String, headers: [String: String] = [:]) throws -> Answer {
        let page = try get("/login", headers: headers)
        return try post("/login", [("username", name), ("password", password), ("csrf", page.csrf ?? "")], headers: headers)
    }

    private func send(_ method: String, _ path: String, body: Data?, headers: [String: String]) throws -> Answer {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if !cookies.isEmpty { request.setValue(cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "), forHTTPHeaderField: "Cookie") }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Data?, URLResponse?, (any Error)?)
        session.dataTask(with: request) { data, response, error in
            result = (data, response, error)
            done.signal()
        }.resume()
        done.wait()
        if let error = result.2 { throw error }
        guard let response = result.1 as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var fields: [String: String] = [:]
        for (key, value) in response.allHeaderFields {
            fields[String(describing: key).lowercased()] = String(describing: value)
        }
        if let line = fields["set-cookie"] {
            setCookieLines.append(line)
            absorb(line)
        }
        return Answer(status: response.statusCode, headers: fields, body: String(decoding: result.0 ?? Data(), as: UTF8.self))
    }

    /// Takes the name=value pairs of (possibly folded) Set-Cookie lines.
    private func absorb(_ line: String) {
        let pattern = #"(pubsync_[a-z]+)=([0-9a-f]*)"#
        let regex = try! NSRegularExpression(pattern: pattern)
        for match in regex.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
            let name = String(line[Range(match.range(at: 1), in: line)!]), value = String(line[Range(match.range(at: 2), in: line)!])
            if value.isEmpty { cookies.removeValue(forKey: name) } else { cookies[name] = value }
        }
    }
}
