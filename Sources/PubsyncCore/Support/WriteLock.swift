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
        let attempt = try Attempt(storePath: storePath, wait: wait)
        while try !attempt.tryLock() {
            guard Date() < attempt.deadline else { throw attempt.giveUp() }
            usleep(100_000)
        }
        return attempt.locked(command: command)
    }

    /// `acquire` for servers: waits by suspending the task, never by blocking a thread.
    public static func acquire(storePath: String, wait: TimeInterval, command: String) async throws -> WriteLock {
        let attempt = try Attempt(storePath: storePath, wait: wait)
        while try !attempt.tryLock() {
            guard Date() < attempt.deadline else { throw attempt.giveUp() }
            try await Task.sleep(for: .milliseconds(100))
        }
        return attempt.locked(command: command)
    }

    /// One attempt to take the lock: the open lock file and the deadline.
    private struct Attempt {
        let descriptor: Int32
        let path: String
        let wait: TimeInterval
        let deadline: Date

        init(storePath: String, wait: TimeInterval) throws {
            path = storePath + ".lock"
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw PubsyncError(.io, "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
            }
            self.wait = wait
            deadline = Date().addingTimeInterval(max(0, wait))
        }

        /// Whether the lock was taken now; false while another process holds it.
        func tryLock() throws -> Bool {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(descriptor)
                throw PubsyncError(.io, "cannot lock \(path): \(String(cString: strerror(code)))")
            }
            return false
        }

        /// The `.locked` error naming the holder; closes the file.
        func giveUp() -> PubsyncError {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            let who = holder.flatMap { $0.isEmpty ? nil : $0 } ?? "another pubsync process"
            let waited = wait > 0 ? " after waiting \(Int(wait)) s" : ""
            return PubsyncError(.locked, "the store is locked by \(who)\(waited); try again later or pass --wait SECONDS")
        }

        /// The held lock, with the holder's pid, start time and command written into the file.
        func locked(command: String) -> WriteLock {
            let info = "pid \(getpid()) since \(Timestamp.rfc3339(Date(), in: .current)) (pubsync \(command))\n"
            ftruncate(descriptor, 0)
            _ = info.withCString { pwrite(descriptor, $0, strlen($0), 0) }
            return WriteLock(descriptor: descriptor, path: path)
        }
    }
}
