import Foundation
import Hummingbird

/// The Portal Push API as an OpenAPI 3.1 document (`openapi.yaml`, this executable's resource),
/// served without a token at `GET /openapi.yaml`.
enum PortalOpenAPI {
    /// The resource folder SwiftPM installs beside the executable.
    static let resourceFolder = "pubsync_pubsync-portal.resources"

    /// The document's bytes, read once; nil when the resource folder was not installed with the
    /// binary. Looked up by hand rather than through `Bundle.module`, which stops the process
    /// when the folder is missing: a portal copied without it still serves everything else.
    static let document: Data? = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let folders = [executable.deletingLastPathComponent(), Bundle.main.bundleURL, Bundle.main.resourceURL]
        for folder in folders.compactMap({ $0 }) {
            let file = folder.appendingPathComponent(resourceFolder).appendingPathComponent("openapi.yaml")
            if let data = FileManager.default.contents(atPath: file.path) { return data }
        }
        return nil
    }()

    /// `GET /openapi.yaml`.
    static func response() -> Response {
        guard let document else {
            return PortalRoutes.error(404, "the OpenAPI document was not installed with this binary (\(resourceFolder)/openapi.yaml)")
        }
        return Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: document)))
    }
}
