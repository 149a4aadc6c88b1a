import Foundation
import Testing

extension PortalTests {
    @Suite("pubsync-portal serves the Portal Push API")
    struct ServerTests {
        static let hash = String(repeating: "ab", count: 32)

        static func body(_ id: String, revision: Int = 1, title: String = "关于开通服务监督电话的公告") -> Data {
            let object: [String: Any] = [
                "id": id, "revision": revision, "content_hash": hash, "title": title, "summary": "",
                "body_html": "<p>正文</p>", "category": "政务公告", "unit": "市交通运输局",
                "index_number": "004188191/2014-00012", "doc_number": "淄交发〔2014〕12号", "published": "2014-06-18",
                "url": "https://portal.example.gov.cn/items/\(id)",
            ]
            return try! JSONSerialization.data(withJSONObject: object)
        }

        static let json = ["Content-Type": "application/json"]

        @Test("requests without the right bearer token get 401")
        func auth() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            #expect(try await server.send("GET", "/items", token: nil).0 == 401)
            #expect(try await server.send("GET", "/items", token: "wrong").0 == 401)
            #expect(try await server.send("PUT", "/items/a", token: PortalServer.token + "x", body: Self.body("a"), headers: Self.json).0 == 401)
            #expect(try await server.send("GET", "/items").0 == 200)
            #expect(try await server.item("a") == nil)
        }

