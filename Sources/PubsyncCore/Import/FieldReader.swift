import Foundation

/// A parsed field value, independent of the input syntax (YAML node or JSON value).
enum FieldValue {
    case string(String)
    case bool(Bool)
    case number(String)
    case list([FieldValue])
    case mapping([String: FieldValue])
    case null
    case other(String)
}

/// Turns one input record (a front-matter mapping or a JSON object) into an `ImportDraft`,
/// with errors that name the file, the line when known, and the field.
struct FieldReader {
    static let knownFields: Set<String> = [
        "id", "title", "summary", "body", "category", "unit", "index_number", "doc_number",
        "published", "channels", "sensitive", "status", "reviewer", "leader",
        "written", "subject", "genre", "keywords", "effective", "valid_until", "repealed", "repealed_by", "extra",
        "attachments",
    ]

    let fields: [String: FieldValue]
    let lines: [String: Int]
    let source: SourceLocation
    let channelNames: Set<String>
    /// Reads the files `attachments:` names; nil refuses attachments.
    var intake: AttachmentIntake? = nil
    /// The folder attachment paths are relative to (the item file's).
    var folder: String = "."

    func fail(_ field: String?, _ problem: String) -> PubsyncError {
        var location = source
        if let field, let line = lines[field] { location.line = line }
        let subject = field.map { "field '\($0)' " } ?? ""
        return PubsyncError(.input, "\(location): \(subject)\(problem)")
    }

    func text(_ field: String, required: Bool, limit: Int = ImportLimits.maxFieldBytes) throws -> String? {
        guard let value = fields[field] else {
            if required { throw fail(field, "is missing") }
            return nil
        }
        let text: String
        switch value {
        case .string(let string): text = string
        case .number(let digits): text = digits
        case .null:
            if required { throw fail(field, "is missing") }
            return nil
        default: throw fail(field, "must be text")
        }
        if text.utf8.count > limit { throw fail(field, "is larger than the limit of \(limit) bytes") }
        if text.containsNUL { throw fail(field, "contains a NUL character") }
        if required && text.trimmed.isEmpty { throw fail(field, "must not be empty") }
        return text
    }

    func draft(body markdownBody: String?) throws -> ImportDraft {
        if let unknown = fields.keys.filter({ !Self.knownFields.contains($0) }).sorted().first {
            throw fail(unknown, "is not a known field (known: \(Self.knownFields.sorted().joined(separator: ", ")))")
        }
        let id = try text("id", required: true)!
        guard ItemID.isValid(id) else {
            throw fail("id", "'\(Self.printable(id))' is not a valid id: use 1 to 128 characters a-z, 0-9, '.', '_', '-', starting with a letter or digit")
        }
        let title = try text("title", required: true)!.trimmed
        let category = try text("category", required: true)!.trimmed
        let publishedText = try text("published", required: true)!
        guard let published = LocalDate(publishedText.trimmed) else {
            throw fail("published", "'\(Self.printable(publishedText))' is not a date (use YYYY-MM-DD)")
        }
        let body: String
        if let markdownBody {
            if fields["body"] != nil { throw fail("body", "is given both in the front matter and after it") }
            body = markdownBody
        } else {
            body = try text("body", required: false, limit: ImportLimits.maxBodyBytes) ?? ""
        }
        if body.utf8.count > ImportLimits.maxBodyBytes {
            throw fail("body", "is \(body.utf8.count) bytes, larger than the limit of \(ImportLimits.maxBodyBytes) bytes")
        }
        if body.containsNUL { throw fail("body", "contains a NUL character") }
        let channels = try channelList()
        let sensitive = try flag("sensitive") ?? false
        let status = try text("status", required: false)?.trimmed
        let wantsApproval: Bool
        switch status {
        case nil, "draft": wantsApproval = false
        case "approved": wantsApproval = true
        case let other?: throw fail("status", "'\(Self.printable(other))' is not a status an import can set (draft or approved)")
        }
        let reviewer = try text("reviewer", required: false).flatMap(Self.nonEmpty)
        let leader = try text("leader", required: false).flatMap(Self.nonEmpty)
        let taken = try attachments()
        let content = RevisionContent(
            title: title,
            summary: try text("summary", required: false, limit: 64 * 1024)?.trimmed ?? "",
            body: body,
            category: category,
            unit: try text("unit", required: false)?.trimmed ?? "",
            indexNumber: try text("index_number", required: false)?.trimmed ?? "",
            docNumber: try text("doc_number", required: false)?.trimmed ?? "",
            published: published,
            channels: channels,
            sensitive: sensitive,
            metadata: try metadata(),
            attachments: taken.map(\.0)
        )
        if content.metadata.isNormative && content.docNumber.isEmpty {
            throw fail("doc_number", "is missing: a \(content.metadata.genre) needs its 文号")
        }
        return ImportDraft(id: id, content: content, wantsApproval: wantsApproval, reviewer: reviewer, leader: leader, source: source,
                           attachmentFindings: taken.flatMap(\.1))
    }

