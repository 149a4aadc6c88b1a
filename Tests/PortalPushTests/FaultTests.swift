import Foundation
import PortalPush
import PubsyncCore
import Testing

extension PortalTests {
    @Suite("the adapter keeps every item accounted for when the portal fails, throttles and lags")
    struct FaultTests {
        /// Puts `items` with `concurrency` workers; returns each id's error, if any.
        static func putAll(_ session: any ChannelSession, _ items: [PublishedItem], concurrency: Int) async -> [String: any Error] {
            await withTaskGroup(of: [String: any Error].self) { group in
                for lane in 0..<concurrency {
                    group.addTask {
                        var errors: [String: any Error] = [:]
                        for item in items.enumerated().filter({ $0.offset % concurrency == lane }).map(\.element) {
                            do { _ = try await session.put(item) } catch { errors[item.id] = error }
                        }
                        return errors
                    }
                }
                var all: [String: any Error] = [:]
                for await errors in group { all.merge(errors) { $1 } }
                return all
            }
        }

        @Test("503 on every 3rd request: all items arrive exactly once")
        func failEvery() async throws {
            let server = try PortalServer(["--fail-every", "3"])
            defer { server.stop() }
            let adapter = try Fixture.adapter(server, ["max_attempts": .integer(5)])
            let items = (1...12).map { Fixture.item("f-\($0)") }
            let errors = await Self.putAll(try await Fixture.session(adapter), items, concurrency: 4)
            #expect(errors.isEmpty, "\(errors)")
            for item in items {
                #expect(try await server.item(item.id)?["writes"] as? Int == 1, "\(item.id) stored once")
            }
            let stats = try await server.stats()
            // The item GETs above pass the fault switch too, so count stored PUTs, not requests.
            #expect(stats["puts_created"] == 12)
            #expect((stats["answered_503"] ?? 0) >= 4)
            #expect(stats["puts_replaced"] == nil)
            #expect(try await adapter.inventory().count == 12)
        }

        @Test("429 with Retry-After in seconds: waits honoured, no retry storm", arguments: [false, true])
        func throttled(dateForm: Bool) async throws {
            let server = try PortalServer(["--throttle", "3"] + (dateForm ? ["--retry-after-date"] : []))
            defer { server.stop() }
            let sleeps = SleepRecorder()
            let adapter = try Fixture.adapter(server, ["concurrency": .integer(3)], sleeps: sleeps)
            let items = (1...9).map { Fixture.item("t-\($0)") }
            let started = Date()
            let errors = await Self.putAll(try await Fixture.session(adapter), items, concurrency: 3)
            let elapsed = Date().timeIntervalSince(started)
            #expect(errors.isEmpty, "\(errors)")
            let stats = try await server.stats()
            let throttled = stats["answered_429"] ?? 0
            #expect(stats["puts_created"] == 9)
            #expect(throttled >= 1, "3 workers against 3 requests/s must hit the limit")
            // Each 429 costs its worker a wait until the next second, so at most ~3 per second arrive.
            #expect((stats["requests_put"] ?? 0) <= 9 + 3 * (Int(elapsed) + 2), "requests \(stats), elapsed \(elapsed)")
            #expect(elapsed >= 1.0, "9 items at 3 per second span three one-second windows")
            let waits = sleeps.recorded
            #expect(waits.count == throttled, "one wait per 429, no other retries")
            if !dateForm {
                #expect(waits.allSatisfy { $0 >= 1 }, "Retry-After: 1 means at least a second: \(waits)")
            } else {
                #expect(waits.allSatisfy { $0 >= 0 && $0 <= 1.1 }, "an HTTP date at the next second: \(waits)")
            }
        }

