import Foundation
import PubsyncCore

/// What every page in one folder depth shares: the variables every page gets, ready for the
/// templates, and the `header` and `footer` templates rendered with them. Made once per depth
/// and navigation and reused by every page there, as Hugo's `partialCached`: the navigation's
/// and the footer's look-ups were about half of an item page's.
final class SiteChromeCache: @unchecked Sendable {
    private let lock = NSLock()
    /// By root (`../../`): the navigation the values were made for, and the values.
    private var byRoot: [String: (nav: SiteNav, values: [String: Any])] = [:]

    /// The values for pages under `root` showing `nav`, made by `make` when not cached (a new
    /// navigation replaces the old one's).
    func values(root: String, nav: SiteNav, make: () throws -> [String: Any]) rethrows -> [String: Any] {
        try lock.withLock {
            if let cached = byRoot[root], cached.nav == nav { return cached.values }
            let values = try make()
            byRoot[root] = (nav, values)
            return values
        }
    }
}
