import Foundation
import PortalPush
import PubsyncCore
import Testing

extension PortalTests {
    @Suite("the http-push adapter publishes to a real pubsync-portal")
    struct AdapterTests {
        @Test("put, remove and inventory; removing an absent item succeeds")
        func putRemoveInventory() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let adapter = try Fixture.adapter(server)
            let session = try await Fixture.session(adapter)
            let items = ["a-1", "b-2", "c-3"].map { Fixture.item($0) }
            for item in items {
                let receipt = try await session.put(item)
                #expect(receipt.remoteRef == "https://portal.example.gov.cn/items/\(item.id)")
            }
            try await session.flush()

            let stored = try #require(try await server.item("a-1"))
            #expect(stored["title"] as? String == "关于a-1的公告")
            #expect(stored["index_number"] as? String == "004188191/2014-a-1")
            #expect(stored["published"] as? String == "2014-06-18")
            #expect(stored["url"] as? String == "https://portal.example.gov.cn/items/a-1")
            #expect(stored["body_html"] as? String == "<h1>标题</h1><p>正文 <strong>bold</strong> 与 <a href=\"https://jtj.example.gov.cn/a?b=1&amp;c=2\">链接</a>。</p>")

            let live = try await adapter.inventory()
            #expect(live == items.map { LiveEntry(id: $0.id, revision: 1, contentHash: $0.contentHash) })

            try await session.remove(id: "b-2", reason: .retracted)
            try await session.remove(id: "b-2", reason: .retracted)
            try await session.remove(id: "never-there", reason: .unrouted)
            #expect(try await adapter.inventory().map(\.id) == ["a-1", "c-3"])
            #expect(try await server.item("b-2") == nil)
        }

        @Test("putting the same revision twice stores it once (Idempotency-Key replay)")
        func idempotentPut() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let adapter = try Fixture.adapter(server)
            let item = Fixture.item("same")
            _ = try await Fixture.session(adapter).put(item)
            _ = try await Fixture.session(adapter).put(item)
            #expect(try await server.item("same")?["writes"] as? Int == 1)
            let stats = try await server.stats()
            #expect(stats["puts_created"] == 1)
            #expect(stats["puts_replayed"] == 1)

            var next = item
            next.revision = 2
            next.contentHash = Fixture.contentHash("same-2")
            _ = try await Fixture.session(adapter).put(next)
            #expect(try await server.item("same")?["revision"] as? Int == 2)
        }

        @Test("inventory pages through more than one page")
        func inventoryPages() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let adapter = try Fixture.adapter(server, ["concurrency": .integer(8)])
            let session = try await Fixture.session(adapter)
            let ids = (0..<520).map { String(format: "p-%04d", $0) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for chunk in stride(from: 0, to: ids.count, by: 65) {
                    group.addTask {
                        for id in ids[chunk..<min(chunk + 65, ids.count)] { _ = try await session.put(Fixture.item(id)) }
                    }
                }
                try await group.waitForAll()
            }
            let live = try await adapter.inventory()
            #expect(live.map(\.id) == ids)
            #expect(try await server.stats()["requests_get"] == 2, "500 per page: two pages")
        }

        @Test("config: exactly one token source, no ca_file on Linux, fingerprint ignores the token")
        func configuration() throws {
            let folder = try PortalServer.temporaryFolder()
            let settings = { (values: [String: ConfigValue], env: [String: String]) in
                ChannelSettings(name: "portal", kind: "http-push", values: values,
                                configFile: folder.appendingPathComponent("pubsync.toml"), environment: env)
            }
            let factory = PortalPushFactory()
            #expect(factory.allowedKeys == ["url", "token_env", "token_file", "ca_file", "public_url", "format",
                                            "concurrency", "timeout_s", "max_attempts", "allow_insecure_http"])
            func configError(_ values: [String: ConfigValue], naming key: String) {
                do {
                    _ = try factory.make(settings(values, [:]), logger: LogRecorder().logger)
                    Issue.record("expected a config error naming \(key)")
                } catch let error as PubsyncError {
                    #expect(error.code == .config)
                    #expect(error.message.contains("'\(key)'"), "\(error.message)")
                } catch { Issue.record("\(error)") }
            }
            let url: ConfigValue = .string("http://127.0.0.1:9")
            configError(["token_env": .string("T")], naming: "url")
            configError(["url": url], naming: "token_env")
            configError(["url": url, "token_env": .string("T"), "token_file": .string("t")], naming: "token_file")
            configError(["url": url, "token_env": .string("T"), "format": .string("yaml")], naming: "format")
            configError(["url": url, "token_env": .string("T"), "concurrency": .integer(0)], naming: "concurrency")
            configError(["url": url, "token_env": .string("T"), "public_url": .string("https://x/")], naming: "public_url")
            #if os(Linux)
            configError(["url": url, "token_env": .string("T"), "ca_file": .string("ca.pem")], naming: "ca_file")
            #endif

            // make() needs no token; checkSecrets() names the variable.
            let base: [String: ConfigValue] = ["url": url, "token_env": .string("PORTAL_TOKEN_X")]
            let adapter = try factory.make(settings(base, [:]), logger: LogRecorder().logger)
            let secretive = try #require(adapter as? any SecretRequiring)
            #expect(throws: PubsyncError.self) { try secretive.checkSecrets() }
            do { try secretive.checkSecrets() } catch let error as PubsyncError {
                #expect(error.code == .missingSecret)
                #expect(error.message.contains("PORTAL_TOKEN_X"))
            }
            let withToken = try factory.make(settings(base, ["PORTAL_TOKEN_X": "one"]), logger: LogRecorder().logger)
            let otherToken = try factory.make(settings(base, ["PORTAL_TOKEN_X": "two"]), logger: LogRecorder().logger)
            #expect(withToken.fingerprint == otherToken.fingerprint)
            #expect(withToken.fingerprint.count == 64)
            #expect(withToken.maxConcurrentOperations == 4)
            let xml = try factory.make(settings(base.merging(["format": .string("xml")]) { $1 }, [:]), logger: LogRecorder().logger)
            #expect(xml.fingerprint != withToken.fingerprint)

            // token_file must be 0600.
            let tokenFile = folder.appendingPathComponent("portal.token")
            try Data("file-token\n".utf8).write(to: tokenFile)
            chmod(tokenFile.path, 0o644)
            let fileAdapter = try factory.make(settings(["url": url, "token_file": .string("portal.token")], [:]),
                                               logger: LogRecorder().logger) as! any SecretRequiring
            do {
                try fileAdapter.checkSecrets()
                Issue.record("a 0644 token file must be refused")
            } catch let error as PubsyncError {
                #expect(error.code == .missingSecret)
                #expect(error.message.contains(tokenFile.path))
                #expect(!error.message.contains("file-token"))
            }
            chmod(tokenFile.path, 0o600)
            try fileAdapter.checkSecrets()
        }
    }
}
