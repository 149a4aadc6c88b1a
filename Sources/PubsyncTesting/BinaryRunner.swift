import Foundation

/// Runs the built executables (`pubsync`, `pubsync-portal`) as child processes, the way a user does.
public struct BinaryRunner: Sendable {
    /// What a finished run printed and returned.
    public struct Result: Sendable {
        /// The exit status.
        public var status: Int32
        /// Standard output.
        public var stdout: String
        /// Standard error.
        public var stderr: String
        /// Whether the run was killed for outliving its time limit.
        public var timedOut = false
        /// How long the run took, in seconds.
        public var elapsed: TimeInterval = 0

        /// stdout parsed as a JSON object.
        public func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
                throw CocoaError(.coderReadCorrupt)
            }
            return object
        }
    }

    /// The folder holding the built products.
    public let binDirectory: URL

    /// Finds the products: `$PUBSYNC_BIN_DIR`, else `.build/debug` of the package this file is in.
    public init(file: String = #filePath) {
        if let dir = ProcessInfo.processInfo.environment["PUBSYNC_BIN_DIR"], !dir.isEmpty {
            binDirectory = URL(fileURLWithPath: dir)
        } else {
            var root = URL(fileURLWithPath: file)
            while root.path != "/" && !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
                root.deleteLastPathComponent()
            }
            binDirectory = root.appendingPathComponent(".build/debug")
        }
    }

    /// The path of a product.
    public func executable(_ name: String) -> URL { binDirectory.appendingPathComponent(name) }

    /// Runs `pubsync` with `arguments` in `directory`, waiting for it to finish.
    @discardableResult
    public func pubsync(_ arguments: [String], in directory: URL, environment: [String: String] = [:], stdin: String? = nil,
                        timeout: TimeInterval? = nil) throws -> Result {
        try run(executable("pubsync"), arguments, in: directory, environment: environment, stdin: stdin, timeout: timeout)
    }

    /// Runs any executable and waits; past `timeout` seconds it is killed (SIGKILL) and the result says `timedOut`.
    public func run(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String] = [:], stdin: String? = nil,
                    timeout: TimeInterval? = nil) throws -> Result {
        let started = Date()
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "PUBSYNC_CONFIG")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        let watchdog = Watchdog()
        if let timeout {
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                watchdog.fire { kill(pid, SIGKILL) }
            }
        }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        let collector = PipeCollector(err.fileHandleForReading)
        let stdoutData = PipeCollector.readToEnd(out.fileHandleForReading)
        let stderrData = collector.finish()
        process.waitUntilExit()
        let timedOut = watchdog.finish()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self), timedOut: timedOut,
                      elapsed: Date().timeIntervalSince(started))
    }
}

/// Kills a child once, unless the run finished first.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = false
    private var fired = false

    func fire(_ kill: () -> Void) {
        lock.withLock {
            guard !finished else { return }
            fired = true
            kill()
        }
    }

    /// Marks the run finished; returns whether the watchdog had fired.
    func finish() -> Bool {
        lock.withLock {
            finished = true
            return fired
        }
    }
}

/// Reads a pipe to its end on a background thread.
final class PipeCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = Self.readToEnd(handle)
            done.signal()
        }
    }

    /// Reads until end of file, repeating a read that a signal interrupted (EINTR): with other
    /// children exiting meanwhile, `readDataToEndOfFile` can trap on an interrupted read.
    static func readToEnd(_ handle: FileHandle) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let descriptor = handle.fileDescriptor
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return data
            }
        }
    }

    func finish() -> Data {
        done.wait()
        return data
    }
}
