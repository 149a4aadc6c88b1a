import ChannelSupport
import Crypto
import Foundation
import Logging
import PubsyncCore

/// The city portal channel: pushes items over the Portal Push API with AsyncHTTPClient (see
/// `PortalHTTP` for why not URLSession). Connections are pooled and kept alive across operations.
public final class PortalPushAdapter: ChannelAdapter, SecretRequiring, Sendable {
    let config: PortalPushConfig
    let http: PortalHTTP
    let logger: Logger

    init(config: PortalPushConfig, policy: PortalRetryPolicy, logger: Logger) {
        self.config = config
        self.logger = logger
        http = PortalHTTP(config: config, policy: policy, logger: logger)
    }

    /// The channel's name.
    public var name: String { config.channel }

    /// SHA-256 of what changes the pushed content: url, format, public_url, the renderer and the
    /// request scheme (never the token).
    public var fingerprint: String {
        let text = [
            "kind=http-push", "url=\(config.baseURL.absoluteString)", "format=\(config.format.rawValue)",
            "public_url=\(config.publicURL ?? "")", "renderer=\(MarkdownRenderer.version)",
            // Since the Idempotency-Key covers the body's bytes: items a reused key left `rejected`
            // (HTTP 422) are put again once.
            "idempotency-key=body-sha256",
            // Items now carry `attachments` (files PUT first): items published before are put again once.
            "attachments=v1",
        ].joined(separator: "\n")
        return Hex.string(SHA256.hash(data: Data(text.utf8)))
    }

    /// `concurrency` from the config (default 4).
    public var maxConcurrentOperations: Int { config.concurrency }

    /// Throws `.missingSecret` naming the variable or file when the token is not available.
    public func checkSecrets() throws {
        _ = try config.loadToken()
    }

    /// Opens a session; reads the token once for it.
    public func openSession(_ context: SessionContext) async throws -> any ChannelSession {
        let token = try config.loadToken()
        return PortalPushSession(http: http, token: token, stop: CredentialsStop(), logger: context.logger,
                                 files: context.attachments, uploaded: UploadedFiles())
    }

    /// The exact PUT body (JSON or XML, per `format`) this adapter sends for `item`; for benchmarks and debugging.
    public func requestBody(for item: PublishedItem) throws -> Data {
        let payload = PortalPayload(item, publicURL: config.publicAddress(item.id) ?? "")
        return config.format == .json ? try payload.json() : payload.xml()
    }

    /// Pages through `GET {url}/items`; any failure throws `.inventory`, never an empty list.
    public func inventory() async throws -> [LiveEntry] {
        let token = try config.loadToken()
        var entries: [LiveEntry] = []
        var after: String?
        do {
            while true {
                let request = http.request(.GET, config.listURL(after: after, limit: 500), token: token)
                let answer = try await http.exchange(request, what: "listing the portal", item: nil, stop: nil)
                switch answer.status {
                case 200: break
                case 401, 403: throw http.credentialsRefused(answer, item: nil)
                case _ where answer.isRedirect: throw http.redirected(answer, what: "listing the portal", item: nil)
                default:
                    throw PubsyncError(.inventory, "the portal answered HTTP \(answer.status): \(answer.portalMessage)",
                                       channel: name)
                }
                let page = try Self.decodePage(answer.data, channel: name)
                entries += page.items
                guard let next = page.next else { return entries }
                // A portal whose cursor does not move would loop forever.
                guard next > (after ?? ""), !page.items.isEmpty else {
                    throw PubsyncError(.inventory, "the portal's listing did not advance past '\(next)'", channel: name)
                }
                after = next
            }
        } catch let error as PubsyncError where error.code == .inventory {
            throw error
        } catch let error as PubsyncError {
            throw PubsyncError(.inventory, error.message, channel: name, underlying: error)
        }
    }

    static func decodePage(_ data: Data, channel: String) throws -> (items: [LiveEntry], next: String?) {
        struct Page: Decodable {
            struct Entry: Decodable {
                var id: String
                var revision: Int?
                var content_hash: String?
            }
            var items: [Entry]
            var next: String?
        }
        do {
            let page = try JSONDecoder().decode(Page.self, from: data)
            return (page.items.map { LiveEntry(id: $0.id, revision: $0.revision, contentHash: $0.content_hash) }, page.next)
        } catch {
            throw PubsyncError(.inventory, "the portal's listing is not the expected JSON", channel: channel,
                               underlying: error)
        }
    }
}
