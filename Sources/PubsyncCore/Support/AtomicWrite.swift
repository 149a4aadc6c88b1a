import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file writes outside a channel's output folder (reports, the config `init` writes, the
/// store's attachment files), atomic and durable: a temp file in the same folder, written in full
/// and flushed, then moved into place, then the folder flushed. A reader sees the old file or the
/// new one, never half of one, even after a crash. (Channels write through `OutputFolder`.)
public enum AtomicWrite {
    /// Writes `data` to `url`, replacing a regular file there. A target that exists and is not a
    /// regular file (`/dev/stdout`, a FIFO, a device) is written through, never replaced:
    /// renaming over it would replace the device node itself. A folder there is an error.
    public static func write(_ data: Data, to url: URL) throws {
        var info = stat()
        if stat(url.path, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR { throw PubsyncError(.usage, "\(url.path) is a folder, not a file") }
            if kind != S_IFREG {
                let fd = open(url.path, O_WRONLY | O_CLOEXEC)
                guard fd >= 0 else { throw posixError("write", url) }
                defer { close(fd) }
                try data.withUnsafeBytes { try writeAll(fd, $0, url) }
                return
            }
        }
        try place(data, at: url) { temp in rename(temp, url.path) == 0 ? nil : posixError("replace", url) }
    }

    /// Creates the file `url` with `data` unless something is already there (it is never
    /// replaced, even by a writer racing this one); returns whether it wrote the file.
    @discardableResult
    public static func create(_ data: Data, at url: URL) throws -> Bool {
        var created = true
        try place(data, at: url) { temp in
            if link(temp, url.path) == 0 { return nil }
            if errno == EEXIST { created = false; return nil }
            return posixError("create", url)
        }
        return created
    }

    /// Writes and flushes the temp file, lets `move` put it in place (nil, or the error), removes
    /// what is left of it, and flushes the folder.
    private static func place(_ data: Data, at url: URL, move: (String) -> PubsyncError?) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw posixError("write", temp) }
        defer { unlink(temp.path) }
        do {
            defer { close(fd) }
            try data.withUnsafeBytes { try writeAll(fd, $0, temp) }
            guard fsync(fd) == 0 else { throw posixError("flush", temp) }
        }
        if let error = move(temp.path) { throw error }
        try syncFolder(folder)
    }

    /// Writes every byte to `fd`, retrying short writes and interruptions.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, _ file: URL) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc_write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw posixError("write", file)
            }
            offset += written
        }
    }

    /// Flushes a folder, so that a file renamed or linked into it stays there after a crash.
    static func syncFolder(_ folder: URL) throws {
        let fd = open(folder.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw posixError("open folder", folder) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw posixError("flush folder", folder) }
    }

    /// A `.io` error naming the action, the file and `errno`.
    static func posixError(_ action: String, _ url: URL) -> PubsyncError {
        PubsyncError(.io, "cannot \(action) \(url.path): \(String(cString: strerror(errno)))")
    }
}

/// The libc `write`, named apart from `AtomicWrite.write`.
private func Glibc_write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