    private func metadata() throws -> DisclosureMetadata {
        let metadata = DisclosureMetadata(
            written: try date("written"),
            subject: try text("subject", required: false)?.trimmed ?? "",
            genre: try text("genre", required: false)?.trimmed ?? "",
            keywords: try keywords(),
            effective: try date("effective"),
            validUntil: try date("valid_until"),
            repealed: try date("repealed"),
            repealedBy: try text("repealed_by", required: false)?.trimmed ?? "",
            extra: try extra()
        )
        if let effective = metadata.effective, let validUntil = metadata.validUntil, validUntil < effective {
            throw fail("valid_until", "'\(validUntil)' is before 'effective' \(effective)")
        }
        return metadata
    }

    private func date(_ field: String) throws -> LocalDate? {
        guard let value = try text(field, required: false)?.trimmed, !value.isEmpty else { return nil }
        guard let date = LocalDate(value) else { throw fail(field, "'\(Self.printable(value))' is not a date (use YYYY-MM-DD)") }
        return date
    }

    private func keywords() throws -> [String] {
        guard let value = fields["keywords"] else { return [] }
        let words: [String]
        switch value {
        case .null: return []
        case .string(let text): words = text.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" || $0 == " " || $0 == "\u{3000}" }).map(String.init)
        case .list(let elements):
            words = try elements.map { element in
                switch element {
                case .string(let word): return word
                case .number(let digits): return digits
                default: throw fail("keywords", "must be a list of words")
                }
            }
        default: throw fail("keywords", "must be a list of words")
        }
        let cleaned = words.map(\.trimmed).filter { !$0.isEmpty }
        if cleaned.joined().utf8.count > ImportLimits.maxFieldBytes || cleaned.contains(where: \.containsNUL) {
            throw fail("keywords", "must be at most \(ImportLimits.maxFieldBytes) bytes of text")
        }
        return cleaned
    }

    /// `extra`: a mapping of names (letters, digits, `_`, so templates can say `extra.KEY`) to text.
    private func extra() throws -> [String: String] {
        guard let value = fields["extra"] else { return [:] }
        guard case .mapping(let entries) = value else {
            if case .null = value { return [:] }
            throw fail("extra", "must be a mapping of names to text (extra: {key: value})")
        }
        var result: [String: String] = [:]
        var bytes = 0
        for (key, entry) in entries {
            guard !key.isEmpty, key.utf8.count <= 64, key.utf8.allSatisfy({ $0 == 0x5F || ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }) else {
                throw fail("extra", "has the key '\(Self.printable(key))': use 1 to 64 letters, digits or '_'")
            }
            let text: String
            switch entry {
            case .string(let string): text = string
            case .number(let digits): text = digits
            case .bool(let flag): text = flag ? "true" : "false"
            case .null: text = ""
            default: throw fail("extra", "'\(key)' must be text")
            }
            if text.containsNUL { throw fail("extra", "'\(key)' contains a NUL character") }
            bytes += key.utf8.count + text.utf8.count
            result[key] = text.trimmed
        }
        if bytes > ImportLimits.maxFieldBytes * 4 { throw fail("extra", "is larger than the limit of \(ImportLimits.maxFieldBytes * 4) bytes") }
        return result
    }

