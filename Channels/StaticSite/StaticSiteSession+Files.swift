import ChannelSupport
import Crypto
import Foundation
import PubsyncCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Attachment files on the site: `files/{sha256}/{safe name}` (`AttachmentPath`), copied from the
/// store at `put` (streamed into a temp file beside the target, hash checked), moved into place
/// at `flush` before the pages that link to them, and deleted at `flush` once no live item
/// needs them — after the pages that linked to them were rewritten or deleted.
///
/// The manifest entry of a file records its SHA-256 and, as `digest`, a stamp of its size and
/// modification time as written: a put copies a file again when it is missing or its stamp
/// differs; reconcile hashes every file and reports the items linking to a missing or changed one.
extension StaticSiteSession {
    /// Stages a copy of each attachment of `item` the site does not hold as written.
    /// Serialised on `fileLock`: two puts never copy to the same temp file at once.
    func stageAttachments(_ item: PublishedItem) throws {
        guard !item.attachments.isEmpty else { return }
        let store = try AttachmentFiles.required(context.attachments, item: item.id, channel: adapter.name)
        try fileLock.withLock {
            for attachment in item.attachments {
                let path = AttachmentPath.relative(attachment)
                guard let sha = Digest32(hex: Array(attachment.sha256.utf8)[...]) else {
                    throw PubsyncError(.rejected, "attachment '\(attachment.name)' has no valid SHA-256", channel: adapter.name, item: item.id)
                }
                let (recorded, staged) = lock.withLock { (manifest.entries[path], stagedFiles[path]) }
                if staged == sha { continue }
                let onDisk = try Self.stamp(folder, path)
                if let recorded, recorded.sha256 == sha, let onDisk, recorded.digest == onDisk { continue }
                if onDisk != nil && recorded == nil { throw foreignFile(path, item: item.id) }
                try folder.stageCopy(path, from: store.url(for: attachment.sha256), sha256: attachment.sha256)
                lock.withLock { stagedFiles[path] = sha }
            }
        }
    }

    /// Marks the files of `item` as needed while its put runs (`releaseFiles` undoes it).
    func reserveFiles(of item: PublishedItem) {
        guard !item.attachments.isEmpty else { return }
        lock.withLock {
            for attachment in item.attachments { reservedFiles[AttachmentPath.relative(attachment), default: 0] += 1 }
        }
    }

    /// Ends the reservation of `reserveFiles` (by then the put is among the puts, or failed).
    func releaseFiles(of item: PublishedItem) {
        guard !item.attachments.isEmpty else { return }
        lock.withLock {
            for attachment in item.attachments {
                let path = AttachmentPath.relative(attachment)
                reservedFiles[path] = (reservedFiles[path] ?? 1) > 1 ? reservedFiles[path]! - 1 : nil
            }
        }
    }

    /// Moves the staged files into place and records them. Caller holds `lock`.
    func commitStagedFiles(wrote: (String, String) -> Void, record: (String, ManifestEntry?) -> Void) throws {
        for (path, sha) in stagedFiles.sorted(by: { $0.key < $1.key }) {
            wrote(path, try folder.commit(path))
            record(path, ManifestEntry(sha256: sha, digest: try Self.stamp(folder, path)))
        }
        stagedFiles = [:]
    }

    /// A stamp of the file at `relative` as it is on disk (size and modification time), or nil
    /// when there is none.
    static func stamp(_ folder: OutputFolder, _ relative: String) throws -> Digest32? {
        guard let path = try folder.resolve(relative, create: false) else { return nil }
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let text = "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        return Digest32(sha256: Array(text.utf8))
    }

    /// The SHA-256 of the file at `relative`, read in 1 MiB chunks (never whole), without
    /// following a symlink; nil when it is missing or cannot be read.
    static func contentDigest(_ folder: OutputFolder, _ relative: String) -> Digest32? {
        guard let path = try? folder.resolve(relative, create: false) else { return nil }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return Digest32(hasher.finalize()) }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }

    /// Whether `path` is an attachment file's.
    static func isFile(_ path: String) -> Bool { path.hasPrefix(AttachmentPath.folder + "/") }
}
