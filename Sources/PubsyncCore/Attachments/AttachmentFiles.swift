import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The content-addressed attachment folder beside the store: `{store}.files/ab/abcdef…` holds the
/// file whose SHA-256 is `abcdef…`. Files are written durably (temp file, fsync, rename, folder
/// fsync) and streamed in 1 MiB chunks, so no file sits in memory whole.
public struct AttachmentFiles: Sendable {
    /// The folder.
    public let root: URL

    /// The folder of the store at `storePath`: `{storePath}.files`.
    public init(storePath: String) {
        root = URL(fileURLWithPath: storePath + ".files")
    }

    /// The folder at `root`.
    public init(root: URL) {
        self.root = root
    }

    /// `files`, or a channel error naming the item when a session was opened without a folder
    /// (`SessionContext.attachments`) and the item has attachments.
    public static func required(_ files: AttachmentFiles?, item: String, channel: String) throws -> AttachmentFiles {
        guard let files else {
            throw PubsyncError(.channel, "item '\(item)' has attachments, but this session was opened without the store's attachment folder",
                               channel: channel, item: item)
        }
        return files
    }

    /// Bytes read or written per chunk.
    static let chunkSize = 1 << 20

    /// Where the file with hash `sha256` is kept.
    public func url(for sha256: String) -> URL {
        root.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256)
    }

    /// Whether the file with hash `sha256` is there.
    public func contains(_ sha256: String) -> Bool {
        FileManager.default.fileExists(atPath: url(for: sha256).path)
    }

    /// What `store(from:…)` read and kept.
    public struct Stored: Sendable {
        /// Hex SHA-256.
        public var sha256: String
        /// Bytes.
        public var size: Int
        /// Whether the file was not in the folder before.
        public var isNew: Bool
    }

    /// Copies the file open at `fd` (already at offset 0) into the folder, hashing it as it streams.
    /// `firstChunk` is the file's start, already read by the caller (it is written first);
    /// more than `limit` bytes in all is an error (`tooLarge`), the file may have grown since it was checked.
    func store(fd: Int32, firstChunk: [UInt8], limit: Int, tooLarge: (Int) -> any Error) throws -> Stored {
        try makeFolder(root.appendingPathComponent("tmp"))
        let temp = root.appendingPathComponent("tmp").appendingPathComponent("in-\(getpid())-\(UUID().uuidString)")
        let out = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard out >= 0 else { throw Self.posixError("create", temp) }
        var kept = false
        defer { if !kept { unlink(temp.path) } }
        var hasher = SHA256()
        var total = 0
        do {
            defer { close(out) }
            var buffer = firstChunk
            buffer.reserveCapacity(Self.chunkSize)
            while true {
                if !buffer.isEmpty {
                    total += buffer.count
                    if total > limit { throw tooLarge(total) }
                    try buffer.withUnsafeBytes { bytes in
                        hasher.update(bufferPointer: bytes)
                        try AtomicWrite.writeAll(out, bytes, temp)
                    }
                }
                buffer = try Self.readChunk(fd)
                if buffer.isEmpty { break }
            }
            guard fsync(out) == 0 else { throw Self.posixError("fsync", temp) }
        }
        let sha256 = Hex.string(hasher.finalize())
        let final = url(for: sha256)
        if FileManager.default.fileExists(atPath: final.path) {
            return Stored(sha256: sha256, size: total, isNew: false)
        }
        try makeFolder(final.deletingLastPathComponent())
        guard rename(temp.path, final.path) == 0 else { throw Self.posixError("rename into", final) }
        kept = true
        try AtomicWrite.syncFolder(final.deletingLastPathComponent())
        return Stored(sha256: sha256, size: total, isNew: true)
    }

    /// Copies the file with hash `sha256` into `other` (durably), unless it is already there.
    public func copy(_ sha256: String, to other: AttachmentFiles) throws {
        guard !other.contains(sha256) else { return }
        let source = url(for: sha256)
        let fd = open(source.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.posixError("open", source) }
        defer { close(fd) }
        let stored = try other.store(fd: fd, firstChunk: [], limit: .max) { _ in Self.posixError("copy", source) }
        if stored.sha256 != sha256 {
            try? other.remove(stored.sha256)
            throw PubsyncError(.store, "attachment file \(source.path) no longer matches its hash \(sha256)")
        }
    }

    /// Deletes the file with hash `sha256`; an absent file is fine.
    public func remove(_ sha256: String) throws {
        let file = url(for: sha256)
        if unlink(file.path) != 0 && errno != ENOENT { throw Self.posixError("delete", file) }
    }

    /// Reads the file in chunks, calling `body` with each; for channels and extraction.
    public func read(_ sha256: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let file = url(for: sha256)
        let fd = open(file.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.posixError("open", file) }
        defer { close(fd) }
        while true {
            let chunk = try Self.readChunk(fd)
            if chunk.isEmpty { return }
            try chunk.withUnsafeBytes(body)
        }
    }

    private func makeFolder(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw PubsyncError(.io, "cannot create the attachment folder \(folder.path): \(error.localizedDescription)", underlying: error)
        }
    }

    /// Up to `chunkSize` bytes from `fd`; empty at the end.
    static func readChunk(_ fd: Int32) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var done = 0
        let failed = buffer.withUnsafeMutableBytes { bytes -> Bool in
            while done < chunkSize {
                let n = Foundation.read(fd, bytes.baseAddress! + done, chunkSize - done)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { return true }
                if n == 0 { break }
                done += n
            }
            return false
        }
        if failed { throw PubsyncError(.io, "cannot read a file: \(String(cString: strerror(errno)))") }
        buffer.removeSubrange(done...)
        return buffer
    }

    static func posixError(_ action: String, _ url: URL) -> PubsyncError {
        PubsyncError(.io, "cannot \(action) \(url.path): \(String(cString: strerror(errno)))")
    }
}
