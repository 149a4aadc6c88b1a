import Foundation

/// What the audit could read of an attachment.
public enum AttachmentTextResult: Sendable, Equatable {
    /// Its text.
    case text(String)
    /// Why it could not be read (no reader for the type, the reader failed, or the file was refused).
    case unreadable(String)
}

/// Reads the text out of attachment files for the audit: txt and csv directly, docx and xlsx
/// from their XML (through `OfficeArchive`), pdf through poppler's `pdftotext` when installed.
public struct AttachmentText: Sendable {
    /// The `pdftotext` to run; nil when not installed.
    public let pdftotext: URL?
    /// How long `pdftotext` may take for one file.
    public let timeout: TimeInterval
    /// Most text kept from one file (more is cut off, and the audit says so).
    public static let maxTextBytes = 32 << 20

    /// A reader using `pdftotext` from `PATH` (or `/usr/bin`).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, timeout: TimeInterval = 60) {
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + ["/usr/bin"]
        pdftotext = folders.lazy.map { URL(fileURLWithPath: $0).appendingPathComponent("pdftotext") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        self.timeout = timeout
    }

    /// A reader with an explicit `pdftotext` (nil: none).
    public init(pdftotext: URL?, timeout: TimeInterval = 60) {
        self.pdftotext = pdftotext
        self.timeout = timeout
    }

    /// The text of the file at `url`, which is an attachment of `kind`.
    public func text(of url: URL, kind: AttachmentKind) -> AttachmentTextResult {
        do {
            switch kind {
            case .txt, .csv: return .text(try Self.plainText(url))
            case .docx: return .text(try OfficeArchive(url: url).text(parts: OfficeArchive.wordParts))
            case .xlsx: return .text(try OfficeArchive(url: url).text(parts: OfficeArchive.sheetParts))
            case .pdf: return try pdfText(url)
            case .ofd, .doc, .xls, .wps, .et, .jpg, .png, .zip:
                return .unreadable("no text reader for \(kind.label) files")
            }
        } catch let error as PubsyncError {
            return .unreadable(error.message)
        } catch {
            return .unreadable("\(error)")
        }
    }

    static func plainText(_ url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let data = try handle.read(upToCount: maxTextBytes) ?? Data()
        // Invalid UTF-8 (a GB18030 file) is decoded with replacement characters: the digits the
        // personal-number rules look for are ASCII in either encoding and survive.
        return String(decoding: data, as: UTF8.self)
    }

    func pdfText(_ url: URL) throws -> AttachmentTextResult {
        guard let pdftotext else { return .unreadable("pdftotext (poppler-utils) is not installed") }
        let process = Process()
        process.executableURL = pdftotext
        process.arguments = ["-q", "-enc", "UTF-8", "-nopgbrk", url.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let done = DispatchSemaphore(value: 0)
        let reader = OutputReader(output.fileHandleForReading, limit: Self.maxTextBytes)
        Thread.detachNewThread {
            reader.run()
            done.signal()
        }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = done.wait(timeout: .now() + 5)
            process.waitUntilExit()
            return .unreadable("pdftotext took longer than \(Int(timeout)) s")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .unreadable("pdftotext could not read it (exit status \(process.terminationStatus))")
        }
        return .text(String(decoding: reader.data, as: UTF8.self))
    }
}

/// Reads a pipe to its end, keeping at most `limit` bytes (and draining the rest, so the writer never blocks).
private final class OutputReader: @unchecked Sendable {
    let handle: FileHandle
    let limit: Int
    private(set) var data = Data()

    init(_ handle: FileHandle, limit: Int) {
        self.handle = handle
        self.limit = limit
    }

    func run() {
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { return }
            if data.count < limit { data.append(chunk.prefix(limit - data.count)) }
        }
    }
}
