import Foundation
import PortalPush
import PubsyncCore
import Testing

extension PortalTests {
    @Suite("the portal payload and pubsync-portal carry the disclosure metadata")
    struct MetadataTests {
        static func normative(_ id: String) -> PublishedItem {
            var item = Fixture.item(id)
            item.metadata = DisclosureMetadata(written: LocalDate("2014-06-10"), subject: "交通运输\\行政执法", genre: "行政规范性文件",
                                               keywords: ["行政执法", "裁量"], effective: LocalDate("2014-07-01"),
                                               validUntil: LocalDate("2019-06-30"), repealed: LocalDate("2014-12-09"),
                                               repealedBy: "zbjt-2014-0114")
            item.validity = .repealed
            return item
        }

        @Test("JSON and XML puts store every metadata field; GET returns them and the HTML list shows 有效性", arguments: ["json", "xml"])
        func stored(format: String) async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let adapter = try Fixture.adapter(server, ["format": .string(format)])
            let session = try await Fixture.session(adapter)
            _ = try await session.put(Self.normative("rule-1"))
            try await session.flush()
            let stored = try #require(try await server.item("rule-1"))
            #expect(stored["written"] as? String == "2014-06-10")
            #expect(stored["subject"] as? String == "交通运输\\行政执法")
            #expect(stored["genre"] as? String == "行政规范性文件")
            #expect(stored["keywords"] as? [String] == ["行政执法", "裁量"])
            #expect(stored["effective"] as? String == "2014-07-01")
            #expect(stored["valid_until"] as? String == "2019-06-30")
            #expect(stored["repealed"] as? String == "2014-12-09")
            #expect(stored["repealed_by"] as? String == "zbjt-2014-0114")
            #expect(stored["validity"] as? String == "废止")
            let (status, page) = try await server.send("GET", "/", token: nil)
            #expect(status == 200)
            #expect(String(decoding: page, as: UTF8.self).contains("<td class=\"validity lapsed\">废止</td>"))
        }

        @Test("a bad metadata date or validity is refused with 422 naming the field")
        func refused() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            var object = try JSONSerialization.jsonObject(with: ServerTests.body("a")) as! [String: Any]
            object["valid_until"] = "2019-02-30"
            let (status, body) = try await server.send("PUT", "/items/a", body: try JSONSerialization.data(withJSONObject: object), headers: ServerTests.json)
            #expect(status == 422)
            #expect(String(decoding: body, as: UTF8.self).contains("valid_until"))
            object["valid_until"] = ""
            object["validity"] = "作废"
            #expect(try await server.send("PUT", "/items/a", body: try JSONSerialization.data(withJSONObject: object), headers: ServerTests.json).0 == 422)
        }
    }
}
