import Foundation
import PubsyncCore

/// The hashes a session has seen the portal hold (shared by its concurrent puts).
final class UploadedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var hashes: Set<String> = []

    func contains(_ sha256: String) -> Bool { lock.withLock { hashes.contains(sha256) } }
    func insert(_ sha256: String) { _ = lock.withLock { hashes.insert(sha256) } }
    func remove(_ sha256: String) { _ = lock.withLock { hashes.remove(sha256) } }
}

extension PortalPushSession {
    /// Makes sure the portal holds the files of `item` (or just `only`, which are uploaded without
    /// asking first): `HEAD {url}/files/{sha256}`, and when that is not 200, `PUT` the raw bytes
    /// streamed from the store. A file is uploaded at most once per session.
    func uploadAttachments(of item: PublishedItem, only: [Attachment]? = nil) async throws {
        let wanted = only ?? item.attachments
        guard !wanted.isEmpty else { return }
        let folder = try AttachmentFiles.required(files, item: item.id, channel: config.channel)
        var done: Set<String> = []
        for file in wanted where done.insert(file.sha256).inserted {
            if only != nil {
                uploaded.remove(file.sha256)
            } else if uploaded.contains(file.sha256) {
                continue
            } else if try await portalHolds(file, item: item.id) {
                uploaded.insert(file.sha256)
                continue
            }
            try await upload(file, from: folder, item: item.id)
            uploaded.insert(file.sha256)
        }
    }

    /// `HEAD {url}/files/{sha256}`: true only for a 200 (any other answer means "upload it").
    private func portalHolds(_ file: Attachment, item: String) async throws -> Bool {
        try stop.check()
        let request = http.request(.HEAD, config.fileURL(file.sha256), token: token)
        let answer = try await http.exchange(request, what: "checking file '\(file.name)' of item '\(item)'", item: item, stop: stop)
        if answer.status == 401 || answer.status == 403 {
            let error = http.credentialsRefused(answer, item: item)
            stop.trip(error)
            throw error
        }
        return answer.status == 200
    }

    /// `PUT {url}/files/{sha256}` with the file's bytes and media type; 201/200 confirm.
    private func upload(_ file: Attachment, from folder: AttachmentFiles, item: String) async throws {
        try stop.check()
        var request = http.request(.PUT, config.fileURL(file.sha256), token: token, contentType: file.mediaType)
        request.file = (folder.url(for: file.sha256), file.size)
        let what = "uploading file '\(file.name)' of item '\(item)'"
        let answer = try await http.exchange(request, what: what, item: item, stop: stop)
        switch answer.status {
        case 200, 201:
            logger.debug("portal stored file", metadata: ["channel": "\(config.channel)", "id": "\(item)", "sha256": "\(file.sha256)",
                                                          "status": "\(answer.status)"])
        case 401, 403:
            let error = http.credentialsRefused(answer, item: item)
            stop.trip(error)
            throw error
        case 400, 413, 415, 422:
            throw PubsyncError(.rejected, "the portal rejected file '\(file.name)' of item '\(item)' (HTTP \(answer.status)): \(answer.portalMessage)",
                               channel: config.channel, item: item)
        case _ where answer.isRedirect:
            throw http.redirected(answer, what: what, item: item)
        default:
            throw PubsyncError(.channel, "\(what) got HTTP \(answer.status): \(answer.portalMessage)", channel: config.channel, item: item)
        }
    }

    /// The hashes a 409 answer names in `missing_files`.
    static func missingFiles(_ answer: PortalHTTP.Answer) -> [String] {
        let object = try? JSONSerialization.jsonObject(with: answer.data) as? [String: Any]
        return (object?["missing_files"] as? [String] ?? []).filter(Attachment.isValidSHA256)
    }
}
