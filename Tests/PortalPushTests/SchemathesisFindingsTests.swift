import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

extension PortalTests {
    /// What schemathesis (`Scripts/check-portal-api`) and the fuzzers found in pubsync-portal, each kept as a test.
    @Suite("pubsync-portal: answers schemathesis held against the OpenAPI document")
    struct SchemathesisFindingsTests {
        @Test("a method a path does not take is 405 with Allow, not an empty 404")
        func otherMethods() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            for (method, path, allow) in [("TRACE", "/items", "GET"), ("POST", "/items", "GET"), ("PATCH", "/items/a-1", "GET, PUT, DELETE"),
                                          ("POST", "/files/" + String(repeating: "0", count: 64), "GET, HEAD, PUT"),
                                          ("TRACE", "/", "GET"), ("DELETE", "/openapi.yaml", "GET")] {
                let (status, body, headers) = try await Self.send(server, method, path)
                #expect(status == 405, "\(method) \(path)")
                #expect(headers["Allow"] == allow, "\(method) \(path)")
                #expect(String(decoding: body, as: UTF8.self).contains("\"error\""), "\(method) \(path)")
            }
            #expect(try await Self.send(server, "GET", "/items").0 == 200)
        }

        @Test("an XML <item> child that is no field is skipped whole, as JSON skips an unknown key")
        func unknownXMLElements() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let hash = String(repeating: "ab", count: 32)
            let xml = "<item><extra><a>1</a><b/></extra><id>x-1</id><revision>1</revision><content_hash>\(hash)</content_hash>"
                + "<note>text</note><note>twice</note><title>标题</title><category>政务公告</category><published>2014-06-18</published></item>"
            let (status, body) = try await server.send("PUT", "/items/x-1", body: Data(xml.utf8), headers: ["Content-Type": "application/xml"])
            #expect(status == 201, "\(String(decoding: body, as: UTF8.self))")
            #expect(try await server.item("x-1")?["title"] as? String == "标题")
            // A field of the API still must hold text.
            let nested = xml.replacingOccurrences(of: "<title>标题</title>", with: "<title><b>标题</b></title>")
            let (refused, message) = try await server.send("PUT", "/items/x-1", body: Data(nested.utf8), headers: ["Content-Type": "application/xml"])
            #expect(refused == 400)
            #expect(String(decoding: message, as: UTF8.self).contains("field 'title' must hold text"))
        }

        @Test("an XML body with a name that is not UTF-8 is 400 and the portal keeps serving (found by Scripts/fuzz)")
        func xmlNotUTF8() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let input = try Data(contentsOf: root.appendingPathComponent("Tests/Fuzz/Corpus/feed-reader/crash-xml-name-not-utf8.xml"))
            for body in [input.dropFirst(), Data("<item><".utf8) + Data([0xEA, 0x1B]) + Data(":x>1</x></item>".utf8)] {
                let (status, message) = try await server.send("PUT", "/items/a-1", body: Data(body), headers: ["Content-Type": "application/xml"])
                #expect(status == 400)
                #expect(String(decoding: message, as: UTF8.self).contains("not UTF-8"))
            }
            let (status, message) = try await server.send("PUT", "/items/a-1", body: Data("<?x?><item><id>a-1</id></item>".utf8),
                                                          headers: ["Content-Type": "application/xml"])
            #expect(status == 400)
            #expect(String(decoding: message, as: UTF8.self).contains("processing instruction"))
            #expect(try await server.send("GET", "/items").0 == 200)
        }

        @Test("XML bodies full of errors are refused without the portal growing (Foundation leaks each error XMLParser reports; found by Scripts/fuzz in the feed reader)")
        func xmlErrorsDoNotAccumulate() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let pid = try #require(server.process?.processIdentifier)
            // 2,000 undefined entities: each one an error libxml2 reports in its recovery mode.
            let body = Data(("<item><id>a-1</id><title>" + (0..<2000).map { "&e\($0);" }.joined() + "</title></item>").utf8)
            func refuse(_ times: Int) async throws {
                for _ in 0..<times {
                    let (status, message) = try await server.send("PUT", "/items/a-1", body: body, headers: ["Content-Type": "application/xml"])
                    #expect(status == 400, "\(String(decoding: message, as: UTF8.self))")
                }
            }
            try await refuse(20)  // warm up
            let before = try Self.residentKB(pid)
            try await refuse(200)
            let grown = try Self.residentKB(pid) - before
            // Reported to the end, the errors leaked ~160 KB per body: 30 MB for these 200.
            #expect(grown < 8 * 1024, "pubsync-portal grew \(grown) KB over 200 refused bodies")
            #expect(try await server.send("GET", "/items").0 == 200)
        }

        /// The resident set size of a process, in KB (Linux /proc).
        static func residentKB(_ pid: Int32) throws -> Int {
            let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
            let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
            return try #require(Int(line.split(separator: " ").dropFirst().first ?? ""))
        }

        static func send(_ server: PortalServer, _ method: String, _ path: String) async throws -> (Int, Data, [String: String]) {
            var request = URLRequest(url: URL(string: server.baseURL + path)!)
            request.httpMethod = method
            request.timeoutInterval = 20
            request.setValue("Bearer \(PortalServer.token)", forHTTPHeaderField: "Authorization")
            let (data, response) = try await URLSession.shared.data(for: request)
            let http = response as! HTTPURLResponse
            var headers: [String: String] = [:]
            for (key, value) in http.allHeaderFields { headers["\(key)".capitalized] = "\(value)" }
            return (http.statusCode, data, headers)
        }
    }
}