        @Test("401 stops the session: .credentialsRefused, nothing more is sent, token never shown")
        func credentialsRefused() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let logs = LogRecorder()
            let wrongToken = "wrong-\(PortalServer.token)"
            let adapter = try Fixture.adapter(server, environment: [PortalServer.tokenVariable: wrongToken], logs: logs)
            let session = try await Fixture.session(adapter, logs: logs)
            var messages: [String] = []
            do {
                _ = try await session.put(Fixture.item("a"))
                Issue.record("a refused token must throw")
            } catch let error as PubsyncError {
                #expect(error.code == .credentialsRefused)
                #expect(error.message.contains("refused the credentials (HTTP 401)"))
                #expect(error.message.contains(PortalServer.tokenVariable))
                messages.append(error.description)
            }
            let before = try await server.stats()["requests"] ?? 0
            for id in ["b", "c"] {
                await #expect(throws: PubsyncError.self) { _ = try await session.put(Fixture.item(id)) }
            }
            await #expect(throws: PubsyncError.self) { try await session.remove(id: "a", reason: .retracted) }
            #expect(try await server.stats()["requests"] ?? 0 == before, "no request after the refusal")
            do { _ = try await adapter.inventory() } catch let error as PubsyncError {
                #expect(error.code == .inventory)
                messages.append(error.description)
            }
            for text in messages + [logs.text, server.output] {
                #expect(!text.contains(wrongToken))
                #expect(!text.contains(PortalServer.token))
            }
        }

        @Test("422 on one item: that item is .rejected with the portal's message, the others arrive")
        func rejectedItem() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let adapter = try Fixture.adapter(server)
            var items = (1...4).map { Fixture.item("r-\($0)") }
            items[2] = Fixture.item("r-3", title: "   ")
            let errors = await Self.putAll(try await Fixture.session(adapter), items, concurrency: 2)
            #expect(errors.count == 1)
            let error = try #require(errors["r-3"] as? PubsyncError)
            #expect(error.code == .rejected)
            #expect(error.item == "r-3")
            #expect(error.message.contains("HTTP 422"))
            #expect(error.message.contains("field 'title' must not be empty"))
            #expect(!error.isRetryable)
            #expect(try await adapter.inventory().map(\.id) == ["r-1", "r-2", "r-4"])
            #expect(try await server.stats()["requests_put"] == 4, "a rejection is not retried")
        }

        @Test("latency above timeout_s: retried up to max_attempts, then a retryable .channel error")
        func timeout() async throws {
            let server = try PortalServer(["--latency-ms", "2500"])
            defer { server.stop() }
            // Every attempt has a deadline of timeout_s (fractions honoured).
            let adapter = try Fixture.adapter(server, ["timeout_s": .double(0.4), "max_attempts": .integer(2)])
            let started = Date()
            do {
                _ = try await Fixture.session(adapter).put(Fixture.item("slow"))
                Issue.record("a 2.5 s answer must time out at 0.4 s")
            } catch let error as PubsyncError {
                #expect(error.code == .channel)
                #expect(error.isRetryable)
                #expect(error.item == "slow")
                #expect(error.message.contains("after 2 attempt(s)"), "\(error.message)")
                #expect(error.message.contains("timed out"), "\(error.message)")
            }
            let elapsed = Date().timeIntervalSince(started)
            #expect(elapsed >= 0.75 && elapsed < 4, "two attempts of about 0.4 s each, not \(elapsed)")
            let stats = try await server.stats()
            #expect(stats["requests_put"] == 2, "\(stats)")
        }

        @Test("a portal that is down: connection errors are retried, then a .channel error (fast, not a time-out each)")
        func portalDown() async throws {
            let server = try PortalServer()
            let adapter = try Fixture.adapter(server, ["max_attempts": .integer(3)])
            server.stop()
            let started = Date()
            defer { #expect(Date().timeIntervalSince(started) < 8, "a refused connection fails at once") }
            do {
                _ = try await Fixture.session(adapter).put(Fixture.item("down"))
                Issue.record("no portal, no put")
            } catch let error as PubsyncError {
                #expect(error.code == .channel)
                #expect(error.message.contains("after 3 attempt(s)"), "\(error.message)")
                #expect(error.message.contains("could not connect"), "\(error.message)")
            }
            do {
                _ = try await adapter.inventory()
                Issue.record("a failed listing must throw, never return empty")
            } catch let error as PubsyncError {
                #expect(error.code == .inventory)
            }
        }
    }
}
