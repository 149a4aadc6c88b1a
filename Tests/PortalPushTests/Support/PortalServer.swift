import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A real `pubsync-portal` child process on a free loopback port, with its database in a temp folder.
final class PortalServer: @unchecked Sendable {
    static let token = "tok-3f9a1c77e2b54d0e9b8a-secret"
    static let tokenVariable = "PORTAL_TEST_TOKEN"

    let folder: URL
    private(set) var arguments: [String]
    private(set) var process: Process?
    private(set) var port = 0

    /// Starts the server with extra switches (e.g. `["--fail-every", "3"]`).
    init(_ extra: [String] = [], folder: URL? = nil) throws {
        self.folder = try folder ?? Self.temporaryFolder()
        arguments = ["--host", "127.0.0.1", "--port", "0", "--token-env", Self.tokenVariable,
                     "--db", self.folder.appendingPathComponent("portal.db").path] + extra
        try start()
    }

    deinit { process?.terminate() }

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var stdoutFile: URL { folder.appendingPathComponent("stdout.log") }
    var stderrFile: URL { folder.appendingPathComponent("stderr.log") }

    /// What the server printed (both streams, all runs).
    var output: String {
        [stdoutFile, stderrFile].compactMap { try? String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
    }

    /// Launches the binary and waits for `listening on 127.0.0.1:PORT`.
    func start() throws {
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment[Self.tokenVariable] = Self.token
        process.environment = environment
        for file in [stdoutFile, stderrFile] where !FileManager.default.fileExists(atPath: file.path) {
            FileManager.default.createFile(atPath: file.path, contents: nil)
        }
        let out = try FileHandle(forWritingTo: stdoutFile)
        let err = try FileHandle(forWritingTo: stderrFile)
        out.seekToEndOfFile()
        err.seekToEndOfFile()
        let startOffset = (try? Data(contentsOf: stdoutFile).count) ?? 0
        process.standardOutput = out
        process.standardError = err
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let data = (try? Data(contentsOf: stdoutFile)) ?? Data()
            let text = String(decoding: data.dropFirst(startOffset), as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on 127.0.0.1:") }),
               let port = Int(line.dropFirst("listening on 127.0.0.1:".count)) {
                self.port = port
                return
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw PortalServerError(message: "pubsync-portal did not start: \(output)")
    }

    /// Sends SIGTERM and waits (bounded) for the exit; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        guard let process else { return 0 }
        process.terminate()
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        self.process = nil
        return process.terminationStatus
    }

    /// Kills the process at once (SIGKILL), as a crash or power cut of the portal would.
    func crash() {
        guard let process else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    /// Restarts on the same port, so a client configured with the old URL reaches it again.
    func restartOnSamePort() throws {
        if let index = arguments.firstIndex(of: "--port") { arguments[index + 1] = String(port) }
        try start()
    }

    /// `GET {base}/_stats`: the server's request counters.
    func stats() async throws -> [String: Int] {
        let (status, data) = try await send("GET", "/_stats")
        #expect(status == 200)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Int]) ?? [:]
    }

    /// The stored item as the portal holds it, or nil when absent.
    /// Reads through the fault switches: a 503 or 429 is asked again (a bounded number of times).
    func item(_ id: String) async throws -> [String: Any]? {
        for _ in 0..<10 {
            let (status, data) = try await send("GET", "/items/\(id)")
            if status == 503 { continue }
            if status == 429 {
                try await Task.sleep(nanoseconds: 1_100_000_000)
                continue
            }
            guard status == 200 else { return nil }
            return try JSONSerialization.jsonObject(with: data) as? [String: Any]
        }
        throw PortalServerError(message: "GET /items/\(id) kept failing")
    }

    /// One raw request; `token: nil` sends no Authorization header.
    func send(_ method: String, _ path: String, token: String? = PortalServer.token, body: Data? = nil,
              headers: [String: String] = [:]) async throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.timeoutInterval = 20
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as! HTTPURLResponse).statusCode, data)
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("portal-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The built `pubsync-portal`: `$PUBSYNC_PORTAL_BIN`, else beside the test bundle in the build folder.
    static func binary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["PUBSYNC_PORTAL_BIN"] { return URL(fileURLWithPath: path) }
        var candidates: [URL] = []
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("pubsync-portal"))
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/pubsync-portal"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw PortalServerError(message: "pubsync-portal not found (build it first, or set PUBSYNC_PORTAL_BIN); looked at \(candidates.map(\.path))")
        }
        return found
    }
}

struct PortalServerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
