import Foundation
import PubsyncCore

/// `sitemap.xml`: one `urlset` of up to 50,000 URLs, or a sitemap index over
/// `sitemap-1.xml`, `sitemap-2.xml`, … when there are more.
struct Sitemap {
    /// The most URLs one sitemap file may hold (sitemaps.org).
    static let maxURLs = 50_000

    /// One URL with its last modification time.
    struct URLEntry {
        var path: String
        var lastModified: Date?
    }

    var baseURL: String
    var timeZone: TimeZone
    var maxURLs = Sitemap.maxURLs

    /// The paths `files` makes for `urlCount` URLs, index first.
    func paths(urlCount: Int) -> [String] {
        guard urlCount > maxURLs else { return [SitePaths.sitemap] }
        return [SitePaths.sitemap] + (1...((urlCount + maxURLs - 1) / maxURLs)).map(SitePaths.sitemapPart)
    }

    /// The sitemap files: path → bytes.
    func files(_ urls: [URLEntry]) -> [(path: String, bytes: [UInt8])] {
        let dates = DateCache(timeZone: timeZone)
        guard urls.count > maxURLs else { return [(SitePaths.sitemap, urlset(urls[...], dates))] }
        var files: [(path: String, bytes: [UInt8])] = []
        var index = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (number, start) in stride(from: 0, to: urls.count, by: maxURLs).enumerated() {
            let part = urls[start..<min(urls.count, start + maxURLs)]
            let path = SitePaths.sitemapPart(number + 1)
            files.append((path, urlset(part, dates)))
            index += "<sitemap><loc>" + Markup.escape(baseURL + path) + "</loc>"
            if let newest = part.compactMap(\.lastModified).max() {
                index += "<lastmod>" + dates.format(newest) + "</lastmod>"
            }
            index += "</sitemap>\n"
        }
        index += "</sitemapindex>\n"
        files.insert((SitePaths.sitemap, Array(index.utf8)), at: 0)
        return files
    }

    private func urlset(_ urls: ArraySlice<URLEntry>, _ dates: DateCache) -> [UInt8] {
        var out = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n".utf8)
        out.reserveCapacity(urls.count * 110)
        let base = Array(Markup.escape(baseURL).utf8)
        for url in urls {
            out.append(contentsOf: "<url><loc>".utf8)
            out.append(contentsOf: base)
            out.append(contentsOf: Markup.escape(SitePaths.publicURL(url.path, base: "")).utf8)
            out.append(contentsOf: "</loc>".utf8)
            if let date = url.lastModified {
                out.append(contentsOf: "<lastmod>".utf8)
                dates.append(date, to: &out)
                out.append(contentsOf: "</lastmod>".utf8)
            }
            out.append(contentsOf: "</url>\n".utf8)
        }
        out.append(contentsOf: "</urlset>\n".utf8)
        return out
    }
}

/// Formats dates, asking the time zone for its offset once per hour of time (the lookup
/// goes through ICU and would otherwise dominate).
final class DateCache {
    let timeZone: TimeZone
    private var offsets: [Int: Int] = [:]

    init(timeZone: TimeZone) { self.timeZone = timeZone }

    func format(_ date: Date) -> String {
        W3CDate.format(date, offset: offset(at: date))
    }

    /// Appends `format(date)`'s bytes.
    func append(_ date: Date, to out: inout [UInt8]) {
        W3CDate.append(date, offset: offset(at: date), to: &out)
    }

    private func offset(at date: Date) -> Int {
        let hour = Int((date.timeIntervalSince1970 / 3600).rounded(.down))
        if let known = offsets[hour] { return known }
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(hour) * 3600))
        offsets[hour] = offset
        return offset
    }
}

/// W3C datetime (`2014-06-18T09:30:00+08:00`), computed by hand: a formatter per call would
/// dominate the time of a 50,000-URL sitemap.
enum W3CDate {
    static func format(_ date: Date, in timeZone: TimeZone) -> String {
        format(date, offset: timeZone.secondsFromGMT(for: date))
    }

    static func format(_ date: Date, offset: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(25)
        append(date, offset: offset, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `format(date, offset:)`'s bytes.
    static func append(_ date: Date, offset: Int, to out: inout [UInt8]) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        let (y, m, d) = civil(fromDays: days)
        func two(_ n: Int) { out.append(UInt8(48 + n / 10)); out.append(UInt8(48 + n % 10)) }
        if (0...9999).contains(y) {
            two(y / 100)
            two(y % 100)
        } else {
            out.append(contentsOf: String(y).utf8)
        }
        out.append(45); two(m); out.append(45); two(d)
        out.append(84); two(secondOfDay / 3600); out.append(58); two(secondOfDay / 60 % 60); out.append(58); two(secondOfDay % 60)
        if offset == 0 { out.append(90); return }
        out.append(offset < 0 ? 45 : 43)
        let magnitude = abs(offset)
        two(magnitude / 3600); out.append(58); two(magnitude / 60 % 60)
    }

    /// Days since 1970-01-01 → (year, month, day), Howard Hinnant's algorithm.
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