        @Test("PUT creates (201) then replaces (200); DELETE answers 204, then 404")
        func lifecycle() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let (created, createdBody) = try await server.send("PUT", "/items/zbjt-2014-0012", body: Self.body("zbjt-2014-0012"), headers: Self.json)
            #expect(created == 201)
            let echo = try JSONSerialization.jsonObject(with: createdBody) as? [String: Any]
            #expect(echo?["id"] as? String == "zbjt-2014-0012")
            #expect(echo?["revision"] as? Int == 1)
            #expect(echo?["content_hash"] as? String == Self.hash)
            #expect(try await server.send("PUT", "/items/zbjt-2014-0012", body: Self.body("zbjt-2014-0012", revision: 2), headers: Self.json).0 == 200)
            #expect(try await server.item("zbjt-2014-0012")?["revision"] as? Int == 2)
            #expect(try await server.send("DELETE", "/items/zbjt-2014-0012").0 == 204)
            #expect(try await server.send("DELETE", "/items/zbjt-2014-0012").0 == 404)
            #expect(try await server.item("zbjt-2014-0012") == nil)
        }

        @Test("an Idempotency-Key replays the first answer, refuses another body, and is forgotten on DELETE")
        func idempotency() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let key = ["Content-Type": "application/json", "Idempotency-Key": "a:1:\(Self.hash)"]
            let first = try await server.send("PUT", "/items/a", body: Self.body("a"), headers: key)
            let again = try await server.send("PUT", "/items/a", body: Self.body("a"), headers: key)
            #expect(first.0 == 201)
            #expect(again.0 == 201)
            #expect(again.1 == first.1)
            #expect(try await server.item("a")?["writes"] as? Int == 1)

            let other = try await server.send("PUT", "/items/a", body: Self.body("a", title: "另一个标题"), headers: key)
            #expect(other.0 == 422)
            #expect(String(decoding: other.1, as: UTF8.self).contains("Idempotency-Key"))
            #expect(try await server.item("a")?["title"] as? String == "关于开通服务监督电话的公告")

            #expect(try await server.send("DELETE", "/items/a").0 == 204)
            #expect(try await server.send("PUT", "/items/a", body: Self.body("a"), headers: key).0 == 201)
            #expect(try await server.item("a") != nil)
        }

        @Test("invalid requests get 400/413/422 with a message naming the field")
        func validation() async throws {
            let server = try PortalServer(["--max-body", "65536"])
            defer { server.stop() }
            func check(_ path: String, _ body: Data, _ status: Int, _ fragment: String,
                       headers: [String: String] = Self.json) async throws {
                let (code, data) = try await server.send("PUT", path, body: body, headers: headers)
                let message = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["error"] as? String ?? ""
                #expect(code == status, "\(path): \(message)")
                #expect(message.contains(fragment), "\(message) should name \(fragment)")
            }
            var missingTitle = try JSONSerialization.jsonObject(with: Self.body("a")) as! [String: Any]
            missingTitle.removeValue(forKey: "title")
            var textRevision = missingTitle
            textRevision["title"] = "t"
            textRevision["revision"] = "one"
            try await check("/items/a", Data("{not json".utf8), 400, "JSON")
            try await check("/items/a", try JSONSerialization.data(withJSONObject: missingTitle), 400, "'title'")
            try await check("/items/a", try JSONSerialization.data(withJSONObject: textRevision), 400, "'revision'")
            try await check("/items/Bad%20Id", Self.body("a"), 400, "not a valid id")
            try await check("/items/b", Self.body("a"), 422, "'id'")
            try await check("/items/a", Self.body("a", title: "  "), 422, "'title'")
            try await check("/items/a", Data(count: 70_000), 413, "larger")
            try await check("/items/a", Data("<item><id>a</id><revision>x</revision></item>".utf8), 400, "'revision'",
                            headers: ["Content-Type": "application/xml"])
            try await check("/items/a", Data("<feed/>".utf8), 400, "<item>", headers: ["Content-Type": "application/xml"])
            #expect(try await server.send("GET", "/items").1 == Data(#"{"items":[],"next":null}"#.utf8))
        }

        @Test("a restart keeps the items; GET /items pages by id with next = null at the end")
        func restartAndPaging() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            for id in ["e", "a", "c", "b", "d"] {
                #expect(try await server.send("PUT", "/items/\(id)", body: Self.body(id), headers: Self.json).0 == 201)
            }
            #expect(server.stop() == 0, "SIGTERM stops the server cleanly")
            try server.start()

            var seen: [[String]] = []
            var after: String?
            repeat {
                let query = "/items?limit=2" + (after.map { "&after=\($0)" } ?? "")
                let (status, data) = try await server.send("GET", query)
                #expect(status == 200)
                let page = try JSONSerialization.jsonObject(with: data) as! [String: Any]
                let items = page["items"] as! [[String: Any]]
                seen.append(items.map { $0["id"] as! String })
                #expect(items.allSatisfy { $0["content_hash"] as? String == Self.hash && $0["revision"] as? Int == 1 })
                after = page["next"] as? String
            } while after != nil && seen.count < 10
            #expect(seen == [["a", "b"], ["c", "d"], ["e"]])
        }

        @Test("GET / lists the items as HTML with every value escaped")
        func homePage() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            _ = try await server.send("PUT", "/items/x", body: Self.body("x", title: "<script>alert(1)</script> & 公告"), headers: Self.json)
            let (status, data) = try await server.send("GET", "/", token: nil)
            let html = String(decoding: data, as: UTF8.self)
            #expect(status == 200)
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 公告"))
            #expect(!html.contains("<script>"))
            #expect(html.contains("共收到 1 条信息"))
            #expect(!server.output.contains(PortalServer.token))
        }

        @Test("GET / is paged, 50 to a page, newest first, with a pager; a bad page number is 400")
        func homePaging() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            for n in 0..<60 {
                let id = String(format: "p%02d", n)
                let (status, _) = try await server.send("PUT", "/items/\(id)", body: Self.body(id, title: "第\(n)条"), headers: Self.json)
                #expect(status == 201)
            }
            let (_, first) = try await server.send("GET", "/", token: nil)
            let page1 = String(decoding: first, as: UTF8.self)
            #expect(page1.contains("共收到 60 条信息，第 1 / 2 页"))
            #expect(page1.components(separatedBy: "<tr id=").count - 1 == 50)
            #expect(page1.contains("<a href=\"/?page=2\" rel=\"next\">下一页</a>"))
            #expect(page1.contains("<th scope=\"col\">有效性</th>"))
            let (_, second) = try await server.send("GET", "/?page=2", token: nil)
            let page2 = String(decoding: second, as: UTF8.self)
            #expect(page2.components(separatedBy: "<tr id=").count - 1 == 10)
            #expect(page2.contains("<span aria-current=\"page\">2</span>"))
            #expect(try await server.send("GET", "/?page=0", token: nil).0 == 400)
        }
    }
}
