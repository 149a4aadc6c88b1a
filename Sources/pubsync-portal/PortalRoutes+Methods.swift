import Hummingbird

extension PortalRoutes {
    /// The methods a client may try on a path of the API.
    static let methods: [HTTPRequest.Method] = [.get, .head, .put, .post, .delete, .patch, .options, .trace,
                                                 HTTPRequest.Method("QUERY")!]

    /// Answers 405 with `Allow` (rather than Hummingbird's empty 404) to the methods `path` does
    /// not take, so a client learns the resource exists but not that way (found by schemathesis).
    func refuseOtherMethods(on router: Router<BasicRequestContext>, _ path: String, allowed: [HTTPRequest.Method]) {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        for method in Self.methods where !allowed.contains(method) {
            router.on(RouterPath(path), method: method) { _, _ in
                var response = Self.error(405, "\(method.rawValue) is not a method of this resource (allowed: \(allow))")
                response.headers[.allow] = allow
                return response
            }
        }
    }
}