    private func channelList() throws -> [String]? {
        guard let value = fields["channels"] else { return nil }
        let names: [String]
        switch value {
        case .null: return nil
        case .list(let elements):
            names = try elements.map { element in
                guard case .string(let name) = element else { throw fail("channels", "must be a list of channel names") }
                return name
            }
        case .string(let name): names = [name]
        default: throw fail("channels", "must be a list of channel names")
        }
        for name in names where !channelNames.contains(name) {
            let known = channelNames.sorted().joined(separator: ", ")
            throw fail("channels", "names the unknown channel '\(Self.printable(name))' (configured: \(known.isEmpty ? "none" : known))")
        }
        return Array(Set(names)).sorted()
    }

    /// The `attachments:` list: bare paths or `{file, title}` mappings, each file read and stored.
    private func attachments() throws -> [(Attachment, [AuditFinding])] {
        guard let value = fields["attachments"] else { return [] }
        let elements: [FieldValue]
        switch value {
        case .null: return []
        case .list(let list): elements = list
        case .string, .mapping: elements = [value]
        default: throw fail("attachments", "must be a list of file paths or {file, title} entries")
        }
        if elements.count > AttachmentIntake.maxPerItem {
            throw fail("attachments", "lists \(elements.count) files, more than the limit of \(AttachmentIntake.maxPerItem)")
        }
        var references: [AttachmentReference] = []
        for (index, element) in elements.enumerated() {
            let label = "entry \(index + 1)"
            switch element {
            case .string(let path): references.append(AttachmentReference(file: path))
            case .mapping(let entry):
                if let unknown = entry.keys.filter({ $0 != "file" && $0 != "title" }).sorted().first {
                    throw fail("attachments", "\(label): '\(Self.printable(unknown))' is not a known key (known: file, title)")
                }
                guard case .string(let path)? = entry["file"] else { throw fail("attachments", "\(label): 'file' is missing or not text") }
                var title: String?
                switch entry["title"] {
                case nil, .null?: title = nil
                case .string(let text)?: title = text.trimmed.nilIfEmpty
                default: throw fail("attachments", "\(label): 'title' must be text")
                }
                references.append(AttachmentReference(file: path, title: title))
            default: throw fail("attachments", "\(label): must be a file path or a {file, title} entry")
            }
        }
        for (index, reference) in references.enumerated() {
            let label = "entry \(index + 1)"
            if reference.file.trimmed.isEmpty { throw fail("attachments", "\(label): the file path is empty") }
            if reference.file.utf8.count > ImportLimits.maxFieldBytes || (reference.title?.utf8.count ?? 0) > ImportLimits.maxFieldBytes {
                throw fail("attachments", "\(label): is larger than the limit of \(ImportLimits.maxFieldBytes) bytes")
            }
            if reference.file.containsNUL || (reference.title?.containsNUL ?? false) { throw fail("attachments", "\(label): contains a NUL character") }
        }
        guard !references.isEmpty else { return [] }
        guard let intake else { throw fail("attachments", "cannot be read here: this import has no attachment folder") }
        return try references.map { reference in
            try intake.take(reference, folder: folder) { problem in fail("attachments", problem) }
        }
    }

    private func flag(_ field: String) throws -> Bool? {
        guard let value = fields[field] else { return nil }
        switch value {
        case .bool(let flag): return flag
        case .null: return nil
        case .string(let text) where ["true", "false"].contains(text.lowercased()): return text.lowercased() == "true"
        default: throw fail(field, "must be true or false")
        }
    }

    private static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Shows a value in a message without control characters and at a bounded length.
    static func printable(_ text: String) -> String {
        Redacted.excerpt(text)
    }
}

extension String {
    /// Without leading and trailing white space (ASCII, and the ideographic space U+3000).
    /// Foundation's trimming bridges through NSString on Linux and is slow on the import path.
    var trimmed: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        if !Self.isSpaceByte(first) && !Self.isSpaceByte(last) && !hasPrefix("\u{3000}") && !hasSuffix("\u{3000}") { return self }
        var scalars = Substring(self).unicodeScalars
        while let head = scalars.first, Self.isSpace(head) { scalars.removeFirst() }
        while let tail = scalars.last, Self.isSpace(tail) { scalars.removeLast() }
        return String(scalars)
    }

    /// Whether the text holds a NUL character.
    var containsNUL: Bool {
        var copy = self
        return copy.withUTF8 { buffer in buffer.withUnsafeBytes { bytes in bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false } }
    }

    private static func isSpaceByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || byte == 0xE3
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0B}" || scalar == "\u{0C}" || scalar == "\u{3000}"
    }
}
