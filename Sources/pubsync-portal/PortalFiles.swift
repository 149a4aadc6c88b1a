import Crypto
import Foundation
import Hummingbird
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The portal's attachment files on disk: `{db}.files/ab/abcdef…` holds the file whose SHA-256 is
/// `abcdef…`. An upload streams into `{db}.files/tmp/` while it is hashed; only `PortalStore`
/// moves it into place or deletes files (inside its write transaction, so that a file and its
/// row come and go together).
struct PortalFiles: Sendable {
    /// The folder.
    let root: URL

    /// The folder beside the database at `databasePath`.
    init(databasePath: String) {
        root = URL(fileURLWithPath: databasePath + ".files")
    }

    /// Where the file with hash `sha256` lives.
    func url(for sha256: String) -> URL {
        root.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256)
    }

    /// An upload kept in the temporary folder, with what was measured while it streamed in.
    struct Upload: Sendable {
        var temp: URL
        var sha256: String
        var size: Int
    }

    /// Why an upload was refused.
    enum UploadError: Error {
        case tooLarge
        case io(String)
    }

    /// Streams `body` into a temporary file, hashing it; more than `limit` bytes is `tooLarge`.
    func receive(_ body: RequestBody, limit: Int) async throws -> Upload {
        let tmp = root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let temp = tmp.appendingPathComponent("up-\(UUID().uuidString)")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw UploadError.io("cannot create \(temp.lastPathComponent): \(String(cString: strerror(errno)))") }
        var hasher = SHA256()
        var size = 0
        do {
            defer { close(fd) }
            for try await buffer in body {
                size += buffer.readableBytes
                if size > limit { throw UploadError.tooLarge }
                try buffer.withUnsafeReadableBytes { bytes in
                    hasher.update(bufferPointer: bytes)
                    var offset = 0
                    while offset < bytes.count {
                        let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                        if written < 0 && errno == EINTR { continue }
                        guard written >= 0 else { throw UploadError.io("cannot write an upload: \(String(cString: strerror(errno)))") }
                        offset += written
                    }
                }
            }
            guard fsync(fd) == 0 else { throw UploadError.io("cannot fsync an upload: \(String(cString: strerror(errno)))") }
        } catch {
            unlink(temp.path)
            throw error
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return Upload(temp: temp, sha256: digest, size: size)
    }

    /// Moves an upload into its place (replacing nothing: the caller checked it is absent).
    func keep(_ upload: Upload) throws {
        let target = url(for: upload.sha256)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard rename(upload.temp.path, target.path) == 0 else {
            throw UploadError.io("cannot move an upload into place: \(String(cString: strerror(errno)))")
        }
    }

    /// Deletes a temporary upload (after it was refused or found to be a duplicate).
    func discard(_ upload: Upload) {
        unlink(upload.temp.path)
    }

    /// Deletes the file with hash `sha256`; an absent file is fine.
    func remove(_ sha256: String) {
        unlink(url(for: sha256).path)
    }

    /// The file's size on disk, or nil when it is not there.
    func sizeOnDisk(_ sha256: String) -> Int? {
        var info = stat()
        guard stat(url(for: sha256).path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// A response body that streams the file in 1 MiB chunks (never whole in memory).
    func responseBody(_ sha256: String, size: Int) -> ResponseBody {
        let path = url(for: sha256).path
        return ResponseBody(contentLength: size) { writer in
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw UploadError.io("cannot open a stored file: \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            var chunk = ByteBuffer()
            while true {
                chunk.clear(minimumCapacity: 1 << 20)
                let count = try chunk.writeWithUnsafeMutableBytes(minimumWritableBytes: 1 << 20) { bytes in
                    var n = read(fd, bytes.baseAddress!, bytes.count)
                    while n < 0 && errno == EINTR { n = read(fd, bytes.baseAddress!, bytes.count) }
                    guard n >= 0 else { throw UploadError.io("cannot read a stored file: \(String(cString: strerror(errno)))") }
                    return n
                }
                if count == 0 { break }
                try await writer.write(chunk)
            }
            try await writer.finish(nil)
        }
    }
}
