import Crypto
import Foundation
import PortalPush
import PubsyncCore
import PubsyncTesting
import Testing

extension PortalTests {
    @Suite("redirects, foreign origins, answers that do not confirm, and the idempotency key")
    struct HostileAnswerTests {
        /// Settings for a scripted server.
        static func adapter(_ url: String, _ extra: [String: ConfigValue] = [:]) throws -> any ChannelAdapter {
            var values: [String: ConfigValue] = [
                "url": .string(url), "token_env": .string(PortalServer.tokenVariable),
                "public_url": .string("https://portal.example.gov.cn/items/{id}"), "timeout_s": .integer(5), "max_attempts": .integer(2),
            ]
            values.merge(extra) { _, new in new }
            let settings = ChannelSettings(name: "portal", kind: "http-push", values: values, configFile: URL(fileURLWithPath: "/tmp/pubsync.toml"),
                                           environment: [PortalServer.tokenVariable: PortalServer.token])
            return try PortalPushFactory(retryPolicy: Fixture.policy()).make(settings, logger: LogRecorder().logger)
        }

        @Test("a 307 to another origin is an error naming the Location; the other origin receives nothing", arguments: ["PUT", "DELETE", "GET"])
        func redirectNotFollowed(method: String) async throws {
            let elsewhere = try StubHTTPServer { _ in .json(201, #"{"id":"r-1","revision":1,"content_hash":"x"}"#) }
            defer { elsewhere.stop() }
            let location = "\(elsewhere.baseURL)/items/r-1"
            let portal = try StubHTTPServer { _ in StubHTTPServer.Response(status: 307, headers: ["Location": location]) }
            defer { portal.stop() }
            let adapter = try Self.adapter(portal.baseURL)
            do {
                switch method {
                case "PUT": _ = try await Fixture.session(adapter).put(Fixture.item("r-1"))
                case "DELETE": try await Fixture.session(adapter).remove(id: "r-1", reason: .retracted)
                default: _ = try await adapter.inventory()
                }
                Issue.record("a redirect must not count as success")
            } catch let error as PubsyncError {
                #expect(error.message.contains("redirect (HTTP 307)"), "\(error.message)")
                #expect(error.message.contains(location), "\(error.message)")
                #expect(!error.message.contains(PortalServer.token))
            }
            #expect(elsewhere.requests.isEmpty, "the token went to another origin: \(elsewhere.requests.map(\.headers))")
            #expect(portal.requests.count == 1, "a 3xx is not retried")
        }

        @Test("plain http:// to a non-loopback host is refused unless allow_insecure_http = true")
        func insecureHTTP() throws {
            #expect(throws: PubsyncError.self) { try Self.adapter("http://portal.example.gov.cn") }
            do {
                _ = try Self.adapter("http://portal.example.gov.cn")
            } catch let error as PubsyncError {
                #expect(error.code == .config)
                #expect(error.message.contains("key 'url'") && error.message.contains("allow_insecure_http"), "\(error.message)")
            }
            _ = try Self.adapter("http://portal.example.gov.cn", ["allow_insecure_http": .bool(true)])
            _ = try Self.adapter("https://portal.example.gov.cn")
            _ = try Self.adapter("http://127.0.0.1:9")
            _ = try Self.adapter("http://localhost:9")
            _ = try Self.adapter("http://[::1]:9")
        }

        @Test("a url with credentials is refused without echoing them")
        func credentialsInURL() throws {
            do {
                _ = try Self.adapter("https://admin:S3cretPass@portal.example.gov.cn/api")
                Issue.record("credentials in the url must be refused")
            } catch let error as PubsyncError {
                #expect(!error.message.contains("S3cretPass"), "\(error.message)")
                #expect(error.message.contains("***@portal.example.gov.cn"), "\(error.message)")
            }
        }

        @Test("a 2xx that does not name the same id and content hash is a failed put", arguments: [
            #"{"id":"other","revision":1,"content_hash":"HASH"}"#,
            #"{"id":"c-1","revision":1,"content_hash":"0000"}"#,
            #"{}"#,
            "",
            "<html>ok</html>",
        ])
        func unconfirmedAnswer(body: String) async throws {
            let item = Fixture.item("c-1")
            let stub = try StubHTTPServer { _ in .json(201, body.replacingOccurrences(of: "HASH", with: item.contentHash)) }
            defer { stub.stop() }
            do {
                _ = try await Fixture.session(try Self.adapter(stub.baseURL)).put(item)
                Issue.record("an answer that does not confirm the put must fail it")
            } catch let error as PubsyncError {
                #expect(error.code == .channel && error.isRetryable)
                #expect(error.item == "c-1")
                #expect(error.message.contains("not recorded as live"), "\(error.message)")
            }
        }

        @Test("the Idempotency-Key is {id}:{rev}:{sha256 of the body sent}")
        func idempotencyKeyCoversBody() async throws {
            let item = Fixture.item("k-1")
            let stub = try StubHTTPServer { _ in .json(201, #"{"id":"k-1","revision":1,"content_hash":"\#(item.contentHash)"}"#) }
            defer { stub.stop() }
            for publicURL in ["https://a.example.gov.cn/{id}", "https://b.example.gov.cn/{id}"] {
                _ = try await Fixture.session(try Self.adapter(stub.baseURL, ["public_url": .string(publicURL)])).put(item)
            }
            let puts = stub.requests.filter { $0.method == "PUT" }
            #expect(puts.count == 2)
            for put in puts {
                let digest = SHA256.hash(data: put.body).map { String(format: "%02x", $0) }.joined()
                #expect(put.headers["idempotency-key"] == "k-1:1:\(digest)")
            }
            #expect(puts[0].headers["idempotency-key"] != puts[1].headers["idempotency-key"], "a new body is a new key")
        }

        @Test("the fingerprint differs from the one before the key covered the body, so items a reused key left rejected are put again")
        func fingerprintMovedOn() throws {
            let adapter = try Self.adapter("http://127.0.0.1:9")
            // The pre-fix formula (issue 13 item 3, renderer version 1): rows rejected under it get a new change hash.
            let old = ["kind=http-push", "url=http://127.0.0.1:9", "format=json", "public_url=https://portal.example.gov.cn/items/{id}",
                       "renderer=1"].joined(separator: "\n")
            let oldFingerprint = SHA256.hash(data: Data(old.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(adapter.fingerprint != oldFingerprint)
        }
    }
}
