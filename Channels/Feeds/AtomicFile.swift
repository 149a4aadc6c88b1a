import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Durable file replacement: temp file in the same folder, fsync, rename, folder fsync.
enum AtomicFile {
    /// Whether the file at `url` holds exactly `data` (a missing or unreadable file does not).
    static func holds(_ url: URL, _ data: Data) -> Bool {
        guard let current = try? Data(contentsOf: url) else { return false }
        return current == data
    }

    /// Replaces `url` with `data`: readers see the old or the new file, never a partial one.
    /// The caller fsyncs the folder once after a batch (`syncFolder`).
    static func replace(_ url: URL, with data: Data) throws {
        let folder = url.deletingLastPathComponent()
        // A fixed temp name: writers are serialised by pubsync's lock, and a temp file left by a
        // killed run is simply reused, so none accumulate.
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).pubsync-tmp")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw posixError("create", temp) }
        var ok = false
        defer {
            if !ok { unlink(temp.path) }
        }
        do {
            defer { close(fd) }
            try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < buffer.count {
                    let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw posixError("write", temp)
                    }
                    offset += written
                }
            }
            guard fsync(fd) == 0 else { throw posixError("fsync", temp) }
        }
        guard rename(temp.path, url.path) == 0 else { throw posixError("rename to \(url.lastPathComponent)", temp) }
        ok = true
    }

    /// Deletes `url`; an absent file is fine.
    static func remove(_ url: URL) throws {
        if unlink(url.path) != 0 && errno != ENOENT { throw posixError("delete", url) }
    }

    /// Makes renames and deletions in `folder` durable.
    static func syncFolder(_ folder: URL) throws {
        let fd = open(folder.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw posixError("open folder", folder) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw posixError("fsync folder", folder) }
    }

    private static func posixError(_ action: String, _ url: URL) -> FileError {
        FileError(message: "cannot \(action) \(url.path): \(String(cString: strerror(errno)))")
    }

    /// A failed file operation; the session wraps it in a `PubsyncError` naming the channel.
    struct FileError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
