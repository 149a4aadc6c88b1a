import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `[attachments]` section.
public struct AttachmentSettings: Sendable, Hashable {
    /// Largest accepted attachment, in MiB (`max_mb`, default 50).
    public var maxMB: Int

    /// Creates settings.
    public init(maxMB: Int = 50) {
        self.maxMB = maxMB
    }

    /// `maxMB` in bytes.
    public var maxBytes: Int { maxMB * 1024 * 1024 }
}

/// Reads the files an import's items attach: checks each (there, a regular file, an accepted
/// type by extension and by its first bytes, within the size limit) and copies it into the
/// store's attachment folder. It remembers the files it added, so a failed import can take them back.
public final class AttachmentIntake: @unchecked Sendable {
    /// Where files go.
    public let files: AttachmentFiles
    /// The limits.
    public let settings: AttachmentSettings
    /// The rules screening runs at import; nil when screening is off.
    public let screening: AuditRuleSet?
    /// Reads the files' text for screening.
    let textReader: AttachmentText
    private let lock = NSLock()
    private var added: [String] = []
    private var scans: [String: String?] = [:]

    /// An intake into `files` with `settings`; with `screening`, each file's text is screened too.
    public init(files: AttachmentFiles, settings: AttachmentSettings, screening: AuditRuleSet? = nil,
                textReader: AttachmentText = AttachmentText()) {
        self.files = files
        self.settings = settings
        self.screening = screening
        self.textReader = textReader
    }

    /// Most attachments one item may carry.
    public static let maxPerItem = 100

    /// Reads and stores the file `reference` names, relative to `folder` (the item file's folder),
    /// and screens its text when screening is on: the findings' excerpts name the file.
    /// `fail` turns a problem into the error naming the item file and the field.
    func take(_ reference: AttachmentReference, folder: String, fail: (String) -> PubsyncError) throws -> (Attachment, [AuditFinding]) {
        let path = reference.file.hasPrefix("/") ? reference.file : (folder as NSString).appendingPathComponent(reference.file)
        let shown = "'\(FieldReader.printable(reference.file))'"
        let name = (reference.file as NSString).lastPathComponent
        guard let kind = AttachmentKind(fileName: name) else {
            throw fail("file \(shown) has a type that cannot be attached (use \(AttachmentKind.extensionList))")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            throw fail(errno == ENOENT ? "file \(shown) does not exist (looked for \(path))" : "file \(shown) cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw fail("file \(shown) cannot be read: \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw fail("file \(shown) is not a regular file") }
        let limit = settings.maxBytes
        func tooLarge(_ size: Int) -> PubsyncError {
            fail("file \(shown) is \(Attachment.displaySize(size)) (\(size) bytes), larger than the limit of \(settings.maxMB) MB ([attachments] max_mb)")
        }
        if Int(info.st_size) > limit { throw tooLarge(Int(info.st_size)) }
        let head: [UInt8]
        do {
            head = try AttachmentFiles.readChunk(fd)
        } catch {
            throw fail("file \(shown) cannot be read: \(String(cString: strerror(errno)))")
        }
        guard kind.matches(head: head) else {
            throw fail("file \(shown) is not \(kind.expectation): \(AttachmentKind.guess(head: head))")
        }
        let stored = try files.store(fd: fd, firstChunk: head, limit: limit, tooLarge: tooLarge)
        if stored.isNew {
            lock.lock()
            added.append(stored.sha256)
            lock.unlock()
        }
        let storedURL = files.url(for: stored.sha256)
        var text: AttachmentTextResult?
        if kind == .docx || kind == .xlsx {
            // Zip bombs and entity tricks are refused here, not first met by the audit.
            do {
                text = .text(try OfficeArchive(url: storedURL).text(parts: kind == .docx ? OfficeArchive.wordParts : OfficeArchive.sheetParts))
            } catch let error as PubsyncError {
                throw fail("file \(shown) is not a usable \(kind.label) file: \(error.message)")
            }
        }
        var findings: [AuditFinding] = []
        if let screening, !screening.isEmpty {
            switch text ?? textReader.text(of: storedURL, kind: kind) {
            case .text(let content):
                findings = screening.scan(content).map { AuditFinding(rule: $0.rule, excerpt: "[\(name)] \($0.excerpt)", utf8Offset: $0.utf8Offset) }
                record(stored.sha256, nil)
            case .unreadable(let reason):
                // Not held: listed by audit and check as unscanned.
                record(stored.sha256, reason)
            }
        }
        let title = reference.title ?? (name as NSString).deletingPathExtension
        let attachment = Attachment(sha256: stored.sha256, name: name, title: title, size: stored.size, mediaType: kind.mediaType)
        return (attachment, findings)
    }

    private func record(_ sha256: String, _ reason: String?) {
        lock.lock()
        scans[sha256] = .some(reason)
        lock.unlock()
    }

    /// What screening could read of each file it saw (nil) or why not; for `recordAttachmentScans`.
    public func scanResults() -> [String: String?] {
        lock.lock()
        defer { lock.unlock() }
        return scans
    }
    /// Deletes the files this intake added, after a failed import (they are referenced by nothing).
    public func discardAdded() {
        lock.lock()
        let hashes = added
        added.removeAll()
        lock.unlock()
        for sha256 in hashes { try? files.remove(sha256) }
    }
}
