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
    public func pubsync(_ arguments: [String], in directory: URL, environment: [String: String] = [:], stdin: String? = nil) throws -> Result {
        try run(executable("pubsync"), arguments, in: directory, environment: environment, stdin: stdin)
    }

    /// Runs any executable and waits.
    public func run(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String] = [:], stdin: String? = nil) throws -> Result {
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
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        let collector = PipeCollector(err.fileHandleForReading)
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = collector.finish()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }
}

/// Reads a pipe to its end on a background thread.
final class PipeCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func finish() -> Data {
        done.wait()
        return data
    }
}
