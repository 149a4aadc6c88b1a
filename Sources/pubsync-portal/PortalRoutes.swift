import Foundation
import Hummingbird
import Logging

/// The Portal Push API's routes: `{base}/items…` behind the fault switches and bearer auth,
/// `{base}/_stats` (request counters, for tests), the HTML list at `/` and the API's OpenAPI
/// document at `/openapi.yaml`.
struct PortalRoutes: Sendable {
    let store: PortalStore
    let token: String
    let faults: FaultInjector
    let basePath: String
    let maxBody: Int
    /// The largest attachment file accepted, in bytes.
    let maxFile: Int
    let logger: Logger

    /// Builds the router.
    func buildRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/") { request, _ in try await self.home(request) }
        router.get("openapi.yaml") { _, _ in PortalOpenAPI.response() }

        let trimmed = basePath.split(separator: "/").joined(separator: "/")
        let api = router.group(RouterPath(trimmed))
        let auth = BearerAuthMiddleware(expected: "Bearer " + token)
        // Counters are read outside the fault switches so tests can always see them.
        api.group("_stats").add(middleware: auth).get { _, _ in
            Self.json(200, self.faults.snapshot())
        }
        let items = api.group("items").add(middleware: FaultMiddleware(faults: faults)).add(middleware: auth)
        items.get { request, _ in try await self.list(request) }
        items.get(":id") { _, context in try await self.show(context) }
        items.put(":id") { request, context in try await self.put(request, context) }
        items.delete(":id") { _, context in try await self.delete(context) }
        let files = api.group("files").add(middleware: FaultMiddleware(faults: faults)).add(middleware: auth)
        files.put(":sha256") { request, context in try await self.putFile(request, context) }
        files.get(":sha256") { _, context in try await self.getFile(context, head: false) }
        files.head(":sha256") { _, context in try await self.getFile(context, head: true) }
        let prefix = trimmed.isEmpty ? "" : "/" + trimmed
        refuseOtherMethods(on: router, "/", allowed: [.get])
        refuseOtherMethods(on: router, "/openapi.yaml", allowed: [.get])
        refuseOtherMethods(on: router, prefix + "/items", allowed: [.get])
        refuseOtherMethods(on: router, prefix + "/items/:id", allowed: [.get, .put, .delete])
        refuseOtherMethods(on: router, prefix + "/files/:sha256", allowed: [.get, .head, .put])
        return router
    }

    private func home(_ request: Request) async throws -> Response {
        var page = 1
        if let text = request.uri.queryParameters.get("page") {
            guard let number = Int(text), number >= 1, number <= 1_000_000 else {
                return Self.error(400, "query 'page' must be a page number from 1")
            }
            page = number
        }
        let size = PortalHome.pageSize
        let (items, total) = try await store.listing(limit: size, offset: (page - 1) * size)
        let html = PortalHome.page(items: items, total: total, page: page)
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    private func list(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let after = query.get("after")
        var limit = 100
        if let text = query.get("limit") {
            guard let number = Int(text), (1...1000).contains(number) else {
                return Self.error(400, "query 'limit' must be an integer between 1 and 1000")
            }
            limit = number
        }
        // Ask for one more than the page to know whether a next page exists.
        let rows = try await store.page(after: after, limit: limit + 1)
        let page = rows.prefix(limit)
        let next: Any = rows.count > limit ? (page.last?.id ?? NSNull()) : NSNull()
        let body: [String: Any] = [
            "items": page.map { ["id": $0.id, "revision": $0.revision, "content_hash": $0.contentHash] as [String: Any] },
            "next": next,
        ]
        return Self.json(200, body)
    }

    private func show(_ context: BasicRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard PortalItemID.isValid(id) else { return Self.error(400, "item id '\(id.prefix(140))' is not a valid id") }
        guard let item = try await store.item(id: id) else { return Self.error(404, "item '\(id)' does not exist") }
        return Self.json(200, item)
    }

    private func put(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard PortalItemID.isValid(id) else { return Self.error(400, "item id '\(id.prefix(140))' is not a valid id") }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBody)
        } catch {
            return Self.error(413, "the body is larger than \(maxBody) bytes")
        }
        let data = Data(buffer: body)
        let contentType = (request.headers[.contentType] ?? "application/json").lowercased()
        let format: String
        let incoming: IncomingItem
        do {
            if contentType.hasPrefix("application/json") {
                format = "json"
                incoming = try IncomingItem.fromJSON(data)
            } else if contentType.hasPrefix("application/xml") || contentType.hasPrefix("text/xml") {
                format = "xml"
                incoming = try IncomingItem.fromXML(data)
            } else {
                return Self.error(415, "Content-Type must be application/json or application/xml")
            }
            let item = try incoming.validated(pathID: id)
            let key = request.headers.first { $0.name.canonicalName == "idempotency-key" }?.value
            if let key, key.isEmpty || key.utf8.count > 400 {
                return Self.error(400, "header 'Idempotency-Key' must be 1 to 400 characters")
            }
            switch try await store.put(item, format: format, key: key) {
            case .stored(let status, let response):
                faults.count(status == 201 ? "puts_created" : "puts_replaced")
                logger.debug("stored item", metadata: ["id": "\(id)", "revision": "\(item.revision)", "status": "\(status)"])
                return Self.raw(status, response)
            case .replayed(let status, let response):
                faults.count("puts_replayed")
                return Self.raw(status, response)
            case .keyConflict:
                faults.count("puts_key_conflict")
                return Self.error(422, "header 'Idempotency-Key' was already used with a different body")
            case .missingFiles(let missing):
                faults.count("puts_missing_files")
                return Self.json(409, ["error": "item '\(id)' names \(missing.count) file(s) the portal does not hold; PUT them to files/{sha256} first",
                                       "missing_files": missing])
            }
        } catch let problem as PortalRequestError {
            faults.count("answered_\(problem.status)")
            return Self.error(problem.status, "item '\(id)': \(problem.message)")
        }
    }

    private func delete(_ context: BasicRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard PortalItemID.isValid(id) else { return Self.error(400, "item id '\(id.prefix(140))' is not a valid id") }
        if try await store.delete(id: id) {
            faults.count("deletes")
            return Response(status: .noContent)
        }
        return Self.error(404, "item '\(id)' does not exist")
    }

    static func json(_ status: Int, _ object: Any) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return raw(status, data)
    }

    static func raw(_ status: Int, _ data: Data) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `{"error": message}` with `status`.
    static func error(_ status: Int, _ message: String) -> Response {
        json(status, ["error": message])
    }
}

