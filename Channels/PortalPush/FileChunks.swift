import Foundation
import NIOCore
import PubsyncCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read as 1 MiB `ByteBuffer`s, for a streamed request body: each iteration opens the
/// file anew (so a retried request sends it again from the start) and closes it at the end.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let url: URL

    func makeAsyncIterator() -> Iterator { Iterator(path: url.path) }

    /// Reads the next chunk on each `next()`; throws when the file cannot be opened or read.
    final class Iterator: AsyncIteratorProtocol {
        private let path: String
        private var fd: Int32 = -1
        private var finished = false

        init(path: String) { self.path = path }

        deinit { if fd >= 0 { close(fd) } }

        func next() async throws -> ByteBuffer? {
            guard !finished else { return nil }
            if fd < 0 {
                fd = open(path, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { throw Self.error("open", path) }
            }
            var buffer = ByteBufferAllocator().buffer(capacity: 1 << 20)
            let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 1 << 20) { bytes in
                var n = read(fd, bytes.baseAddress!, bytes.count)
                while n < 0 && errno == EINTR { n = read(fd, bytes.baseAddress!, bytes.count) }
                guard n >= 0 else { throw Self.error("read", path) }
                return n
            }
            if count == 0 {
                finished = true
                close(fd)
                fd = -1
                return nil
            }
            return buffer
        }

        /// A local failure (not a network error: never retried).
        private static func error(_ action: String, _ path: String) -> any Error {
            PubsyncError(.io, "cannot \(action) the attachment file \(path): \(String(cString: strerror(errno)))")
        }
    }
}
