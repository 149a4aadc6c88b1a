import Crypto
import Foundation
import PubsyncCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if os(Linux)
/// glibc has `syncfs` but Swift's Glibc module does not export it.
@_silgen_name("syncfs") private func c_syncfs(_ fd: Int32) -> Int32
#endif

/// The one output folder of every file channel (site, feeds): file operations confined to
/// the folder. Every path is checked on disk, folders that are symlinks must resolve inside
/// the folder, and a file that is a symlink is never written, read or followed (`O_NOFOLLOW`).
/// Writes are atomic (temp file beside the target, then rename); a batch is made durable at
/// once (`makeDurable`); temp files of a failed batch are removed (`discardAllStaged`).
/// What the channel created is recorded in an `OutputManifest`; anything else is foreign.
public final class OutputFolder: @unchecked Sendable {
    /// The suffix of the adapter's temporary files (always beside their target, hidden).
    public static let tempSuffix = ".pubsync-tmp"

    /// The output folder's real path (symlinks resolved).
    public let root: String
    private let channel: String
    private let lock = NSLock()
    /// Relative folder → its checked absolute path; a session trusts a folder once checked.
    private var checkedFolders: [String: String] = [:]
    /// Temp files staged and not yet moved into place or discarded.
    private var outstanding: Set<String> = []

