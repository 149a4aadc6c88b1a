import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The writers' lock: an OS file lock on `<store>.lock`, released by the kernel if the process
/// dies. The holder writes its pid, start time and command into the file so a second writer
/// can say who holds it.
public final class WriteLock: @unchecked Sendable {
    private let descriptor: Int32
    /// The lock file.
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Takes the lock beside the store at `storePath`, waiting up to `wait` seconds.
    /// Throws `.locked` naming the holder when it stays taken.
    public static func acquire(storePath: String, wait: TimeInterval, command: String) throws -> WriteLock {
        let path = storePath + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PubsyncError(.io, "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(max(0, wait))
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(descriptor)
                throw PubsyncError(.io, "cannot lock \(path): \(String(cString: strerror(code)))")
            }
            if Date() >= deadline {
                let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                close(descriptor)
                let who = holder.flatMap { $0.isEmpty ? nil : $0 } ?? "another pubsync process"
                let waited = wait > 0 ? " after waiting \(Int(wait)) s" : ""
                throw PubsyncError(.locked, "the store is locked by \(who)\(waited); try again later or pass --wait SECONDS")
            }
            usleep(100_000)
        }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone.current
        let info = "pid \(getpid()) since \(formatter.string(from: Date())) (pubsync \(command))\n"
        ftruncate(descriptor, 0)
        _ = info.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return WriteLock(descriptor: descriptor, path: path)
    }
}
