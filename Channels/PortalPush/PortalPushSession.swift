import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import PubsyncCore

/// One run's operations on the portal. Every answered operation is already durable there,
/// so `flush()` has nothing to do.
struct PortalPushSession: ChannelSession {
    let http: PortalHTTP
    let token: String
    let stop: CredentialsStop
    let logger: Logger

    private var config: PortalPushConfig { http.config }

    /// `{id}:{rev}:{body-sha256}`: the key covers the bytes sent, so any payload change (a setting,
    /// a validity lapse) is a new key, never a 422 from the portal.
    static func idempotencyKey(_ item: PublishedItem, body: Data) -> String {
        "\(item.id):\(item.revision):\(ContentHash.hex(SHA256.hash(data: body)))"
    }

    /// PUT `{url}/items/{id}`; 201/200 confirm, 401/403 stop the channel, 400/413/415/422 reject the item.
    func put(_ item: PublishedItem) async throws -> PutReceipt {
        try stop.check()
        let payload = PortalPayload(item, publicURL: config.publicAddress(item.id) ?? "")
        let body = config.format == .json ? try payload.json() : payload.xml()
        let contentType = config.format == .json ? "application/json; charset=utf-8" : "application/xml; charset=utf-8"
        let request = http.request("PUT", config.itemURL(item.id), token: token, body: body, contentType: contentType,
                                   idempotencyKey: Self.idempotencyKey(item, body: body))
        let answer = try await http.exchange(request, what: "putting item '\(item.id)'", item: item.id, stop: stop)
        switch answer.status {
        case 200, 201:
            logger.debug("portal stored item", metadata: ["channel": "\(config.channel)", "id": "\(item.id)", "status": "\(answer.status)"])
            return PutReceipt(remoteRef: config.publicAddress(item.id))
        case 401, 403:
            let error = http.credentialsRefused(answer, item: item.id)
            stop.trip(error)
            throw error
        case 400, 413, 415, 422:
            throw PubsyncError(.rejected, "channel '\(config.channel)': the portal rejected item '\(item.id)' (HTTP \(answer.status)): \(answer.portalMessage)",
                               channel: config.channel, item: item.id)
        default:
            throw PubsyncError(.channel, "channel '\(config.channel)': putting item '\(item.id)' got HTTP \(answer.status): \(answer.portalMessage)",
                               channel: config.channel, item: item.id)
        }
    }

    /// DELETE `{url}/items/{id}`; 204/200 and 404 (already absent) count as removed.
    func remove(id: String, reason: RemovalReason) async throws {
        try stop.check()
        let request = http.request("DELETE", config.itemURL(id), token: token)
        let answer = try await http.exchange(request, what: "removing item '\(id)'", item: id, stop: stop)
        switch answer.status {
        case 200, 202, 204, 404:
            logger.debug("portal removed item", metadata: ["channel": "\(config.channel)", "id": "\(id)", "reason": "\(reason.rawValue)"])
        case 401, 403:
            let error = http.credentialsRefused(answer, item: id)
            stop.trip(error)
            throw error
        default:
            throw PubsyncError(.channel, "channel '\(config.channel)': removing item '\(id)' got HTTP \(answer.status): \(answer.portalMessage)",
                               channel: config.channel, item: id)
        }
    }

    /// Nothing is buffered: each operation was confirmed by the portal when it returned.
    func flush() async throws {}
}