    /// Opens (creating when missing) the output folder.
    public init(output: URL, channel: String) throws {
        self.channel = channel
        let path = output.path
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw PubsyncError(.io, "cannot create the output folder \(path): \(error.localizedDescription)", channel: channel, underlying: error)
        }
        guard let resolved = realpath(path, nil) else {
            throw PubsyncError(.io, "cannot resolve the output folder \(path): \(OutputFolder.errnoText())", channel: channel)
        }
        root = String(cString: resolved)
        free(resolved)
    }

    /// Opens an existing output folder without creating it; nil when it does not exist.
    public init?(existing output: URL, channel: String) {
        guard let resolved = realpath(output.path, nil) else { return nil }
        root = String(cString: resolved)
        free(resolved)
        self.channel = channel
    }

    // MARK: - Paths

    /// Whether a relative path is one an adapter may create: slug-like components (ASCII letters,
    /// digits, `-`, `_`, `.`, and the letters and digits of other scripts that attachment names
    /// keep, see `AttachmentPath.isKept`), no `.`/`..`, no leading `/`.
    public static func isSafeRelative(_ path: String) -> Bool {
        if let ascii = isSafeASCIIRelative(path.utf8) { return ascii }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.isEmpty else { return false }
        return parts.allSatisfy { part in
            guard !part.isEmpty, part != ".", part != ".." else { return false }
            return part.unicodeScalars.allSatisfy(AttachmentPath.isKept)
        }
    }

    /// `isSafeRelative` for an all-ASCII path, byte by byte (a manifest of 100,000 pages checks
    /// every path it loads); nil when the path has other characters.
    private static func isSafeASCIIRelative(_ bytes: String.UTF8View) -> Bool? {
        var componentLength = 0
        var dots = 0
        for byte in bytes {
            switch byte {
            case 47:  // "/"
                if componentLength == 0 || componentLength == dots && dots <= 2 { return false }
                componentLength = 0
                dots = 0
                continue
            case 46: dots += 1
            case 97...122, 65...90, 48...57, 45, 95: break
            case 0x80...: return nil
            default: return false
            }
            componentLength += 1
        }
        return !(componentLength == 0 || componentLength == dots && dots <= 2)
    }

    /// The absolute path of `relative` after checking every folder on the way; creates
    /// missing folders when `create`. Returns nil when a folder is missing and not created.
    public func resolve(_ relative: String, create: Bool) throws -> String? {
        guard Self.isSafeRelative(relative) else { throw failure("refusing the unsafe path \(relative)") }
        let parts = relative.split(separator: "/")
        let folderRel = parts.dropLast().joined(separator: "/")
        guard let folder = try checkedFolder(folderRel, create: create) else { return nil }
        let path = folder + "/" + parts.last!
        var info = stat()
        if lstat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFLNK { throw failure("refusing to follow the symlink \(relative) in the output folder") }
            if (info.st_mode & S_IFMT) != S_IFREG { throw failure("\(relative) in the output folder is not a regular file") }
        }
        return path
    }

    private func checkedFolder(_ relative: String, create: Bool) throws -> String? {
        if relative.isEmpty { return root }
        if let known = lock.withLock({ checkedFolders[relative] }) { return known }
        var current = root
        for part in relative.split(separator: "/") {
            let next = current + "/" + part
            var info = stat()
            if lstat(next, &info) != 0 {
                guard errno == ENOENT else { throw failure("cannot inspect \(next): \(OutputFolder.errnoText())") }
                guard create else { return nil }
                if mkdir(next, 0o755) != 0 && errno != EEXIST {
                    throw failure("cannot create the folder \(next): \(OutputFolder.errnoText())")
                }
                guard lstat(next, &info) == 0 else { throw failure("cannot inspect \(next): \(OutputFolder.errnoText())") }
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                current = next
            case S_IFLNK:
                // A folder symlink is fine only when it lands back inside the output folder.
                guard let target = realpath(next, nil) else { throw failure("cannot resolve the symlink \(next): \(OutputFolder.errnoText())") }
                let resolved = String(cString: target)
                free(target)
                guard resolved.hasPrefix(root + "/") else {
                    throw failure("refusing to write through the symlink \(next), which leads out of the output folder to \(resolved)")
                }
                var targetInfo = stat()
                guard stat(resolved, &targetInfo) == 0, (targetInfo.st_mode & S_IFMT) == S_IFDIR else {
                    throw failure("\(next) is not a folder")
                }
                current = resolved
            default:
                throw failure("\(next) is not a folder")
            }
        }
        lock.withLock { checkedFolders[relative] = current }
        return current
    }

    // MARK: - Reading

    /// Whether a file exists at `relative` (without following a final symlink).
    public func exists(_ relative: String) throws -> Bool {
        guard let path = try resolve(relative, create: false) else { return false }
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// The bytes of the file at `relative`, or nil when it is absent.
    public func read(_ relative: String) throws -> [UInt8]? {
        guard let path = try resolve(relative, create: false) else { return nil }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw failure("cannot read \(path): \(OutputFolder.errnoText())")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("cannot inspect \(path): \(OutputFolder.errnoText())") }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc_read(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 { if errno == EINTR { continue }; throw failure("cannot read \(path): \(OutputFolder.errnoText())") }
            if n == 0 { break }
            done += n
        }
        return done == bytes.count ? bytes : Array(bytes.prefix(done))
    }

    // MARK: - Writing

    /// The temp file a target is staged in (beside it, hidden, with the adapter's suffix).
    public func tempPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")!
        return String(path[...slash]) + "." + path[path.index(after: slash)...] + Self.tempSuffix
    }

    /// Writes `bytes` to the temp file of `relative`; returns the target's absolute path.
    @discardableResult
    public func stage(_ relative: String, _ bytes: [UInt8]) throws -> String {
        try stage(relative) { emit in try emit(bytes) }
    }

    /// Stages the bytes `produce` emits, chunk after chunk, as the temp file of `relative`
    /// (a large file is never held whole). Returns the target's path.
    @discardableResult
    public func stage(_ relative: String, streaming produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws -> String {
        guard let path = try resolve(relative, create: true) else { throw failure("cannot create the folder of \(relative)") }
        let temp = tempPath(for: path)
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot write \(temp): \(OutputFolder.errnoText())") }
        lock.withLock { _ = outstanding.insert(temp) }
        defer { close(fd) }
        do {
            try produce { bytes in
                var done = 0
                while done < bytes.count {
                    let n = bytes.withUnsafeBytes { Glibc_write(fd, $0.baseAddress! + done, $0.count - done) }
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw failure("cannot write \(temp): \(OutputFolder.errnoText())")
                    }
                    done += n
                }
            }
        } catch {
            unlink(temp)
            lock.withLock { _ = outstanding.remove(temp) }
            throw error
        }
        return path
    }

    /// Stages a copy of the file at `source` as the temp file of `relative`, streamed in 1 MiB
    /// chunks (a 50 MB attachment is never held whole) and hashed on the way: when its SHA-256
    /// is not `sha256`, the temp file is removed and the copy refused. Returns the target's path.
    @discardableResult
    public func stageCopy(_ relative: String, from source: URL, sha256: String) throws -> String {
        guard let path = try resolve(relative, create: true) else { throw failure("cannot create the folder of \(relative)") }
        let input = open(source.path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw failure("cannot read \(source.path): \(OutputFolder.errnoText())") }
        defer { close(input) }
        let temp = tempPath(for: path)
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot write \(temp): \(OutputFolder.errnoText())") }
        lock.withLock { _ = outstanding.insert(temp) }
        func give(up message: String) -> PubsyncError {
            unlink(temp)
            lock.withLock { _ = outstanding.remove(temp) }
            return failure(message)
        }
        defer { close(fd) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc_read(input, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw give(up: "cannot read \(source.path): \(OutputFolder.errnoText())")
            }
            if count == 0 { break }
            var done = 0
            while done < count {
                let n = buffer.withUnsafeBytes { Glibc_write(fd, $0.baseAddress! + done, count - done) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw give(up: "cannot write \(temp): \(OutputFolder.errnoText())")
                }
                done += n
            }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        let digest = Hex.string(hasher.finalize())
        guard digest == sha256 else {
            throw give(up: "\(source.path) no longer matches its SHA-256 \(sha256) (it hashes to \(digest)); not published")
        }
        return path
    }

    /// Moves the staged temp file of `relative` into place (atomic rename).
    @discardableResult
    public func commit(_ relative: String) throws -> String {
        guard let path = try resolve(relative, create: true) else { throw failure("cannot create the folder of \(relative)") }
        let temp = tempPath(for: path)
        guard rename(temp, path) == 0 else {
            throw failure("cannot move \(relative) into place: \(OutputFolder.errnoText())")
        }
        lock.withLock { _ = outstanding.remove(temp) }
        return path
    }

    /// Writes a file atomically: temp file beside it, then rename. Returns its absolute path.
    @discardableResult
    public func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        try stage(relative, bytes)
        return try commit(relative)
    }

    /// `write` of the bytes `produce` emits, chunk after chunk (see `stage(_:streaming:)`).
    @discardableResult
    public func write(_ relative: String, streaming produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws -> String {
        try stage(relative, streaming: produce)
        return try commit(relative)
    }

    /// Removes the staged temp file of `relative`, if any.
    public func discardStaged(_ relative: String) {
        if let path = try? resolve(relative, create: false) {
            let temp = tempPath(for: path)
            unlink(temp)
            lock.withLock { _ = outstanding.remove(temp) }
        }
    }

    /// Removes every temp file staged and not moved into place: called when a batch fails
    /// (a full disk must not be left fuller by hundreds of half-written temp files).
    public func discardAllStaged() {
        let temps = lock.withLock { () -> Set<String> in
            defer { outstanding = [] }
            return outstanding
        }
        for temp in temps { unlink(temp) }
    }

    /// Deletes the file at `relative`; an absent file (or folder) is fine.
    public func delete(_ relative: String) throws {
        guard let path = try resolve(relative, create: false) else { return }
        if unlink(path) != 0 && errno != ENOENT {
            throw failure("cannot delete \(path): \(OutputFolder.errnoText())")
        }
    }

    /// Deletes the folder at `relative` when it is empty (a folder that still holds anything,
    /// or is absent, is left as it is).
    public func deleteFolderIfEmpty(_ relative: String) {
        guard OutputFolder.isSafeRelative(relative), let folder = try? checkedFolder(relative, create: false) else { return }
        if rmdir(folder) == 0 { lock.withLock { _ = checkedFolders.removeValue(forKey: relative) } }
    }

    /// Deletes temp files a killed run left in the given folders (only our own temp names).
    public func removeLeftoverTemps(in folders: [String]) {
        let suffix = Array(Self.tempSuffix.utf8)
        for relative in folders {
            guard let folder = try? checkedFolder(relative, create: false), let names = Self.names(at: folder) else { continue }
            for name in names where name.first == UInt8(ascii: ".") && name.count > suffix.count && Array(name.suffix(suffix.count)) == suffix {
                unlink(folder + "/" + String(decoding: name, as: UTF8.self))
            }
        }
    }

    /// The names in the folder at `relative` (checked like every path: a folder symlink that
    /// leads out of the output folder throws); nil when the folder does not exist.
    public func names(in relative: String) throws -> [String]? {
        guard let folder = try checkedFolder(relative, create: false) else { return nil }
        guard let names = Self.names(at: folder) else { throw failure("cannot list \(folder): \(OutputFolder.errnoText())") }
        return names.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The entry names of a folder, without `.` and `..`; nil when it cannot be opened. Uses
    /// `readdir`: Foundation's listing is slow for a folder of 50,000 pages.
    private static func names(at folder: String) -> [[UInt8]]? {
        guard let dir = opendir(folder) else { return nil }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> [UInt8] in
                let bytes = raw.bindMemory(to: UInt8.self)
                return Array(bytes.prefix(while: { $0 != 0 }))
            }
            if name != [UInt8(ascii: ".")] && name != [UInt8(ascii: "."), UInt8(ascii: ".")] { names.append(name) }
        }
        return names
    }

    // MARK: - Durability

    /// Makes the given files and the folders holding them durable: one `syncfs` for a big
    /// batch (Linux), else an `fsync` per file and per folder.
    public func makeDurable(files: [String], folders: Set<String>) throws {
        if files.isEmpty && folders.isEmpty { return }
        #if os(Linux)
        if files.count > 64 {
            let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { throw failure("cannot open \(root): \(OutputFolder.errnoText())") }
            defer { close(fd) }
            guard c_syncfs(fd) == 0 else { throw failure("cannot flush \(root) to disk: \(OutputFolder.errnoText())") }
            return
        }
        #endif
        for path in files { try fsyncPath(path, flags: O_RDONLY) }
        for path in folders { try fsyncPath(path, flags: O_RDONLY | O_DIRECTORY) }
    }

    private func fsyncPath(_ path: String, flags: Int32) throws {
        let fd = open(path, flags | O_CLOEXEC | O_NOFOLLOW)
        if fd < 0 {
            if errno == ENOENT { return }
            throw failure("cannot open \(path) to flush it: \(OutputFolder.errnoText())")
        }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("cannot flush \(path) to disk: \(OutputFolder.errnoText())") }
    }

    // MARK: - Errors

    /// A `.io` error of this channel.
    public func failure(_ message: String) -> PubsyncError {
        PubsyncError(.io, message, channel: channel)
    }

    /// The text of the current `errno`.
    static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// The libc `read`, named apart from the methods of this file.
private func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// The libc `write`, named apart from the methods of this file.
private func Glibc_write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
