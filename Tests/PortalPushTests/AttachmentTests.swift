import Crypto
import Foundation
import PortalPush
import PubsyncCore
import Testing

extension PortalTests {
    @Suite("attachments: files PUT before their item, served by pubsync-portal, deleted when unreferenced")
    struct AttachmentTests {
        /// A small PDF-like file and a bigger binary one (3 MiB: more than one upload chunk).
        static let pdf = Data("%PDF-1.4\n预算 budget\n%%EOF\n".utf8)
        static let big = Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) })

        static func folder() throws -> AttachmentFiles {
            AttachmentFiles(root: try PortalServer.temporaryFolder().appendingPathComponent("store.db.files"))
        }

        static func hex(_ data: Data) -> String {
            var hasher = SHA256()
            hasher.update(data: data)
            return hasher.finalize().map { String(format: "%02x", $0) }.joined()
        }

        @Test("the adapter uploads each file once, the item lists them, GET returns the same bytes (JSON and XML)",
              arguments: ["json", "xml"])
        func published(format: String) async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let files = try Self.folder()
            let pdf = try Fixture.attachment(Self.pdf, name: "2014年部门预算.pdf", mediaType: "application/pdf", in: files)
            let big = try Fixture.attachment(Self.big, name: "表.xlsx",
                                             mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", in: files)
            var first = Fixture.item("budget-1")
            first.attachments = [pdf, big]
            var second = Fixture.item("budget-2")
            second.attachments = [pdf]
            let adapter = try Fixture.adapter(server, ["format": .string(format)])
            let session = try await Fixture.session(adapter, files: files)
            _ = try await session.put(first)
            _ = try await session.put(second)
            try await session.flush()

            let stored = try #require(try await server.item("budget-1"))
            let listed = try #require(stored["attachments"] as? [[String: Any]])
            #expect(listed.map { $0["sha256"] as? String } == [pdf.sha256, big.sha256])
            #expect(listed.first?["name"] as? String == "2014年部门预算.pdf")
            #expect(listed.first?["title"] as? String == "2014年部门预算")
            #expect(listed.last?["size"] as? Int == Self.big.count)
            #expect(listed.first?["media_type"] as? String == "application/pdf")
            let (status, bytes) = try await server.send("GET", "/files/\(big.sha256)")
            #expect(status == 200)
            #expect(Self.hex(bytes) == big.sha256, "the portal serves the very bytes")
            #expect(try await server.send("GET", "/files/\(pdf.sha256)").1 == Self.pdf)
            var stats = try await server.stats()
            #expect(stats["files_created"] == 2, "the shared PDF went up once: \(stats)")

            // A later session asks first (HEAD) and sends no bytes again.
            let again = try await Fixture.session(adapter, files: files)
            var changed = first
            changed.revision = 2
            changed.contentHash = Fixture.contentHash("budget-1-2")
            _ = try await again.put(changed)
            stats = try await server.stats()
            #expect(stats["files_created"] == 2 && stats["files_known"] == nil, "\(stats)")
        }

        @Test("a file is deleted as soon as no item references it: on DELETE and on a PUT that drops it; shared files stay")
        func deletedWhenUnreferenced() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let files = try Self.folder()
            let shared = try Fixture.attachment(Self.pdf, name: "a.pdf", mediaType: "application/pdf", in: files)
            let own = try Fixture.attachment(Data("only mine".utf8), name: "b.txt", mediaType: "text/plain", in: files)
            var a = Fixture.item("a")
            a.attachments = [shared, own]
            var b = Fixture.item("b")
            b.attachments = [shared]
            let session = try await Fixture.session(try Fixture.adapter(server), files: files)
            _ = try await session.put(a)
            _ = try await session.put(b)

            var dropped = a
            dropped.revision = 2
            dropped.contentHash = Fixture.contentHash("a-2")
            dropped.attachments = [shared]
            _ = try await session.put(dropped)
            #expect(try await server.send("GET", "/files/\(own.sha256)").0 == 404, "a PUT that drops the only reference deletes it")
            #expect(try await server.send("GET", "/files/\(shared.sha256)").0 == 200)

            try await session.remove(id: "a", reason: .retracted)
            #expect(try await server.send("GET", "/files/\(shared.sha256)").0 == 200, "b still references it")
            try await session.remove(id: "b", reason: .retracted)
            #expect(try await server.send("GET", "/files/\(shared.sha256)").0 == 404, "the last reference went")
            let left = try FileManager.default.subpathsOfDirectory(atPath: server.folder.appendingPathComponent("portal.db.files").path)
            #expect(left.filter { $0.count > 60 }.isEmpty, "no file is left on the portal's disk: \(left)")
        }

        @Test("a file the portal deleted after the session checked it is uploaded again on the 409 and the put succeeds")
        func reuploadOnConflict() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let files = try Self.folder()
            let shared = try Fixture.attachment(Self.pdf, name: "a.pdf", mediaType: "application/pdf", in: files)
            var a = Fixture.item("a")
            a.attachments = [shared]
            var b = Fixture.item("b")
            b.attachments = [shared]
            let session = try await Fixture.session(try Fixture.adapter(server), files: files)
            _ = try await session.put(a)
            // Behind the session's back, the only item referencing the file goes, and the file with it.
            #expect(try await server.send("DELETE", "/items/a").0 == 204)
            #expect(try await server.send("GET", "/files/\(shared.sha256)").0 == 404)
            _ = try await session.put(b)
            #expect(try await server.send("GET", "/files/\(shared.sha256)").1 == Self.pdf)
            let stats = try await server.stats()
            #expect(stats["puts_missing_files"] == 1 && stats["files_created"] == 2, "\(stats)")
        }

        @Test("pubsync-portal: 422 when the bytes do not match the hash, 413 above --max-file, 401 without the token, 409 naming unknown files")
        func serverChecks() async throws {
            let server = try PortalServer(["--max-file", "2048"])
            defer { server.stop() }
            let hash = Self.hex(Self.pdf)
            let octets = ["Content-Type": "application/pdf"]
            let (mismatch, message) = try await server.send("PUT", "/files/\(String(repeating: "0", count: 64))", body: Self.pdf, headers: octets)
            #expect(mismatch == 422)
            #expect(String(decoding: message, as: UTF8.self).contains(hash))
            #expect(try await server.send("PUT", "/files/\(Self.hex(Data(count: 4096)))", body: Data(count: 4096), headers: octets).0 == 413)
            #expect(try await server.send("PUT", "/files/\(hash)", token: nil, body: Self.pdf, headers: octets).0 == 401)
            #expect(try await server.send("GET", "/files/\(hash)", token: nil).0 == 401)
            #expect(try await server.send("PUT", "/files/NOT-A-HASH", body: Self.pdf, headers: octets).0 == 400)
            #expect(try await server.send("GET", "/files/\(hash)").0 == 404)
            let folder = server.folder.appendingPathComponent("portal.db.files")
            let leftovers = (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? []
            #expect(leftovers.filter { $0.count > 60 || $0.hasPrefix("tmp/") }.isEmpty, "refused uploads leave nothing: \(leftovers)")

            #expect(try await server.send("PUT", "/files/\(hash)", body: Self.pdf, headers: octets).0 == 201)
            #expect(try await server.send("PUT", "/files/\(hash)", body: Self.pdf, headers: octets).0 == 200)
            let (head, _) = try await server.send("HEAD", "/files/\(hash)")
            #expect(head == 200)

            var object = try JSONSerialization.jsonObject(with: ServerTests.body("a")) as! [String: Any]
            let unknown = String(repeating: "c", count: 64)
            object["attachments"] = [["sha256": hash, "name": "a.pdf", "title": "a", "size": Self.pdf.count, "media_type": "application/pdf"],
                                     ["sha256": unknown, "name": "b.pdf", "title": "b", "size": 1, "media_type": "application/pdf"]]
            let (conflict, answer) = try await server.send("PUT", "/items/a", body: try JSONSerialization.data(withJSONObject: object), headers: ServerTests.json)
            #expect(conflict == 409)
            let named = (try JSONSerialization.jsonObject(with: answer) as? [String: Any])?["missing_files"] as? [String]
            #expect(named == [unknown])
            object["attachments"] = [["sha256": hash, "name": "a.pdf", "title": "a", "size": 7, "media_type": "application/pdf"]]
            let (wrongSize, sizeMessage) = try await server.send("PUT", "/items/a", body: try JSONSerialization.data(withJSONObject: object), headers: ServerTests.json)
            #expect(wrongSize == 422)
            #expect(String(decoding: sizeMessage, as: UTF8.self).contains("attachments[0].size"))
            object["attachments"] = [["sha256": hash, "name": "../a.pdf", "size": Self.pdf.count, "media_type": "application/pdf"]]
            #expect(try await server.send("PUT", "/items/a", body: try JSONSerialization.data(withJSONObject: object), headers: ServerTests.json).0 == 422)
            object["attachments"] = [["sha256": hash, "name": "a.pdf", "size": "big", "media_type": "application/pdf"]]
            let (typed, typedMessage) = try await server.send("PUT", "/items/a", body: try JSONSerialization.data(withJSONObject: object), headers: ServerTests.json)
            #expect(typed == 400)
            #expect(String(decoding: typedMessage, as: UTF8.self).contains("attachments[0].size"))
            #expect(try await server.item("a") == nil, "nothing was stored by the refused puts")
        }
    }
}
