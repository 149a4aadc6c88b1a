import Foundation
import Hummingbird

extension PortalRoutes {
    /// `PUT {base}/files/{sha256}`: the raw bytes, streamed to disk while hashed; 201 new, 200 known,
    /// 422 when the bytes' SHA-256 is not the one in the URL, 413 above `--max-file`.
    func putFile(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let sha256 = context.parameters.get("sha256") ?? ""
        guard PortalAttachment.isValidHash(sha256) else {
            return Self.error(400, "'\(sha256.prefix(80))' is not a SHA-256 (64 lowercase hex digits)")
        }
        let header = request.headers[.contentType] ?? "application/octet-stream"
        let mediaType = String(header.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard PortalAttachment.isValidMediaType(mediaType) else {
            return Self.error(415, "Content-Type '\(header.prefix(80))' is not a media type")
        }
        let upload: PortalFiles.Upload
        do {
            upload = try await store.files.receive(request.body, limit: maxFile)
        } catch PortalFiles.UploadError.tooLarge {
            faults.count("answered_413")
            return Self.error(413, "file \(sha256) is larger than \(maxFile) bytes")
        } catch PortalFiles.UploadError.io(let message) {
            logger.error("upload failed", metadata: ["sha256": "\(sha256)", "error": "\(message)"])
            return Self.error(500, "the portal could not keep the file")
        }
        guard upload.sha256 == sha256 else {
            store.files.discard(upload)
            faults.count("answered_422")
            return Self.error(422, "the bytes' SHA-256 is \(upload.sha256), not \(sha256) as in the URL; nothing was stored")
        }
        let outcome: FileOutcome
        do {
            outcome = try await store.storeFile(upload, mediaType: mediaType)
        } catch {
            store.files.discard(upload)
            throw error
        }
        switch outcome {
        case .stored(let created):
            faults.count(created ? "files_created" : "files_known")
            logger.debug("stored file", metadata: ["sha256": "\(sha256)", "size": "\(upload.size)", "created": "\(created)"])
            return Self.json(created ? 201 : 200, ["sha256": sha256, "size": upload.size, "media_type": mediaType])
        }
    }

    /// `GET {base}/files/{sha256}` (or `HEAD`): the bytes with their media type, streamed; 404 when absent.
    func getFile(_ context: BasicRequestContext, head: Bool) async throws -> Response {
        let sha256 = context.parameters.get("sha256") ?? ""
        guard PortalAttachment.isValidHash(sha256) else {
            return Self.error(400, "'\(sha256.prefix(80))' is not a SHA-256 (64 lowercase hex digits)")
        }
        guard let file = try await store.file(sha256) else { return Self.error(404, "file \(sha256) does not exist") }
        var headers: HTTPFields = [.contentType: file.mediaType, .contentLength: String(file.size)]
        headers[.eTag] = "\"\(sha256)\""
        if head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: store.files.responseBody(sha256, size: file.size))
    }
}
