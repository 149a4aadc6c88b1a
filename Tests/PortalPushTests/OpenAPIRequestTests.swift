import Foundation
import PortalPush
import PubsyncCore
import PubsyncTesting
import Testing

extension PortalTests {
    @Suite("the http-push adapter's requests conform to the Portal Push API's OpenAPI document")
    struct OpenAPIRequestTests {
        /// Answers like the portal (files unknown until PUT, items echoed, an empty inventory), recording every request.
        static func portalLikeServer() throws -> StubHTTPServer {
            try StubHTTPServer { request in
                let path = request.path.split(separator: "?").first.map(String.init) ?? request.path
                switch (request.method, path.hasPrefix("/files/"), path == "/items") {
                case ("HEAD", true, _): return .init(status: 404)
                case ("PUT", true, _):
                    return .json(201, #"{"sha256":"\#(path.dropFirst(7))","size":\#(request.body.count),"media_type":"application/pdf"}"#)
                case ("GET", false, true): return .json(200, #"{"items":[],"next":null}"#)
                case ("DELETE", _, _): return .init(status: 204)
                case ("PUT", false, _):
                    let id = String(path.dropFirst("/items/".count))
                    let object = (try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any]
                    let revision = object?["revision"] as? Int ?? (request.body.isEmpty ? 0 : Self.xmlRevision(request.body))
                    let hash = object?["content_hash"] as? String ?? Self.xmlField("content_hash", request.body)
                    return .json(201, #"{"id":"\#(id)","revision":\#(revision),"content_hash":"\#(hash)"}"#)
                default: return .json(404, #"{"error":"no such route"}"#)
                }
            }
        }

        static func xmlField(_ name: String, _ body: Data) -> String {
            let text = String(decoding: body, as: UTF8.self)
            guard let start = text.range(of: "<\(name)>"), let end = text.range(of: "</\(name)>", range: start.upperBound..<text.endIndex) else { return "" }
            return String(text[start.upperBound..<end.lowerBound])
        }

        static func xmlRevision(_ body: Data) -> Int { Int(xmlField("revision", body)) ?? 0 }

        /// An item with every field the payload has: metadata, validity and two attachments.
        static func fullItem(_ id: String, files: AttachmentFiles) throws -> PublishedItem {
            var item = Fixture.item(id, body: "# 标题\n\n<script>x</script> [链接](https://jtj.example.gov.cn/?a=1&b=2) & 符号")
            item.metadata = DisclosureMetadata(written: LocalDate("2014-06-10"), subject: "交通运输", genre: "行政规范性文件",
                                               keywords: ["行政执法", "裁量"], effective: LocalDate("2014-07-01"),
                                               validUntil: LocalDate("2019-06-30"))
            item.validity = .valid
            item.attachments = [
                try Fixture.attachment(Data("%PDF-1.4\n预算\n%%EOF\n".utf8), name: "2014年部门预算.pdf", mediaType: "application/pdf", in: files),
                try Fixture.attachment(Data("a,b\n1,2\n".utf8), name: "表 (1).csv", mediaType: "text/csv", in: files),
            ]
            return item
        }

        @Test("every request of put, remove and inventory validates (JSON and XML bodies)", arguments: ["json", "xml"])
        func adapterRequests(format: String) async throws {
            let check = try OpenAPIRequestCheck()
            let server = try Self.portalLikeServer()
            defer { server.stop() }
            let files = AttachmentFiles(root: try PortalServer.temporaryFolder().appendingPathComponent("store.db.files"))
            let settings = ChannelSettings(
                name: "portal", kind: "http-push",
                values: ["url": .string(server.baseURL), "token_env": .string("PORTAL_TOKEN"), "format": .string(format),
                         "public_url": .string("https://portal.example.gov.cn/items/{id}"), "timeout_s": .integer(10)],
                configFile: URL(fileURLWithPath: "/tmp/pubsync.toml"), environment: ["PORTAL_TOKEN": "s3cret-token"])
            let adapter = try PortalPushFactory(retryPolicy: Fixture.policy()).make(settings, logger: LogRecorder().logger)
            let session = try await Fixture.session(adapter, files: files)
            _ = try await session.put(try Self.fullItem("full-1", files: files))
            _ = try await session.put(Fixture.item("plain-2"))
            try await session.remove(id: "gone-3", reason: .retracted)
            try await session.flush()
            _ = try await adapter.inventory()

            let requests = server.requests
            let seen = Set(requests.map { "\($0.method) \($0.path.split(separator: "?")[0].split(separator: "/").first ?? "")" })
            #expect(seen == ["HEAD files", "PUT files", "PUT items", "DELETE items", "GET items"])
            for request in requests {
                let problems = check.problems(method: request.method, target: request.path, headers: request.headers, body: request.body)
                #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
            }
        }

        @Test("pubsync-portal serves the document at /openapi.yaml without a token, byte for byte")
        func servedDocument() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let (status, body) = try await server.send("GET", "/openapi.yaml", token: nil)
            #expect(status == 200)
            #expect(body == (try Data(contentsOf: OpenAPIRequestCheck.documentFile)))
            let routes = try OpenAPIRequestCheck().paths.keys.sorted()
            #expect(routes == ["/", "/files/{sha256}", "/items", "/items/{id}", "/openapi.yaml"])
        }

        @Test("the check finds what a wrong request gets wrong")
        func checkFindsProblems() throws {
            let check = try OpenAPIRequestCheck()
            let body = Data(#"{"id":"a-1","revision":0,"content_hash":"ABC","title":"t","category":"c","published":"2014-6-1","colour":"red"}"#.utf8)
            let problems = check.problems(method: "PUT", target: "/items/a-1", headers: ["content-type": "application/json"], body: body)
            let text = problems.joined(separator: "\n")
            #expect(text.contains("body.revision: below 1"))
            #expect(text.contains("body.content_hash: 'ABC' does not match"))
            #expect(text.contains("body.published: '2014-6-1' does not match"))
            #expect(text.contains("property 'colour' is not documented"))
            #expect(text.contains("the Authorization header is not 'Bearer TOKEN'"))
            #expect(check.problems(method: "PATCH", target: "/items/a-1", headers: [:], body: Data()) == ["PATCH /items/{id}: the document has no such operation"])
            #expect(check.problems(method: "GET", target: "/items?limit=5000&page=2", headers: ["authorization": "Bearer x"], body: Data())
                .sorted() == ["GET /items: query parameter 'limit': above 1000", "GET /items: query parameter 'page' is not documented"])
            let xml = Data("<item><id>a-1</id><revision>2</revision><keywords><keyword>k</keyword></keywords><bogus/></item>".utf8)
            let xmlProblems = check.problems(method: "PUT", target: "/items/a-1",
                                             headers: ["content-type": "application/xml", "authorization": "Bearer x"], body: xml)
            #expect(xmlProblems.contains("PUT /items/a-1: body: required property 'content_hash' is missing"))
            #expect(xmlProblems.contains("PUT /items/a-1: body: property 'bogus' is not documented"))
        }
    }
}
