import Foundation

/// Files the targets hand to pubsync's readers, which take paths: one scratch folder per
/// process (in `/dev/shm` when there is one, so an iteration costs no disk write).
public enum FuzzFiles {
    /// This process's scratch folder, created on first use.
    public static let folder: URL = {
        let base = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        // The process id padded to a fixed width: error messages name these paths, and a path one
        // digit longer would change loop counts (libFuzzer's features) from run to run.
        let pid = String(getpid())
        let url = URL(fileURLWithPath: base).appendingPathComponent("pubsync-fuzz-" + String(repeating: "0", count: max(0, 10 - pid.count)) + pid)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: FuzzFiles.folder) }
        return url
    }()

    /// Writes `bytes` to `name` inside the scratch folder (replacing it) and returns its URL.
    public static func write(_ bytes: some Sequence<UInt8>, to name: String) -> URL {
        let url = folder.appendingPathComponent(name)
        let parent = url.deletingLastPathComponent()
        if parent.path != folder.path { try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true) }
        guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes)) else {
            fatalError("fuzz harness: cannot write \(url.path)")
        }
        return url
    }
}

/// What a target insists on besides "no crash".
public enum FuzzExpect {
    /// Stops the run (a crash libFuzzer saves the input for) when `condition` is false.
    public static func that(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() {
            FileHandle.standardError.write(Data("fuzz oracle violated: \(message())\n".utf8))
            abort()
        }
    }

    /// Runs an `async` call to completion from the synchronous fuzz callback.
    ///
    /// The task captures nothing and leaves nothing to release once it signals: whatever it
    /// freed after the signal would count, by timing, towards this input or the next one, and
    /// two runs of the same seed would part ways (libFuzzer's features are global counters).
    public static func blocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        pendingBody = { await body() }
        Task {
            pendingResult = await pendingBody?()
            pendingDone.signal()
        }
        pendingDone.wait()
        let result = pendingResult as! T
        pendingResult = nil
        pendingBody = nil
        return result
    }
}

/// The one call `FuzzExpect.blocking` runs at a time (the fuzz loop is single-threaded).
nonisolated(unsafe) private var pendingBody: (@Sendable () async -> any Sendable)?
/// Its result, handed back to the fuzz loop's thread.
nonisolated(unsafe) private var pendingResult: (any Sendable)?
private let pendingDone = DispatchSemaphore(value: 0)