/// Checks `Authorization: Bearer TOKEN` in constant time; 401 otherwise (the token is never logged).
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let expected: [UInt8]

    init(expected: String) { self.expected = Array(expected.utf8) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            return PortalRoutes.error(401, "missing bearer token")
        }
        guard Self.constantTimeEqual(Array(header.utf8), expected) else {
            return PortalRoutes.error(401, "the bearer token is not accepted")
        }
        return try await next(request, context)
    }

    /// Compares without an early exit, so the time taken does not reveal a matching prefix.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: lhs.count ^ rhs.count)
        for index in 0..<max(lhs.count, rhs.count) {
            let a = index < lhs.count ? lhs[index] : 0
            let b = index < rhs.count ? rhs[index] : 0
            difference |= a ^ b
        }
        return difference == 0 && lhs.count == rhs.count
    }
}

/// Applies `--fail-every`, `--throttle` and `--latency-ms` to API requests.
struct FaultMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let faults: FaultInjector

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        switch faults.decide(method: request.method.rawValue) {
        case .fail:
            return PortalRoutes.error(503, "the portal is temporarily unavailable (--fail-every)")
        case .throttle(let retryAfter):
            var response = PortalRoutes.error(429, "too many requests (--throttle)")
            response.headers[.retryAfter] = retryAfter
            return response
        case .proceed:
            if let latency = faults.latencyMs, latency > 0 {
                try await Task.sleep(nanoseconds: UInt64(latency) * 1_000_000)
            }
            return try await next(request, context)
        }
    }
}
