import Crypto
import Foundation
import Logging
import PubsyncCore

/// One run's operations on the portal. Every answered operation is already durable there,
/// so `flush()` has nothing to do.
struct PortalPushSession: ChannelSession {
    let http: PortalHTTP
    let token: String
    let stop: CredentialsStop
    let logger: Logger
    /// The store's attachment folder (from the session context).
    let files: AttachmentFiles?
    /// The files this session already knows the portal holds.
    let uploaded: UploadedFiles

    var config: PortalPushConfig { http.config }

    /// `{id}:{rev}:{body-sha256}`: the key covers the bytes sent, so any payload change (a setting,
    /// a validity lapse) is a new key, never a 422 from the portal.
    static func idempotencyKey(_ item: PublishedItem, body: Data) -> String {
        "\(item.id):\(item.revision):\(Hex.string(SHA256.hash(data: body)))"
    }

    /// PUT `{url}/files/{sha256}` for each attachment the portal may lack, then PUT `{url}/items/{id}`;
    /// 201/200 confirm, 401/403 stop the channel, 400/413/415/422 reject the item. A 409 naming
    /// missing files (deleted on the portal since they were checked) uploads them and repeats, twice at most.
    func put(_ item: PublishedItem) async throws -> PutReceipt {
        try stop.check()
        try await uploadAttachments(of: item)
        let payload = PortalPayload(item, publicURL: config.publicAddress(item.id) ?? "")
        let body = config.format == .json ? try payload.json() : payload.xml()
        let contentType = config.format == .json ? "application/json; charset=utf-8" : "application/xml; charset=utf-8"
        let request = http.request(.PUT, config.itemURL(item.id), token: token, body: body, contentType: contentType,
                                   idempotencyKey: Self.idempotencyKey(item, body: body))
        let what = "putting item '\(item.id)'"
        var reuploads = 0
        while true {
            let answer = try await http.exchange(request, what: what, item: item.id, stop: stop)
            switch answer.status {
            case 200, 201:
                try Self.checkConfirmation(answer, of: item, channel: config.channel)
                logger.debug("portal stored item", metadata: ["channel": "\(config.channel)", "id": "\(item.id)", "status": "\(answer.status)"])
                return PutReceipt(remoteRef: config.publicAddress(item.id))
            case 409:
                let missing = Set(Self.missingFiles(answer))
                let named = item.attachments.filter { missing.contains($0.sha256) }
                guard reuploads < 2, !named.isEmpty else {
                    throw PubsyncError(.channel, "\(what) got HTTP 409: \(answer.portalMessage)", channel: config.channel, item: item.id)
                }
                reuploads += 1
                try await uploadAttachments(of: item, only: named)
            case 401, 403:
                let error = http.credentialsRefused(answer, item: item.id)
                stop.trip(error)
                throw error
            case 400, 413, 415, 422:
                throw PubsyncError(.rejected, "the portal rejected item '\(item.id)' (HTTP \(answer.status)): \(answer.portalMessage)",
                                   channel: config.channel, item: item.id)
            case _ where answer.isRedirect:
                throw http.redirected(answer, what: what, item: item.id)
            default:
                throw PubsyncError(.channel, "\(what) got HTTP \(answer.status): \(answer.portalMessage)",
                                   channel: config.channel, item: item.id)
            }
        }
    }

    /// DELETE `{url}/items/{id}`; 204/200 and 404 (already absent) count as removed.
    func remove(id: String, reason: RemovalReason) async throws {
        try stop.check()
        let request = http.request(.DELETE, config.itemURL(id), token: token)
        let what = "removing item '\(id)'"
        let answer = try await http.exchange(request, what: what, item: id, stop: stop)
        switch answer.status {
        case 200, 202, 204, 404:
            logger.debug("portal removed item", metadata: ["channel": "\(config.channel)", "id": "\(id)", "reason": "\(reason.rawValue)"])
        case 401, 403:
            let error = http.credentialsRefused(answer, item: id)
            stop.trip(error)
            throw error
        case _ where answer.isRedirect:
            throw http.redirected(answer, what: what, item: id)
        default:
            throw PubsyncError(.channel, "\(what) got HTTP \(answer.status): \(answer.portalMessage)",
                               channel: config.channel, item: id)
        }
    }

    /// A 2xx counts only when the answer names the item and the content hash that were sent
    /// (`{id, revision, content_hash}`); anything else is a failed put, retried next run.
    static func checkConfirmation(_ answer: PortalHTTP.Answer, of item: PublishedItem, channel: String) throws {
        struct Confirmation: Decodable {
            var id: String?
            var content_hash: String?
        }
        let confirmation = try? JSONDecoder().decode(Confirmation.self, from: answer.data)
        let problem: String
        switch (confirmation?.id, confirmation?.content_hash) {
        case (item.id?, item.contentHash?):
            return
        case (nil, _), (_, nil):
            problem = "does not name the item and its content_hash"
        case (let id?, let hash?) where id != item.id:
            problem = "names item '\(Redacted.excerpt(id))' (content_hash \(Redacted.excerpt(hash)))"
        case (_, let hash?):
            problem = "names content_hash '\(Redacted.excerpt(hash))', not '\(item.contentHash)'"
        }
        throw PubsyncError(.channel, "putting item '\(item.id)' got HTTP \(answer.status), but the answer \(problem); not recorded as live",
                           channel: channel, item: item.id)
    }

    /// Nothing is buffered: each operation was confirmed by the portal when it returned.
    func flush() async throws {}
}
