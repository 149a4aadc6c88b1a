import Foundation
import PubsyncCore

/// Finds the links inside the site's output folder that lead to no file: every `href` and
/// `src` of every HTML page, resolved against the page's folder (a folder link means its
/// `index.html`). Links that leave the site (a scheme, `//host`) and fragments are skipped.
struct SiteLinkChecker {
    /// One link that resolves to no file.
    struct BrokenLink: Hashable {
        /// The page holding the link, relative to the output folder.
        var page: String
        /// The link as written (entities decoded).
        var href: String
    }

    let root: URL

    /// Every broken link, by page then link. Hidden files (the adapter's bookkeeping) are skipped.
    func brokenLinks() throws -> [BrokenLink] {
        let (files, folders) = try inventory()
        var broken: [BrokenLink] = []
        for page in files.sorted() where page.hasSuffix(".html") {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(page).path) else { continue }
            var seen = Set<String>()
            for link in Self.links(in: Array(data)) where seen.insert(link).inserted {
                guard let target = Self.resolve(link, from: page) else {
                    if !Self.leavesSite(link) { broken.append(BrokenLink(page: page, href: link)) }
                    continue
                }
                if target.isEmpty || files.contains(target) { continue }
                if folders.contains(target.hasSuffix("/") ? String(target.dropLast()) : target) {
                    let index = (target.hasSuffix("/") ? target : target + "/") + "index.html"
                    if files.contains(index) { continue }
                } else if target.hasSuffix("/"), files.contains(target + "index.html") {
                    continue
                }
                broken.append(BrokenLink(page: page, href: link))
            }
        }
        return broken
    }

    /// Relative paths of every file and folder under the root (hidden names skipped).
    private func inventory() throws -> (files: Set<String>, folders: Set<String>) {
        var files = Set<String>(), folders = Set<String>()
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey],
                                                          options: [.skipsHiddenFiles]) else { return ([], []) }
        let prefix = root.standardizedFileURL.path.count + 1
        for case let url as URL in walker {
            let path = String(url.standardizedFileURL.path.dropFirst(prefix))
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true { folders.insert(path) } else { files.insert(path) }
        }
        return (files, folders)
    }

    /// Whether a link points outside the site (and so is not checked).
    static func leavesSite(_ link: String) -> Bool {
        if link.hasPrefix("//") { return true }
        guard let colon = link.firstIndex(of: ":") else { return false }
        let scheme = link[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    /// The output-relative path a link from `page` leads to ("" for a link to the page itself),
    /// or nil when it leaves the site or climbs out of the folder.
    static func resolve(_ link: String, from page: String) -> String? {
        if leavesSite(link) { return nil }
        var path = link
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
        if path.isEmpty { return "" }
        path = path.removingPercentEncoding ?? path
        var parts: [Substring] = path.hasPrefix("/") ? [] : page.split(separator: "/").dropLast()
        let trailingSlash = path.hasSuffix("/")
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return trailingSlash && !joined.isEmpty ? joined + "/" : (joined.isEmpty ? "/" : joined)
    }

    /// The values of `href` and `src` attributes in an HTML page, entities decoded.
    static func links(in bytes: [UInt8]) -> [String] {
        var links: [String] = []
        var index = 0
        let count = bytes.count
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 || b == 12 }
        func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
        func matches(_ name: [UInt8], at i: Int) -> Bool {
            guard i + name.count < count else { return false }
            for (k, b) in name.enumerated() where lower(bytes[i + k]) != b { return false }
            return true
        }
        let href = Array("href".utf8), src = Array("src".utf8)
        while index < count {
            defer { index += 1 }
            guard isSpace(bytes[index]) else { continue }
            var start = index + 1
            if matches(href, at: start) { start += href.count } else if matches(src, at: start) { start += src.count } else { continue }
            while start < count, isSpace(bytes[start]) { start += 1 }
            guard start < count, bytes[start] == UInt8(ascii: "=") else { continue }
            start += 1
            while start < count, isSpace(bytes[start]) { start += 1 }
            guard start < count else { break }
            let quote = bytes[start]
            var end: Int
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                start += 1
                end = start
                while end < count, bytes[end] != quote { end += 1 }
            } else {
                end = start
                while end < count, !isSpace(bytes[end]), bytes[end] != UInt8(ascii: ">") { end += 1 }
            }
            links.append(Markup.unescape(String(decoding: bytes[start..<min(end, count)], as: UTF8.self)))
            index = end
        }
        return links
    }
}
