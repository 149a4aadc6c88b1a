import Foundation
import PubsyncCore

/// The site's part of `pubsync check`: its columns, home page, links and footer.
extension StaticSiteAdapter: SpotCheckable {
    /// Stale and empty columns, a stale home page, broken links in the output folder and the
    /// footer keys the spot check requires.
    public func spotCheck(_ context: SpotCheckContext) async throws -> [CheckFinding] {
        var findings: [CheckFinding] = []
        func add(_ rule: String, _ severity: CheckSeverity, _ subject: String, _ detail: String) {
            findings.append(CheckFinding(rule: rule, severity: severity, channel: name, subject: subject, detail: detail))
        }
        var newest: [String: LocalDate] = [:]
        for item in context.live where (newest[item.category].map { item.published > $0 } ?? true) {
            newest[item.category] = item.published
        }
        let configured = Set(config.columns.keys)
        for category in configured.sorted() where newest[category] == nil {
            add(CheckRule.columnEmpty, .deduct, category, "the column has no live item (a blank column: fill it or remove it from [channels.columns])")
        }
        for (category, period) in context.updateWithin.sorted(by: { $0.key < $1.key }) {
            let start = period.start(endingOn: context.asOf)
            if let date = newest[category] {
                if date < start {
                    add(CheckRule.columnStale, .deduct, category, "the newest item is dated \(date); the column must have one within \(period) (on or after \(start))")
                }
            } else if !configured.contains(category) {
                add(CheckRule.columnStale, .deduct, category, "the column has no live item; it must have one within \(period)")
            }
        }
        let homeStart = context.asOf.adding(days: -SpotCheck.freshDays)
        let newestOverall = newest.values.max()
        if newestOverall.map({ $0 < homeStart }) ?? true {
            add(CheckRule.homeStale, .veto, SitePaths.home, newestOverall.map {
                "the newest item on the home page is dated \($0), more than \(SpotCheck.freshDays) days before \(context.asOf)"
            } ?? "the home page shows no item")
        }
        for (key, label) in SiteFooter.required where config.footer.value(forKey: key) == nil {
            add(CheckRule.footerMissing, .deduct, key, "set '\(key)' (\(label)) on the channel: every page's footer must show it")
        }
        if FileManager.default.fileExists(atPath: config.output.path) {
            for link in try SiteLinkChecker(root: config.output).brokenLinks() {
                add(CheckRule.brokenLink, .deduct, link.page, "links to \(link.href), which is no file in the output folder")
            }
        }
        return findings
    }
}
